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

TEST(CsvField, NeutralisesTextASpreadsheetWouldRunAsAFormula) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\",\"click\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"");
  EXPECT_EQ(CsvField("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(CsvField("-1*2"), "'-1*2");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("\tx"), "'\tx");
  EXPECT_EQ(CsvField("\rx"), "\"'\rx\"");
  EXPECT_EQ(CsvField("'=x"), "''=x");
  EXPECT_EQ(CsvField("-"), "'-");
}

TEST(CsvField, LeavesNumbersAndOtherTextAlone) {
  for (const char* number : {"-0.5", "+3", "-1e-5", "12", "0.25"}) {
    EXPECT_EQ(CsvField(number), number);
  }
  EXPECT_EQ(CsvField("'quoted'"), "'quoted'");
  EXPECT_EQ(CsvField("a=b"), "a=b");
}

TEST(CsvUnprotect, UndoesExactlyWhatCsvFieldAdded) {
  for (const char* value :
       {"=x", "'=x", "''+y", "-1*2", "-0.5", "'plain", "plain", "'", "", "@", "\t", "-inf", "+"}) {
    std::string field = CsvField(value);
    if (field.front() == '"') field = field.substr(1, field.size() - 2);
    EXPECT_EQ(CsvUnprotect(field), value) << value;
  }
}

TEST(CsvRecord, JoinsFieldsAndEndsTheLine) {
  const std::vector<std::string> fields = {"1.1", "Violent discipline, past month", ""};
  EXPECT_EQ(CsvRecord(fields), "1.1,\"Violent discipline, past month\",\n");
}

}  // namespace
}  // namespace inspire::core
