#include "survey/csv_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace inspire::survey {
namespace {

Table Parse(std::string_view text) {
  auto table = ParseCsv(text, "t.csv");
  EXPECT_TRUE(table.has_value()) << table.error().message;
  return table.value_or(Table());
}

std::string CsvError(std::string_view text) {
  auto table = ParseCsv(text, "t.csv");
  EXPECT_FALSE(table.has_value());
  return table.has_value() ? "" : table.error().message;
}

TEST(ParseCsv, ReadsNumbersAndMissingTokens) {
  const Table t = Parse("a,b\n1,2.5\n,NA\n.,-3e2\n");
  ASSERT_EQ(t.rows(), 3u);
  EXPECT_EQ(t.Find("a")->values[0], 1);
  EXPECT_TRUE(IsMissing(t.Find("a")->values[1]));
  EXPECT_TRUE(IsMissing(t.Find("a")->values[2]));
  EXPECT_TRUE(IsMissing(t.Find("b")->values[1]));
  EXPECT_EQ(t.Find("b")->values[2], -300);
}

TEST(ParseCsv, CodesTextColumnsInSortedOrderEvenWhenTextAppearsLate) {
  const Table t = Parse("region\n1\n2\nSouth\nNorth\n1\n");
  const Column* region = t.Find("region");
  ASSERT_TRUE(region->is_text);
  EXPECT_EQ(region->LabelOf(region->values[0]), "1");
  EXPECT_EQ(region->LabelOf(region->values[2]), "South");
  EXPECT_EQ(region->CodeOf("1"), 1);
  EXPECT_EQ(region->CodeOf("North"), 3);
  EXPECT_EQ(region->values[4], region->values[0]);
}

TEST(ParseCsv, HandlesQuotesCommasAndLineBreaksInsideFields) {
  const Table t = Parse("name,n\n\"Smith, J\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n");
  ASSERT_EQ(t.rows(), 3u);
  const Column* name = t.Find("name");
  EXPECT_EQ(name->LabelOf(name->values[0]), "Smith, J");
  EXPECT_EQ(name->LabelOf(name->values[1]), "say \"hi\"");
  EXPECT_EQ(name->LabelOf(name->values[2]), "two\nlines");
  EXPECT_EQ(t.Find("n")->values[2], 3);
}

TEST(ParseCsv, AcceptsCrlfAByteOrderMarkAndAMissingFinalNewline) {
  const Table t = Parse("\xEF\xBB\xBFx,y\r\n1,2\r\n3,4");
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_NE(t.Find("x"), nullptr);
  EXPECT_EQ(t.Find("y")->values[1], 4);
}

TEST(ParseCsv, NamesTheLineOfARaggedRow) {
  EXPECT_EQ(CsvError("a,b\n1,2\n3\n"), "t.csv:3: row has 1 field, the header has 2");
  EXPECT_EQ(CsvError("a,b\n1,2,3\n"), "t.csv:2: row has 3 fields, the header has 2");
}

TEST(ParseCsv, CountsLinesInsideQuotedFieldsForMessages) {
  EXPECT_EQ(CsvError("a,b\n\"x\ny\",1\n1\n"), "t.csv:4: row has 1 field, the header has 2");
}

TEST(ParseCsv, RefusesInvalidUtf8WithItsLine) {
  EXPECT_EQ(CsvError("a\nok\n\xff\n"),
            "t.csv:3: invalid UTF-8 (byte 0xff); save the file as UTF-8");
  EXPECT_NE(CsvError("a\n\xC0\xAF\n").find("invalid UTF-8"), std::string::npos);  // overlong
}

TEST(ParseCsv, RefusesEmptyFilesAndBadHeaders) {
  EXPECT_EQ(CsvError(""), "t.csv: the file is empty (expected a header row)");
  EXPECT_EQ(CsvError("\n\n"), "t.csv: the file is empty (expected a header row)");
  EXPECT_EQ(CsvError("a,,b\n"), "t.csv:1: column 2 has an empty name in the header");
  EXPECT_EQ(CsvError("a,b,a\n"), "t.csv:1: column name 'a' appears twice (columns 1 and 3)");
}

TEST(ParseCsv, RefusesUnclosedQuotesAndTextAfterAQuote) {
  EXPECT_NE(CsvError("a\n\"open\n").find("never closed"), std::string::npos);
  EXPECT_NE(CsvError("a\n\"x\"y\n").find("text after its closing quote"), std::string::npos);
}

TEST(ParseCsv, StoresOnlyWantedColumnsButKnowsEveryName) {
  const std::set<std::string> wanted = {"b"};
  const auto table = ParseCsv("a,b,c\n1,2,x\n4,5,y\n", "t.csv", &wanted);
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->Names(), std::vector<std::string>{"b"});
  EXPECT_EQ(table->AllNames(), (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(table->Find("b")->values.ToVector(), (std::vector<double>{2, 5}));
  EXPECT_EQ(table->Find("a"), nullptr);
  EXPECT_FALSE(ParseCsv("a,b\n1\n", "t.csv", &wanted).has_value());  // shape still checked
}

TEST(ParseCsv, AcceptsAHeaderWithoutRows) {
  const Table t = Parse("a,b\n");
  EXPECT_EQ(t.rows(), 0u);
  EXPECT_EQ(t.columns().size(), 2u);
}

// A file large enough to be cut into several chunks (4 MB each at least), with a column that is
// numeric in the first chunk and text in a later one, decimals, missing tokens and a blank line.
std::string LargeCsv(const std::string& line_end) {
  std::string text = "id,code,late,share,gaps" + line_end;
  const int rows = 400000;
  for (int i = 0; i < rows; ++i) {
    text += std::to_string(i) + "," + std::to_string(i % 7) + ",";
    text +=
        i > rows * 3 / 4 && i % 1000 == 0 ? "ward " + std::to_string(i % 3) : std::to_string(i % 5);
    text += "," + std::to_string(i % 11) + "." + std::to_string(i % 10) + ",";
    text += i % 3 == 0 ? "" : (i % 3 == 1 ? "NA" : "12345");
    text += line_end;
    if (i == rows / 2) text += line_end;  // a blank line in the middle
  }
  return text;
}

void ExpectSameTables(const Table& a, const Table& b) {
  ASSERT_EQ(a.rows(), b.rows());
  ASSERT_EQ(a.Names(), b.Names());
  for (const auto& column : a.columns()) {
    const Column& other = *b.Find(column.name);
    EXPECT_EQ(column.is_text, other.is_text) << column.name;
    EXPECT_EQ(column.value_labels, other.value_labels) << column.name;
    const std::vector<double> x = column.values.ToVector();
    const std::vector<double> y = other.values.ToVector();
    for (size_t row = 0; row < x.size(); ++row) {
      if (std::isnan(x[row]) && std::isnan(y[row])) continue;
      ASSERT_EQ(x[row], y[row]) << column.name << " row " << row;
    }
  }
}

TEST(ParseCsvInChunks, GivesTheSameTableOnAnyNumberOfThreads) {
  const std::string text = LargeCsv("\n");
  auto one = ParseCsv(text, "big.csv", nullptr, 1);
  ASSERT_TRUE(one.has_value()) << one.error().message;
  EXPECT_EQ(one->rows(), 400000u);
  EXPECT_TRUE(one->Find("late")->is_text);  // numbers read before the text are text too
  EXPECT_EQ(one->Find("late")->LabelOf(one->Find("late")->values[0]), "0");
  for (const int threads : {2, 3, 8}) {
    auto many = ParseCsv(text, "big.csv", nullptr, threads);
    ASSERT_TRUE(many.has_value()) << many.error().message;
    ExpectSameTables(*one, *many);
  }
  auto crlf = ParseCsv(LargeCsv("\r\n"), "big.csv", nullptr, 4);
  ASSERT_TRUE(crlf.has_value()) << crlf.error().message;
  ExpectSameTables(*one, *crlf);
}

TEST(ParseCsvInChunks, AQuoteOnlyNearTheEndStillReadsAsQuoted) {
  // The last row's quoted field holds a comma and a line end: a chunk cut inside it would read
  // three fields and a broken row. Each chunk looks for quotes itself, so the whole body must go
  // through the general tokenizer whichever chunk finds one.
  std::string text = LargeCsv("\n");
  text += "400000,1,\"ward 9,\nnorth\",2.5,\n";
  auto one = ParseCsv(text, "late.csv", nullptr, 1);
  ASSERT_TRUE(one.has_value()) << one.error().message;
  EXPECT_EQ(one->rows(), 400001u);
  const Column& late = *one->Find("late");
  EXPECT_EQ(late.LabelOf(late.values[400000]), "ward 9,\nnorth");
  for (const int threads : {2, 4}) {
    auto many = ParseCsv(text, "late.csv", nullptr, threads);
    ASSERT_TRUE(many.has_value()) << many.error().message;
    ExpectSameTables(*one, *many);
  }
  // An unclosed quote at the end is named by its line whatever the threads.
  std::string open = LargeCsv("\n");
  open += "400000,1,\"ward,2.5,\n";
  for (const int threads : {1, 4}) {
    auto table = ParseCsv(open, "open.csv", nullptr, threads);
    ASSERT_FALSE(table.has_value());
    EXPECT_EQ(table.error().message, "open.csv:400003: field 3 opens a quote that is never closed");
  }
}

TEST(ParseCsvInChunks, NamesTheRightLineOfAnErrorInALaterChunk) {
  const std::string good = LargeCsv("\n");
  // The file's last line number: the header, 400000 rows and one blank line.
  const std::string last_line = std::to_string(1 + 400000 + 1);
  for (const int threads : {1, 4}) {
    std::string ragged = good;
    ragged.insert(ragged.size() - 1, ",9");
    auto table = ParseCsv(ragged, "big.csv", nullptr, threads);
    ASSERT_FALSE(table.has_value());
    EXPECT_EQ(table.error().message,
              "big.csv:" + last_line + ": row has 6 fields, the header has 5");
    std::string bad_byte = good;
    bad_byte.insert(bad_byte.size() - 2, "\xff");
    table = ParseCsv(bad_byte, "big.csv", nullptr, threads);
    ASSERT_FALSE(table.has_value());
    EXPECT_EQ(table.error().message,
              "big.csv:" + last_line + ": invalid UTF-8 (byte 0xff); save the file as UTF-8");
  }
}

}  // namespace
}  // namespace inspire::survey
