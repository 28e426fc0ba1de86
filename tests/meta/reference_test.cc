// The meta-analysis against R's metafor: every effect size and variance (escalc), every field of
// the pooled model (rma + predict), the percent weights, leave-one-out and subgroup results of
// tests/data/meta/reference.json (made by reference.R from the CSV files beside it) to 1e-6
// relative, for each measure, method (FE, DL, REML, PM), test (z, Knapp-Hartung) and level.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/file.h"
#include "meta/model.h"
#include "meta/studies.h"

namespace inspire::meta {
namespace {

const std::string kDir = std::string(INSPIRE_TEST_DATA_DIR) + "/meta/";

// 1e-6 relative; values R gives as exactly 0 (tau^2 at the boundary) must be within 1e-12.
void ExpectClose(const nlohmann::json& expected, double actual, const std::string& what) {
  ASSERT_TRUE(expected.is_number()) << what << " is " << expected.dump();
  const double want = expected.get<double>();
  const double tolerance = std::max(1e-6 * std::fabs(want), 1e-12);
  EXPECT_NEAR(actual, want, tolerance) << what;
}

void ExpectPooled(const nlohmann::json& expected, const Pooled& actual, const std::string& what,
                  bool full) {
  ExpectClose(expected["estimate"], actual.estimate, what + " estimate");
  ExpectClose(expected["se"], actual.se, what + " se");
  ExpectClose(expected["ci_low"], actual.ci_low, what + " ci_low");
  ExpectClose(expected["ci_high"], actual.ci_high, what + " ci_high");
  if (expected.contains("k")) {
    EXPECT_EQ(expected["k"].get<int>(), actual.k) << what << " k";
  }
  if (!expected.contains("tau2")) return;
  ExpectClose(expected["tau2"], actual.tau2, what + " tau2");
  ExpectClose(expected["i2"], actual.i2, what + " i2");
  ExpectClose(expected["h2"], actual.h2, what + " h2");
  ExpectClose(expected["q"], actual.q, what + " q");
  ExpectClose(expected["q_p"], actual.q_p, what + " q_p");
  if (!full) return;
  ExpectClose(expected["zval"], actual.statistic, what + " statistic");
  ExpectClose(expected["pval"], actual.p, what + " p");
  if (expected["pi_low"].is_null()) {
    EXPECT_FALSE(actual.pi_low.has_value()) << what << " has a prediction interval";
  } else {
    ASSERT_TRUE(actual.pi_low && actual.pi_high) << what << " has no prediction interval";
    ExpectClose(expected["pi_low"], *actual.pi_low, what + " pi_low");
    ExpectClose(expected["pi_high"], *actual.pi_high, what + " pi_high");
  }
}

TEST(MetaReference, MatchesMetafor) {
  auto text = core::ReadFile(kDir + "reference.json");
  ASSERT_TRUE(text) << text.error().message;
  const auto reference = nlohmann::json::parse(*text);
  ASSERT_GE(reference["cases"].size(), 60U);
  for (const auto& c : reference["cases"]) {
    const std::string what = fmt::format(
        "{} {} {} {} level {}", c["file"].get<std::string>(), c["measure"].get<std::string>(),
        c["method"].get<std::string>(), c["test"].get<std::string>(), c["level"].get<double>());
    SCOPED_TRACE(what);
    auto file = core::ReadFile(kDir + c["file"].get<std::string>());
    ASSERT_TRUE(file) << file.error().message;
    auto measure = ParseMeasure(c["measure"].get<std::string>());
    ASSERT_TRUE(measure);
    auto studies = ParseStudies(*file, c["file"].get<std::string>(), *measure);
    ASSERT_TRUE(studies) << studies.error().message;
    const auto yi = studies->Effects();
    const auto vi = studies->Variances();
    ASSERT_EQ(yi.size(), c["yi"].size());
    for (size_t i = 0; i < yi.size(); ++i) {
      ExpectClose(c["yi"][i], yi[i], fmt::format("yi[{}]", i));
      ExpectClose(c["vi"][i], vi[i], fmt::format("vi[{}]", i));
    }
    auto method = ParseMethod(c["method"].get<std::string>());
    ASSERT_TRUE(method);
    const ModelOptions options{*method, c["test"] == "knha", c["level"].get<double>()};
    auto pooled = Pool(yi, vi, options);
    ASSERT_TRUE(pooled) << pooled.error().message;
    ExpectPooled(c["pooled"], *pooled, "pooled", true);
    ASSERT_EQ(pooled->weights.size(), c["weights"].size());
    for (size_t i = 0; i < yi.size(); ++i) {
      ExpectClose(c["weights"][i], pooled->weights[i], fmt::format("weight[{}]", i));
    }
    if (c.contains("leave_one_out")) {
      auto loo = LeaveOneOut(yi, vi, options);
      ASSERT_TRUE(loo) << loo.error().message;
      ASSERT_EQ(loo->size(), c["leave_one_out"].size());
      for (size_t i = 0; i < loo->size(); ++i) {
        ExpectPooled(c["leave_one_out"][i], (*loo)[i], fmt::format("without {}", i + 1), false);
      }
    } else {
      EXPECT_FALSE(LeaveOneOut(yi, vi, options));
    }
    if (c.contains("subgroups")) {
      const auto& expected = c["subgroups"];
      auto levels = studies->Descriptor(expected["column"].get<std::string>());
      ASSERT_TRUE(levels);
      auto groups = Subgroups(yi, vi, *levels, options);
      ASSERT_TRUE(groups) << groups.error().message;
      ASSERT_EQ(groups->groups.size(), expected["groups"].size());
      for (size_t g = 0; g < groups->groups.size(); ++g) {
        const auto& want = expected["groups"][g];
        EXPECT_EQ(groups->groups[g].level, want["level"].get<std::string>());
        ExpectPooled(want, groups->groups[g].pooled, "subgroup " + groups->groups[g].level,
                     want.contains("tau2"));
      }
      ASSERT_TRUE(groups->q_between);
      ExpectClose(expected["between"]["q"], *groups->q_between, "Q between");
      ExpectClose(expected["between"]["q_p"], *groups->q_between_p, "Q between p");
      EXPECT_EQ(groups->df_between, expected["between"]["df"].get<int>());
    }
  }
}

}  // namespace
}  // namespace inspire::meta
