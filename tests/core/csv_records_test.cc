#include "core/csv_records.h"

#include <gtest/gtest.h>

namespace inspire::core {
namespace {

TEST(CsvRecordsTest, ReadsQuotesLineBreaksCrlfAndByteOrderMark) {
  const auto read = ReadCsvRecords(
      "\xEF\xBB\xBFname, note\r\n\"a, b\",\"say \"\"hi\"\"\nthen go\"\r\n\r\nc,\n", "t.csv");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->header, (std::vector<std::string>{"name", "note"}));
  ASSERT_EQ(read->rows.size(), 2u);
  EXPECT_EQ(read->rows[0], (std::vector<std::string>{"a, b", "say \"hi\"\nthen go"}));
  EXPECT_EQ(read->rows[1], (std::vector<std::string>{"c", ""}));
  EXPECT_EQ(read->lines, (std::vector<size_t>{2, 5}));
}

TEST(CsvRecordsTest, ErrorsNameTheFileAndLine) {
  const auto message = [](std::string_view text) {
    const auto read = ReadCsvRecords(text, "t.csv");
    EXPECT_FALSE(read.has_value()) << text;
    return read ? std::string() : read.error().message;
  };
  EXPECT_EQ(message("a,b\n1,2\n3\n"), "t.csv: line 3: 1 fields where the header has 2");
  EXPECT_EQ(message("a\n\"open\n"), "t.csv: line 2: a quoted field is never closed");
  EXPECT_NE(message("a\n\"x\"y\n").find("line 2: text after a closing quote"), std::string::npos);
  EXPECT_NE(message("a\nx\"y\n").find("line 2: a quote inside an unquoted field"),
            std::string::npos);
  EXPECT_NE(message("a\nok\n\xC3\x28\n").find("line 3: the text is not UTF-8"), std::string::npos);
  EXPECT_NE(message("a,,b\n").find("column 2 of the header has no name"), std::string::npos);
  EXPECT_NE(message("a,a\n").find("names 'a' twice"), std::string::npos);
  EXPECT_EQ(message(""), "t.csv: the file is empty");
}

TEST(CsvRecordsTest, Utf8CheckRefusesOverlongFormsAndSurrogates) {
  EXPECT_TRUE(IsValidUtf8("plain, caf\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong "/"
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // cut short
}

}  // namespace
}  // namespace inspire::core
