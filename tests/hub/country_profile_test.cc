// The country profile (hub::BuildCountryProfile) on SQLite and PostgreSQL, without HTTP: the
// indicators in catalogue order, the latest publication's breakdown with its protection, the
// trend of totals by round (a round whose newest total is suppressed left out), the sources,
// the target with its progress, and each set's confidence level.
#include "hub/country_profile.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "hub/estimates.h"
#include "hub/targets.h"
#include "hub/write.h"
#include "support/shipped_catalogue.h"
#include "support/test_database.h"

namespace inspire::hub {
namespace {

using testing::ShippedCatalogue;
using testing::TestDatabase;
using testing::TestEngine;

Json Row(const std::string& indicator, const std::string& code, double n, double estimate) {
  return {{"indicator_id", indicator},
          {"indicator_name", indicator == "KEN-CP-01" ? "A national indicator" : ""},
          {"domain", code.empty() ? "total" : "region"},
          {"domain_code", code},
          {"domain_label", code.empty() ? "" : "Region " + code},
          {"n_unweighted", n},
          {"estimate", estimate},
          {"se", 0.02},
          {"ci_low", estimate - 0.04},
          {"ci_high", estimate + 0.04},
          {"flag", "ok"}};
}

class CountryProfileTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!TestDatabase::Available(GetParam())) GTEST_SKIP() << "no PostgreSQL server";
    database_ = std::make_unique<TestDatabase>(GetParam());
    auto opened = store::Open(database_->location());
    ASSERT_TRUE(opened) << opened.error().message;
    db_ = std::move(*opened);
    ASSERT_TRUE(store::Migrate(*db_));
  }

  void Publish(int64_t year, const std::string& source, Json rows, double level = 0.95) {
    PublishRequest request{
        "KEN", year, source,
        Json{{"provenance", {{"options", {{"level", level}}}}}, {"estimates", std::move(rows)}},
        false};
    const auto done = Write<Json>(*db_, [&](store::Connection& c) {
      return PublishEstimates(c, ShippedCatalogue(), Actor::System(), request);
    });
    ASSERT_TRUE(done) << done.error().message;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Connection> db_;
};

TEST_P(CountryProfileTest, GathersEachIndicatorsLatestBreakdownTrendSourcesAndTarget) {
  Publish(2013, "VACS 2013",
          {Row("1.3", "", 800, 0.30), Row("1.3", "1", 400, 0.32), Row("1.3", "2", 400, 0.28),
           Row("1.1", "", 800, 0.5), Row("KEN-CP-01", "", 800, 0.4)});
  // Region 1 is under the threshold and region 2 would then give it away: both suppressed.
  Publish(2019, "VACS 2019",
          {Row("1.3", "", 800, 0.25), Row("1.3", "1", 12, 0.5), Row("1.3", "2", 788, 0.245)}, 0.9);
  Publish(2021, "MICS 2021",
          Json::array({Row("1.3", "", 10, 0.2)}));  // suppressed: no round in the trend
  const Json target_fields = {{"country", "KEN"},       {"indicator", "1.3"},
                              {"domain", "total"},      {"direction", "decrease"},
                              {"baseline_value", 0.30}, {"baseline_year", 2013},
                              {"target_value", 0.15},   {"target_year", 2030}};
  ASSERT_TRUE(Write<Json>(*db_, [&](store::Connection& c) {
    return CreateTarget(c, ShippedCatalogue(), Actor::System(), target_fields);
  }));

  const auto profile = BuildCountryProfile(*db_, ShippedCatalogue(), "KEN");
  ASSERT_TRUE(profile) << profile.error().message;
  std::vector<std::string> ids;
  for (const auto& indicator : profile->indicators) ids.push_back(indicator.id);
  std::vector<std::string> catalogue_order;
  for (const auto& indicator : ShippedCatalogue().indicators()) {
    if (indicator.id == "1.1" || indicator.id == "1.3") catalogue_order.push_back(indicator.id);
  }
  catalogue_order.emplace_back("KEN-CP-01");  // not in the catalogue: after those that are
  EXPECT_EQ(ids, catalogue_order);

  const auto& sv = *std::find_if(profile->indicators.begin(), profile->indicators.end(),
                                 [](const IndicatorProfile& i) { return i.id == "1.3"; });
  EXPECT_EQ(sv.latest.source, "MICS 2021");
  ASSERT_EQ(sv.breakdown.size(), 1u);
  EXPECT_TRUE(sv.breakdown[0].suppressed());
  EXPECT_FALSE(sv.breakdown[0].estimate.has_value()) << "a suppressed cell carries no number";
  ASSERT_EQ(sv.trend.size(), 2u);
  EXPECT_EQ(sv.trend[0].year, 2013);
  EXPECT_DOUBLE_EQ(*sv.trend[0].estimate, 0.30);
  EXPECT_DOUBLE_EQ(sv.trend[0].level, 0.95);
  EXPECT_EQ(sv.trend[1].year, 2019);
  EXPECT_DOUBLE_EQ(sv.trend[1].level, 0.9);
  ASSERT_EQ(sv.sources.size(), 3u);
  EXPECT_EQ(sv.sources[0].source, "VACS 2013");
  EXPECT_EQ(sv.sources[2].source, "MICS 2021");
  ASSERT_TRUE(sv.target.has_value());
  EXPECT_EQ(sv.target->baseline_year, 2013);
  EXPECT_EQ(sv.target->target_year, 2030);
  // The latest unsuppressed total (0.25, 2019) is a third of the way from 0.30 to 0.15.
  ASSERT_TRUE(sv.target->progress.has_value());
  EXPECT_NEAR(*sv.target->progress, 1.0 / 3, 1e-12);

  const auto& national = profile->indicators.back();
  EXPECT_EQ(national.name, "A national indicator");
  EXPECT_FALSE(national.target.has_value());
  EXPECT_TRUE(BuildCountryProfile(*db_, ShippedCatalogue(), "UGA")->indicators.empty());
}

TEST_P(CountryProfileTest, TheLatestBreakdownKeepsItsProtectionAndLevel) {
  Publish(2019, "VACS 2019",
          {Row("1.3", "", 800, 0.25), Row("1.3", "1", 12, 0.5), Row("1.3", "2", 788, 0.245)}, 0.9);
  const auto profile = BuildCountryProfile(*db_, ShippedCatalogue(), "KEN");
  ASSERT_TRUE(profile) << profile.error().message;
  ASSERT_EQ(profile->indicators.size(), 1u);
  const auto& breakdown = profile->indicators[0].breakdown;
  ASSERT_EQ(breakdown.size(), 3u);
  EXPECT_FALSE(breakdown[0].suppressed());
  EXPECT_EQ(breakdown[1].suppression, "primary");
  EXPECT_EQ(breakdown[2].suppression, "complementary");
  for (const auto& row : breakdown) {
    EXPECT_DOUBLE_EQ(row.level, 0.9);
    if (row.suppressed()) {
      EXPECT_FALSE(row.estimate || row.n_unweighted || row.ci_low);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, CountryProfileTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::hub
