#include "core/file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

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

// Only the folder's own entries: a leftover temporary would show here.
std::vector<std::string> Entries(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(WriteThroughTemporary, ReplacesTheFileOnlyWhenTheWriterSucceeds) {
  testing::TempDir dir;
  const auto path = dir.Write("out.csv", "old\n");
  const auto failed = WriteThroughTemporary(path, [](std::FILE* file) -> Result<void> {
    std::fputs("half a file", file);
    return Fail(ErrorCode::kValidation, "the writer gave up");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().message, "the writer gave up");
  EXPECT_EQ(ReadFile(path).value_or(""), "old\n");
  EXPECT_EQ(Entries(dir.path()), std::vector<std::string>{"out.csv"});

  const auto written = WriteThroughTemporary(path, [](std::FILE* file) -> Result<void> {
    std::fputs("new\n", file);
    return {};
  });
  ASSERT_TRUE(written.has_value()) << written.error().message;
  EXPECT_EQ(ReadFile(path).value_or(""), "new\n");
  EXPECT_EQ(Entries(dir.path()), std::vector<std::string>{"out.csv"});

  const auto nowhere = WriteThroughTemporary(dir.path() / "no-such-folder" / "out.csv",
                                             [](std::FILE*) -> Result<void> { return {}; });
  ASSERT_FALSE(nowhere.has_value());
  EXPECT_EQ(nowhere.error().code, ErrorCode::kIo);
  EXPECT_NE(nowhere.error().message.find("no-such-folder/out.csv"), std::string::npos);
}

}  // namespace
}  // namespace inspire::core
