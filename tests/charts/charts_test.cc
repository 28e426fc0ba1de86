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

// Means and totals: written in their own unit and drawn on an axis of 1, 2 or 5 times a power of
// ten from 0, never as percentages.
TEST(ChartsTest, MeansAndTotalsKeepTheirUnit) {
  EXPECT_EQ(FormatValue(Scale::kCount, 3225378.49), "3,225,378");
  EXPECT_EQ(FormatValue(Scale::kCount, 999), "999");
  EXPECT_EQ(FormatValue(Scale::kCount, -1500), "-1,500");
  EXPECT_EQ(FormatValue(Scale::kMean, 14.8321), "14.83");
  EXPECT_EQ(FormatValue(Scale::kPercent, 0.425), "42.5%");
  const std::string svg = BarsWithIntervals({{"Female", "", 2.1e6, 1.6e6, 2.6e6, Quality::kOk},
                                             {"Male", "", 1.2e6, 0.9e6, 1.5e6, Quality::kOk}},
                                            {"People", "Two groups", Scale::kCount});
  EXPECT_NE(svg.find("2,100,000 (1,600,000–2,600,000)"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">3M</text>"), std::string::npos) << svg;  // the axis tops out at 3M
  EXPECT_EQ(svg.find('%'), std::string::npos) << svg;
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
