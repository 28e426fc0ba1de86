// The forest plot: every study and the pooled result drawn and labelled, ratio axes in ratios,
// intervals running off the axis marked with arrows, text escaped.
#include "charts/forest.h"

#include <gtest/gtest.h>

#include <cmath>

#include "support/occurrences.h"

namespace inspire::charts {
namespace {

ForestPlot Plot(bool log_scale) {
  ForestPlot plot;
  plot.column_headers = {"country"};
  plot.rows = {{"Amani 2014", {"KEN"}, std::log(0.6), std::log(0.35), std::log(1.0), 40},
               {"Baraka <2016>", {"TZA"}, std::log(0.5), std::log(0.3), std::log(0.8), 60}};
  plot.summary = ForestSummary{"Pooled (REML, k = 2)", std::log(0.55), std::log(0.4),
                               std::log(0.75),         std::log(0.3),  std::log(1.1)};
  plot.log_scale = log_scale;
  plot.effect_label = "Odds ratio";
  return plot;
}

TEST(ForestTest, DrawsStudiesDiamondAndPredictionInterval) {
  const std::string svg = Forest(Plot(true), {"Forest plot", "Pooled odds ratio 0.55"});
  EXPECT_EQ(svg.rfind("<svg", 0), 0U);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  EXPECT_NE(svg.find("<title id="), std::string::npos);
  EXPECT_NE(svg.find("Pooled odds ratio 0.55"), std::string::npos);
  EXPECT_EQ(testing::Occurrences(svg, "<rect "), 2U);     // one square per study
  EXPECT_EQ(testing::Occurrences(svg, "Z\" fill="), 1U);  // the diamond
  EXPECT_NE(svg.find("Prediction interval"), std::string::npos);
  EXPECT_NE(svg.find("Baraka &lt;2016&gt;"), std::string::npos);
  EXPECT_NE(svg.find("0.60 [0.35, 1.00]"), std::string::npos);  // back-transformed
  EXPECT_NE(svg.find(">1</text>"), std::string::npos);          // the axis in ratios
  EXPECT_NE(svg.find("60.0%"), std::string::npos);
}

TEST(ForestTest, IdentityScaleAndIntervalsOffTheAxis) {
  ForestPlot plot = Plot(false);
  plot.rows[0] = {"Wide", {"KEN"}, 0.1, -1e9, 1e9, 1};  // clamped to the axis, with arrows
  const std::string svg = Forest(plot, {"t", "d"});
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
  EXPECT_GE(testing::Occurrences(svg, "<path d=\"M"), 2U);
}

TEST(ForestTest, EffectText) {
  EXPECT_EQ(EffectText(std::log(0.64), true), "0.64");
  EXPECT_EQ(EffectText(std::log(0.005), true), "0.005");
  EXPECT_EQ(EffectText(-0.0291, false), "-0.03");
  EXPECT_EQ(EffectText(12.34, false), "12.3");
  EXPECT_EQ(EffectText(1234.5, false), "1234");
}

}  // namespace
}  // namespace inspire::charts
