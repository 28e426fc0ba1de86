// Effect sizes of single studies: the formulas on hand-computed cases and every rule a study's
// numbers can break (the file-level errors are in studies_test.cc).
#include "meta/effect_size.h"

#include <gtest/gtest.h>

#include <cmath>

namespace inspire::meta {
namespace {

Reported Events(double ai, double n1i, double ci, double n2i) {
  return {Layout::kEvents, {ai, n1i, ci, n2i}};
}
Reported Means(double m1, double sd1, double n1, double m2, double sd2, double n2) {
  return {Layout::kMeans, {m1, sd1, n1, m2, sd2, n2}};
}

TEST(EffectSize, OddsRatioWithoutZeroCells) {
  auto e = ComputeEffect(Measure::kOr, Events(10, 50, 20, 50));
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_NEAR(e->yi, std::log((10.0 * 30) / (40.0 * 20)), 1e-15);
  EXPECT_NEAR(e->vi, 1 / 10.0 + 1 / 40.0 + 1 / 20.0 + 1 / 30.0, 1e-15);
}

TEST(EffectSize, HalfIsAddedOnlyToTablesWithAZeroCell) {
  auto e = ComputeEffect(Measure::kOr, Events(0, 40, 4, 40));
  ASSERT_TRUE(e);
  EXPECT_NEAR(e->yi, std::log((0.5 * 36.5) / (40.5 * 4.5)), 1e-15);
  EXPECT_NEAR(e->vi, 1 / 0.5 + 1 / 40.5 + 1 / 4.5 + 1 / 36.5, 1e-15);
  // All events in both groups: the non-event cells are the zeros.
  auto all = ComputeEffect(Measure::kRr, Events(40, 40, 30, 30));
  ASSERT_TRUE(all);
  EXPECT_NEAR(all->yi, std::log((40.5 / 41) / (30.5 / 31)), 1e-15);
}

TEST(EffectSize, RiskRatioAndRiskDifference) {
  auto rr = ComputeEffect(Measure::kRr, Events(10, 50, 20, 50));
  ASSERT_TRUE(rr);
  EXPECT_NEAR(rr->yi, std::log(0.5), 1e-15);
  EXPECT_NEAR(rr->vi, 1 / 10.0 - 1 / 50.0 + 1 / 20.0 - 1 / 50.0, 1e-15);
  auto rd = ComputeEffect(Measure::kRd, Events(10, 50, 20, 50));
  ASSERT_TRUE(rd);
  EXPECT_NEAR(rd->yi, -0.2, 1e-15);
  EXPECT_NEAR(rd->vi, 0.2 * 0.8 / 50 + 0.4 * 0.6 / 50, 1e-15);
}

TEST(EffectSize, HedgesGAndMeanDifference) {
  auto g = ComputeEffect(Measure::kSmd, Means(10, 2, 20, 9, 2, 20));
  ASSERT_TRUE(g);
  // d = 0.5; J(38) = exp(lgamma(19) - log(sqrt(19)) - lgamma(18.5)).
  const double j = std::exp(std::lgamma(19.0) - std::log(std::sqrt(19.0)) - std::lgamma(18.5));
  EXPECT_NEAR(g->yi, 0.5 * j, 1e-14);
  EXPECT_NEAR(g->vi, 0.1 + g->yi * g->yi / 80, 1e-14);
  EXPECT_LT(g->yi, 0.5);  // the correction shrinks d
  auto md = ComputeEffect(Measure::kMd, Means(10, 2, 20, 9, 3, 30));
  ASSERT_TRUE(md);
  EXPECT_DOUBLE_EQ(md->yi, 1);
  EXPECT_NEAR(md->vi, 4.0 / 20 + 9.0 / 30, 1e-15);
}

TEST(EffectSize, GenericEffectsTakeVarianceOrStandardError) {
  auto vi = ComputeEffect(Measure::kGen, {Layout::kYiVi, {0.3, 0.04}});
  ASSERT_TRUE(vi);
  EXPECT_DOUBLE_EQ(vi->vi, 0.04);
  auto sei = ComputeEffect(Measure::kGen, {Layout::kYiSei, {0.3, 0.2}});
  ASSERT_TRUE(sei);
  EXPECT_NEAR(sei->vi, 0.04, 1e-17);
}

struct BadCase {
  Measure measure;
  Reported reported;
  std::string field;
  std::string words;
};

TEST(EffectSize, NumbersThatBreakARuleNameTheColumn) {
  const std::vector<BadCase> cases = {
      {Measure::kOr, Events(-1, 50, 20, 50), "ai", "negative"},
      {Measure::kOr, Events(10, 50, 20, -50), "n2i", "negative"},
      {Measure::kRr, Events(60, 50, 20, 50), "ai", "more than the group total"},
      {Measure::kRd, Events(10, 50, 51, 50), "ci", "more than the group total"},
      {Measure::kOr, Events(0, 0, 20, 50), "n1i", "is 0"},
      {Measure::kSmd, Means(10, 0, 20, 9, 2, 20), "sd1i", "greater than 0"},
      {Measure::kMd, Means(10, 2, 20, 9, -2, 20), "sd2i", "greater than 0"},
      {Measure::kSmd, Means(10, 2, 1, 9, 2, 20), "n1i", "at least 2"},
      {Measure::kGen, {Layout::kYiVi, {0.3, 0}}, "vi", "greater than 0"},
      {Measure::kGen, {Layout::kYiSei, {0.3, -0.1}}, "sei", "greater than 0"},
      {Measure::kGen, {Layout::kYiVi, {NAN, 0.1}}, "yi", "finite"},
      {Measure::kOr, Events(10, INFINITY, 20, 50), "n1i", "finite"},
      // Magnitudes no study has (a unit or typing error) would overflow the pooled sums.
      {Measure::kGen, {Layout::kYiVi, {7.7e125, 0.03}}, "yi", "between -1e+08 and 1e+08"},
      {Measure::kGen, {Layout::kYiVi, {0.3, 1e-30}}, "vi", "between 1e-12 and 1e+16"},
      {Measure::kGen, {Layout::kYiSei, {0.3, 1e9}}, "sei", "standard errors between"},
      {Measure::kMd, Means(1e300, 2, 20, 9, 2, 20), "", "the effect size is 1e+300"},
  };
  for (const auto& c : cases) {
    auto e = ComputeEffect(c.measure, c.reported);
    ASSERT_FALSE(e) << c.field;
    EXPECT_EQ(e.error().field, c.field);
    EXPECT_NE(e.error().message.find(c.words), std::string::npos) << e.error().message;
  }
  // Numbers of the wrong layout for the measure.
  EXPECT_FALSE(ComputeEffect(Measure::kSmd, Events(1, 2, 1, 2)));
}

TEST(EffectSize, MeasureNamesRoundTrip) {
  for (const char* name : {"OR", "RR", "RD", "SMD", "MD", "GEN"}) {
    auto measure = ParseMeasure(name);
    ASSERT_TRUE(measure) << name;
    EXPECT_EQ(MeasureName(*measure), name);
  }
  auto bad = ParseMeasure("HR");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("OR, RR, RD, SMD, MD or GEN"), std::string::npos);
  EXPECT_TRUE(IsLogScale(Measure::kOr));
  EXPECT_FALSE(IsLogScale(Measure::kRd));
}

}  // namespace
}  // namespace inspire::meta
