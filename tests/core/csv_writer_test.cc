#include "core/csv_writer.h"

#include <gtest/gtest.h>

namespace inspire::core {
namespace {

TEST(CsvField, LeavesPlainTextAlone) { EXPECT_EQ(CsvField("Kenya"), "Kenya"); }

TEST(CsvField, QuotesCommasQuotesAndLineBreaks) {
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
}

TEST(CsvRecord, JoinsFieldsAndEndsTheLine) {
  const std::vector<std::string> fields = {"1.1", "Violent discipline, past month", ""};
  EXPECT_EQ(CsvRecord(fields), "1.1,\"Violent discipline, past month\",\n");
}

}  // namespace
}  // namespace inspire::core
