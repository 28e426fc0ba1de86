// The pooled model beyond the metafor fixtures (reference_test.cc): properties that must hold
// for any data, edge cases (tau^2 at zero, identical effects, large units, extreme spread) and
// the errors.
#include "meta/model.h"

#include <gtest/gtest.h>

#include <cmath>

namespace inspire::meta {
namespace {

// Generalised Q at tau2.
double GeneralisedQ(const std::vector<double>& y, const std::vector<double>& v, double tau2) {
  double s1 = 0, sy = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    s1 += 1 / (v[i] + tau2);
    sy += y[i] / (v[i] + tau2);
  }
  double q = 0;
  for (size_t i = 0; i < y.size(); ++i) q += (y[i] - sy / s1) * (y[i] - sy / s1) / (v[i] + tau2);
  return q;
}

TEST(Model, FixedEffectIsTheInverseVarianceMean) {
  const std::vector<double> y = {0.1, 0.3}, v = {0.01, 0.04};
  auto fe = Pool(y, v, {Method::kFe, false, 0.95});
  ASSERT_TRUE(fe) << fe.error().message;
  EXPECT_NEAR(fe->estimate, (0.1 / 0.01 + 0.3 / 0.04) / (1 / 0.01 + 1 / 0.04), 1e-15);
  EXPECT_NEAR(fe->se, std::sqrt(1 / (1 / 0.01 + 1 / 0.04)), 1e-15);
  EXPECT_EQ(fe->tau2, 0);
  EXPECT_FALSE(fe->pi_low);
  EXPECT_NEAR(fe->weights[0] + fe->weights[1], 100, 1e-12);
}

TEST(Model, PauleMandelSolvesItsEquationEvenBeyondTheDefaultSearchRange) {
  // Effects in the thousands: tau^2 far above metafor's default upper bound of 100.
  const std::vector<double> y = {1200, 3400, 900, 5100, 2600}, v = {100, 400, 250, 900, 50};
  auto pm = Pool(y, v, {Method::kPm, false, 0.95});
  ASSERT_TRUE(pm) << pm.error().message;
  EXPECT_GT(pm->tau2, 1e6);
  EXPECT_NEAR(GeneralisedQ(y, v, pm->tau2), 4, 1e-8);
  auto reml = Pool(y, v, {Method::kReml, false, 0.95});
  ASSERT_TRUE(reml) << reml.error().message;
  EXPECT_GT(reml->tau2, 1e6);
  EXPECT_LT(reml->iterations, 100);
}

TEST(Model, HomogeneousEffectsGiveTauSquaredZeroAndEqualIntervals) {
  const std::vector<double> y = {0.2, 0.2, 0.2, 0.2}, v = {0.01, 0.02, 0.03, 0.04};
  for (Method method : {Method::kDl, Method::kReml, Method::kPm}) {
    auto fit = Pool(y, v, {method, false, 0.95});
    ASSERT_TRUE(fit) << MethodName(method);
    EXPECT_EQ(fit->tau2, 0) << MethodName(method);
    EXPECT_EQ(fit->i2, 0);
    EXPECT_EQ(fit->h2, 1);
    EXPECT_NEAR(fit->estimate, 0.2, 1e-15);
    ASSERT_TRUE(fit->pi_low);
    EXPECT_NEAR(*fit->pi_low, fit->ci_low, 1e-15);
  }
  // Knapp-Hartung with no residual spread: the scale is 0, as in metafor (no crash, no NaN p).
  auto knha = Pool(y, v, {Method::kReml, true, 0.95});
  ASSERT_TRUE(knha);
  EXPECT_EQ(knha->se, 0);
  EXPECT_EQ(knha->p, 0);
  EXPECT_EQ(knha->df, 3);
}

TEST(Model, ExtremeSpreadConvergesWithoutLooping) {
  const std::vector<double> y = {-30, 25, 0.001, 40, -12, 7}, v = {1e-6, 1e-6, 1e-6, 2, 1e-6, 3};
  for (Method method : {Method::kDl, Method::kReml, Method::kPm}) {
    auto fit = Pool(y, v, {method, true, 0.95});
    ASSERT_TRUE(fit) << MethodName(method) << ": " << fit.error().message;
    EXPECT_TRUE(std::isfinite(fit->estimate));
    EXPECT_GT(fit->tau2, 100);
    EXPECT_GT(fit->i2, 99.9);
  }
}

// Effects of 7.8e7 among effects near 0.2 (the fuzzer's finds), with each study left out in turn:
// the heterogeneity dwarfs the variances, and I^2 must still be within [0, 100] although rounding
// would pass 100 (the fixed-effect formula and the random-effects one alike).
TEST(Model, ISquaredStaysWithinItsBoundsWhenTauSquaredDwarfsTheVariances) {
  const std::vector<double> y = {0.20, 0.22, 77777770.19, 0.21, 0.44, 77777770.19, 0.21, 0.20};
  const std::vector<double> v = {0.04, 0.05, 0.03, 0.06, 0.05, 0.03, 0.06, 0.01};
  for (size_t out = 0; out <= y.size(); ++out) {  // out == size: none left out
    std::vector<double> ys, vs;
    for (size_t i = 0; i < y.size(); ++i) {
      if (i == out) continue;
      ys.push_back(y[i]);
      vs.push_back(v[i]);
    }
    for (Method method : {Method::kFe, Method::kDl, Method::kReml, Method::kPm}) {
      for (bool knha : {false, true}) {
        auto fit = Pool(ys, vs, {method, knha, 0.95});
        ASSERT_TRUE(fit) << MethodName(method) << ": " << fit.error().message;
        EXPECT_GE(fit->i2, 0) << MethodName(method) << " without study " << out;
        EXPECT_LE(fit->i2, 100) << MethodName(method) << " without study " << out;
      }
    }
  }
}

TEST(Model, TheIntervalWidensWithTheLevelAndUnderKnappHartung) {
  const std::vector<double> y = {0.1, 0.5, -0.2, 0.4}, v = {0.02, 0.03, 0.05, 0.01};
  auto z90 = Pool(y, v, {Method::kReml, false, 0.90});
  auto z99 = Pool(y, v, {Method::kReml, false, 0.99});
  ASSERT_TRUE(z90 && z99);
  EXPECT_LT(z90->ci_high - z90->ci_low, z99->ci_high - z99->ci_low);
  EXPECT_LE(z99->ci_high - z99->ci_low, *z99->pi_high - *z99->pi_low);
}

TEST(Model, ErrorsAreClear) {
  const std::vector<double> one = {0.1}, one_v = {0.01};
  auto single = Pool(one, one_v, {});
  ASSERT_FALSE(single);
  EXPECT_NE(single.error().message.find("at least 2 studies; there is 1"), std::string::npos);
  const std::vector<double> y = {0.1, 0.2}, zero_v = {0.01, 0};
  auto zero = Pool(y, zero_v, {});
  ASSERT_FALSE(zero);
  EXPECT_NE(zero.error().message.find("study 2"), std::string::npos);
  const std::vector<double> v = {0.01, 0.02};
  for (double level : std::vector<double>{0.0, 1.0, 95.0, -0.5, NAN}) {
    auto bad = Pool(y, v, {Method::kReml, false, level});
    ASSERT_FALSE(bad) << level;
    EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(LeaveOneOut(y, v, {}));  // needs three studies
  EXPECT_FALSE(ParseMethod("ML"));
}

TEST(Model, SubgroupsKeepFirstAppearanceOrderAndTestDifferences) {
  const std::vector<double> y = {0.1, 0.5, 0.2, 0.6, 0.3}, v = {0.01, 0.02, 0.01, 0.02, 0.03};
  const std::vector<std::string> levels = {"RCT", "quasi", "RCT", "quasi", ""};
  auto groups = Subgroups(y, v, levels, {Method::kDl, false, 0.95});
  ASSERT_TRUE(groups) << groups.error().message;
  ASSERT_EQ(groups->groups.size(), 3U);
  EXPECT_EQ(groups->groups[0].level, "RCT");
  EXPECT_EQ(groups->groups[1].level, "quasi");
  EXPECT_EQ(groups->groups[2].level, "");
  EXPECT_EQ(groups->groups[2].pooled.k, 1);
  EXPECT_NEAR(groups->groups[2].pooled.estimate, 0.3, 1e-15);
  ASSERT_TRUE(groups->q_between);
  EXPECT_EQ(groups->df_between, 2);
  auto one = Subgroups(y, v, std::vector<std::string>(5, "all"), {});
  ASSERT_TRUE(one);
  EXPECT_FALSE(one->q_between);
}

}  // namespace
}  // namespace inspire::meta
