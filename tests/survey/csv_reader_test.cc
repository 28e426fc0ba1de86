#include "survey/csv_reader.h"

#include <gtest/gtest.h>

namespace inspire::survey {
namespace {

Table Parse(std::string_view text) {
  auto table = ParseCsv(text, "t.csv");
  EXPECT_TRUE(table.has_value()) << table.error().message;
  return table.value_or(Table());
}

std::string ParseError(std::string_view text) {
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
  EXPECT_EQ(ParseError("a,b\n1,2\n3\n"), "t.csv:3: row has 1 field, the header has 2");
  EXPECT_EQ(ParseError("a,b\n1,2,3\n"), "t.csv:2: row has 3 fields, the header has 2");
}

TEST(ParseCsv, CountsLinesInsideQuotedFieldsForMessages) {
  EXPECT_EQ(ParseError("a,b\n\"x\ny\",1\n1\n"), "t.csv:4: row has 1 field, the header has 2");
}

TEST(ParseCsv, RefusesInvalidUtf8WithItsLine) {
  EXPECT_EQ(ParseError("a\nok\n\xff\n"),
            "t.csv:3: invalid UTF-8 (byte 0xff); save the file as UTF-8");
  EXPECT_NE(ParseError("a\n\xC0\xAF\n").find("invalid UTF-8"), std::string::npos);  // overlong
}

TEST(ParseCsv, RefusesEmptyFilesAndBadHeaders) {
  EXPECT_EQ(ParseError(""), "t.csv: the file is empty (expected a header row)");
  EXPECT_EQ(ParseError("\n\n"), "t.csv: the file is empty (expected a header row)");
  EXPECT_EQ(ParseError("a,,b\n"), "t.csv:1: column 2 has an empty name in the header");
  EXPECT_EQ(ParseError("a,b,a\n"), "t.csv:1: column name 'a' appears twice (columns 1 and 3)");
}

TEST(ParseCsv, RefusesUnclosedQuotesAndTextAfterAQuote) {
  EXPECT_NE(ParseError("a\n\"open\n").find("never closed"), std::string::npos);
  EXPECT_NE(ParseError("a\n\"x\"y\n").find("text after its closing quote"), std::string::npos);
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

}  // namespace
}  // namespace inspire::survey
