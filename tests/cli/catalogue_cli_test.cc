// `inspire catalogue ...` through the real binary: exit codes, formats and messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_binary.h"

namespace inspire::cli {
namespace {

using testing::RunInspire;
using Json = nlohmann::json;

Json RunJson(const std::vector<std::string>& args) {
  const auto run = RunInspire(args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return Json::parse(run.out, nullptr, /*allow_exceptions=*/false);
}

size_t CountLines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(CatalogueCli, ListsSevenStrategiesAsJson) {
  const Json strategies = RunJson({"catalogue", "strategies", "--format", "json"});
  ASSERT_TRUE(strategies.is_array());
  ASSERT_EQ(strategies.size(), 7u);
  EXPECT_EQ(strategies[0]["id"], "I1");
  EXPECT_TRUE(strategies[0]["name"].is_string());
}

TEST(CatalogueCli, ListsTwentyFiveApproachesEachWithItsStrategy) {
  const Json approaches = RunJson({"catalogue", "approaches", "--format", "json"});
  ASSERT_EQ(approaches.size(), 25u);
  for (const auto& approach : approaches) {
    EXPECT_TRUE(approach["strategy_id"].is_string());
    EXPECT_TRUE(approach["name"].is_string());
  }
}

TEST(CatalogueCli, ListsIndicatorsWithTheContractFields) {
  const Json indicators = RunJson({"catalogue", "indicators", "--format", "json"});
  ASSERT_GE(indicators.size(), 5u);
  for (const auto& indicator : indicators) {
    for (const char* field : {"id", "name", "level", "sdg", "strategy_ids", "status"}) {
      EXPECT_TRUE(indicator.contains(field)) << indicator["id"] << " lacks " << field;
    }
    EXPECT_TRUE(indicator["sdg"].is_array());
    EXPECT_TRUE(indicator["status"] == "confirmed" || indicator["status"] == "provisional");
  }
}

TEST(CatalogueCli, FiltersIndicatorsByStrategyAndLevel) {
  const Json impact = RunJson({"catalogue", "indicators", "--level", "impact", "--format", "json"});
  const Json all = RunJson({"catalogue", "indicators", "--format", "json"});
  ASSERT_FALSE(impact.empty());
  EXPECT_LT(impact.size(), all.size());
  for (const auto& indicator : impact) EXPECT_EQ(indicator["level"], "impact");
  const Json p4 = RunJson({"catalogue", "indicators", "--strategy", "P4", "--format", "json"});
  ASSERT_FALSE(p4.empty());
  for (const auto& indicator : p4) {
    const auto& links = indicator["strategy_ids"];
    EXPECT_NE(std::find(links.begin(), links.end(), "P4"), links.end());
  }
}

TEST(CatalogueCli, WritesCsvWithAHeaderAndOneLinePerApproach) {
  const auto run = RunInspire({"catalogue", "approaches", "--strategy", "E7", "--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("id,strategy_id,name,summary,examples\n", 0), 0u);
  EXPECT_EQ(CountLines(run.out), 1u + 5u);
}

TEST(CatalogueCli, PrintsATableForATerminal) {
  const auto run = RunInspire({"catalogue", "strategies"});
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("P4  Parent and caregiver support"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("7 items"), std::string::npos);
}

TEST(CatalogueCli, ListsCountriesWithCodesAndRegions) {
  const Json countries = RunJson({"catalogue", "countries", "--format", "json"});
  ASSERT_GE(countries.size(), 249u);
  const auto kenya = std::find_if(countries.begin(), countries.end(),
                                  [](const Json& c) { return c["iso3"] == "KEN"; });
  ASSERT_NE(kenya, countries.end());
  EXPECT_EQ((*kenya)["iso2"], "KE");
  EXPECT_EQ((*kenya)["m49"], "404");
  EXPECT_EQ((*kenya)["who_region"], "AFR");
}

TEST(CatalogueCli, ShowsOneIndicator) {
  const Json indicator = RunJson({"catalogue", "show", "1.1", "--format", "json"});
  EXPECT_EQ(indicator["kind"], "indicator");
  EXPECT_EQ(indicator["sdg"][0], "16.2.1");
}

TEST(CatalogueCli, ShowOfAnUnknownIdFailsAndSuggestsNearIds) {
  const auto run = RunInspire({"catalogue", "show", "P4.7"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("'P4.7'"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("did you mean"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("P4.1"), std::string::npos) << run.err;
}

TEST(CatalogueCli, ShowOfNoSuchIdFailsWithTheIdInTheMessage) {
  const auto run = RunInspire({"catalogue", "show", "NO-SUCH-ID"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("NO-SUCH-ID"), std::string::npos);
}

TEST(CatalogueCli, RejectsAFilterThatDoesNotApply) {
  const auto run = RunInspire({"catalogue", "countries", "--level", "impact"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("--level does not apply to 'countries'"), std::string::npos) << run.err;
}

TEST(CatalogueCli, RejectsAnUnknownStrategyWithASuggestion) {
  const auto run = RunInspire({"catalogue", "approaches", "--strategy", "P5"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("--strategy 'P5' is not known"), std::string::npos) << run.err;
}

TEST(CatalogueCli, RejectsAnUnknownFormat) {
  const auto run = RunInspire({"catalogue", "strategies", "--format", "xml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("--format 'xml'"), std::string::npos);
}

TEST(CatalogueCli, ExitsWithUsageCodeOnAnUnknownFlag) {
  const auto run = RunInspire({"catalogue", "strategies", "--nope"});
  EXPECT_EQ(run.exit_code, 2);
}

TEST(CatalogueCli, ReportsAMalformedCatalogueInsteadOfCrashing) {
  testing::TempDir dir;
  std::filesystem::copy(INSPIRE_SOURCE_DATA_DIR, dir.path() / "data",
                        std::filesystem::copy_options::recursive);
  dir.Write("data/catalogue/approaches.yaml", "version: 1\napproaches: {broken\n");
  const auto run =
      RunInspire({"--data-dir", (dir.path() / "data").string(), "catalogue", "approaches"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("approaches.yaml:"), std::string::npos) << run.err;
}

TEST(CatalogueCli, LoadsANationalExtensionFile) {
  testing::TempDir dir;
  const auto file = dir.Write("ext.yaml", R"(version: 1
extension: {name: Test, country: UGA}
indicators:
  - id: UGA-01
    status: confirmed
    level: outcome
    domain: Norms
    name: A national indicator
    population: {description: adults, age_min: 18, age_max: null, sex: both}
    recall_period: current
    unit: proportion
    numerator: n
    denominator: d
    strategy_ids: [N2]
    source: {citation: test}
)");
  const Json indicator = RunJson(
      {"--catalogue-extension", file.string(), "catalogue", "show", "UGA-01", "--format", "json"});
  EXPECT_EQ(indicator["origin"], "national");
  EXPECT_EQ(indicator["country"], "UGA");
}

TEST(CatalogueCli, FindsItsDataThroughTheEnvironment) {
  const auto run =
      RunInspire({"catalogue", "strategies"}, {std::string("INSPIRE_DATA_DIR=") + "/nonexistent"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("INSPIRE_DATA_DIR '/nonexistent'"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace inspire::cli
