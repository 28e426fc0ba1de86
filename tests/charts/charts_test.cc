#include "charts/charts.h"

#include <gtest/gtest.h>

#include "support/occurrences.h"

namespace inspire::charts {
namespace {

TEST(ChartsTest, DotWhiskerDrawsEachRowAndMarksSuppressedOnesWithoutANumber) {
  std::vector<Interval> rows = {
      {"Total", "", 0.425, 0.39, 0.46, Quality::kOk},
      {"Girls <15 & \"boys\"", "", 0.31, 0.2, 0.45, Quality::kCaution},
      {"Region 9", "", 0.0, std::nullopt, std::nullopt, Quality::kSuppressed}};
  const std::string svg = DotWhisker(rows, {"Title <b>", "Three groups"});
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id="), std::string::npos);
  EXPECT_NE(svg.find("Title &lt;b&gt;"), std::string::npos);  // escaped
  EXPECT_NE(svg.find("Girls &lt;15 &amp; &quot;boys&quot;"), std::string::npos);
  EXPECT_EQ(testing::Occurrences(svg, "<circle"), 2u);  // no dot for the suppressed row
  EXPECT_NE(svg.find("suppressed (too few respondents)"), std::string::npos);
  EXPECT_NE(svg.find("42.5% (39.0%–46.0%)"), std::string::npos);
  EXPECT_NE(svg.find("31.0% (20.0%–45.0%) †"), std::string::npos);  // caution marked
  EXPECT_NE(svg.find("fill=\"#ffffff\""), std::string::npos);       // hollow dot for caution
  EXPECT_EQ(testing::Occurrences(svg, "% ("), 2u);  // values for the two published rows only
}

TEST(ChartsTest, AxesUseRoundSteps) {
  const std::string small = DotWhisker({{"a", "", 0.07, 0.05, 0.09, Quality::kOk}}, {"t", "d"});
  EXPECT_NE(small.find(">10%</text>"), std::string::npos);
  EXPECT_NE(small.find(">2%</text>"), std::string::npos);
  const std::string large =
      BarsWithIntervals({{"a", "", 0.55, 0.5, 0.58, Quality::kOk}}, {"t", "d"});
  EXPECT_NE(large.find(">60%</text>"), std::string::npos);
  EXPECT_NE(large.find(">10%</text>"), std::string::npos);
  EXPECT_NE(large.find("<rect"), std::string::npos);
}

TEST(ChartsTest, TrendShowsRoundsBaselineAndTarget) {
  const std::string svg =
      Trend({{2013, 0.53, 0.5, 0.56, "VACS"}, {2018, 0.47, 0.44, 0.5, "VACS"}},
            {{2013, 0.53, "Baseline 2013"}, {2030, 0.27, "Target 2030"}}, {"Trend", "Falling"});
  EXPECT_NE(svg.find("<polyline"), std::string::npos);
  EXPECT_NE(svg.find("Target 2030 27.0%"), std::string::npos);
  EXPECT_NE(svg.find("Baseline 2013 53.0%"), std::string::npos);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(svg.find(">2030</text>"), std::string::npos);
  // No points at all still gives a valid, empty chart.
  const std::string empty = Trend({}, {}, {"Empty", "No data"});
  EXPECT_NE(empty.find("</svg>"), std::string::npos);
}

TEST(ChartsTest, PercentAndEscaping) {
  EXPECT_EQ(Percent(0.4256), "42.6%");
  EXPECT_EQ(EscapeXml("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
}

}  // namespace
}  // namespace inspire::charts
