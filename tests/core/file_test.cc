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

}  // namespace
}  // namespace inspire::core
