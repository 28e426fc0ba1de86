#include "core/text_table.h"

#include <gtest/gtest.h>

namespace inspire::core {
namespace {

TEST(TextTable, AlignsColumnsUnderTheirHeaders) {
  TextTable table({{"id"}, {"count", Align::kRight}});
  table.AddRow({"P4", "3"});
  table.AddRow({"E7.5", "12"});
  EXPECT_EQ(table.Render(),
            "id    count\n"
            "----  -----\n"
            "P4        3\n"
            "E7.5     12\n");
}

TEST(TextTable, CountsCodePointsNotBytesForWidth) {
  TextTable table({{"name"}, {"x"}});
  table.AddRow({"Côte d'Ivoire", "1"});
  table.AddRow({"Chad", "2"});
  const std::string out = table.Render();
  EXPECT_NE(out.find("Côte d'Ivoire  1\n"), std::string::npos);
  EXPECT_NE(out.find("Chad           2\n"), std::string::npos);
}

TEST(TextTable, CutsLongCellsWithAnEllipsis) {
  TextTable table({{"name", Align::kLeft, 5}});
  table.AddRow({"abcdefgh"});
  EXPECT_NE(table.Render().find("abcd\u2026\n"), std::string::npos);
}

TEST(TextTable, WrapsLongCellsAtSpacesWhenAsked) {
  TextTable table({{"k"}, {"v", Align::kLeft, 10, true}});
  table.AddRow({"a", "one two three four"});
  EXPECT_EQ(table.Render(),
            "k  v\n"
            "-  ----------\n"
            "a  one two\n"
            "   three four\n");
}

TEST(DisplayWidth, IgnoresUtf8ContinuationBytes) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("Åland"), 5u);
  EXPECT_EQ(DisplayWidth(""), 0u);
}

}  // namespace
}  // namespace inspire::core
