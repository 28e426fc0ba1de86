#include "core/file.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace inspire::core {
namespace {

TEST(ReadFile, ReturnsTheBytesOfAFile) {
  testing::TempDir dir;
  const auto path = dir.Write("a.txt", std::string("x\0y", 3));
  const auto text = ReadFile(path);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(*text, std::string("x\0y", 3));
}

TEST(ReadFile, NamesAMissingFile) {
  const auto text = ReadFile("/nonexistent/inspire.yaml");
  ASSERT_FALSE(text.has_value());
  EXPECT_EQ(text.error().code, ErrorCode::kNotFound);
  EXPECT_NE(text.error().message.find("/nonexistent/inspire.yaml"), std::string::npos);
}

TEST(ReadFile, RefusesADirectory) {
  testing::TempDir dir;
  const auto text = ReadFile(dir.path());
  ASSERT_FALSE(text.has_value());
  EXPECT_EQ(text.error().code, ErrorCode::kInvalidArgument);
}

TEST(MappedFile, ViewsTheBytesOfAFileAndSurvivesReleaseAndMove) {
  testing::TempDir dir;
  std::string contents(3 << 20, 'a');
  for (size_t i = 0; i < contents.size(); i += 4099) contents[i] = static_cast<char>('0' + i % 10);
  const auto path = dir.Write("big.csv", contents);
  auto file = MappedFile::Open(path);
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(file->view(), contents);
  // Released pages read back the same bytes.
  file->Release(file->view().data(), file->view().data() + file->view().size() / 2);
  EXPECT_EQ(file->view(), contents);
  MappedFile moved = std::move(*file);
  EXPECT_EQ(moved.view(), contents);
  EXPECT_TRUE(file->view().empty());
}

TEST(MappedFile, ReadsEmptyFilesAndFilesThatCannotBeMapped) {
  testing::TempDir dir;
  auto empty = MappedFile::Open(dir.Write("empty.csv", ""));
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->view().empty());
  auto null_device = MappedFile::Open("/dev/null");  // a character device: read, not mapped
  ASSERT_TRUE(null_device.has_value());
  EXPECT_TRUE(null_device->view().empty());
  auto small = MappedFile::Open(dir.Write("s.csv", "a,b\n1,2\n"));
  ASSERT_TRUE(small.has_value());
  MappedFile moved = std::move(*small);
  EXPECT_EQ(moved.view(), "a,b\n1,2\n");
}

TEST(MappedFile, HasTheErrorsOfReadFile) {
  testing::TempDir dir;
  auto missing = MappedFile::Open("/nonexistent/survey.csv");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto directory = MappedFile::Open(dir.path());
  ASSERT_FALSE(directory.has_value());
  EXPECT_EQ(directory.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace inspire::core
