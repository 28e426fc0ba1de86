// Integrity of the shipped catalogue (the rules of validate.h, checked on data/ itself), plus
// each rule on a small catalogue that breaks it.
#include "catalogue/validate.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "catalogue/loader.h"

namespace inspire::catalogue {
namespace {

const std::filesystem::path kShippedDir = INSPIRE_SOURCE_DATA_DIR;

CatalogueData ShippedData() {
  auto catalogue = LoadCatalogue({kShippedDir, {}});
  EXPECT_TRUE(catalogue.has_value()) << catalogue.error().message;
  CatalogueData data;
  data.strategies = catalogue->strategies();
  data.cross_cutting = catalogue->cross_cutting();
  data.approaches = catalogue->approaches();
  data.indicators = catalogue->indicators();
  data.countries = catalogue->countries();
  return data;
}

TEST(ShippedCatalogue, PassesEveryIntegrityRule) {
  EXPECT_TRUE(ValidateCatalogue(ShippedData()).has_value());
}

TEST(ShippedCatalogue, GivesEachStrategyTheApproachCountOfThePackage) {
  const auto catalogue = LoadCatalogue({kShippedDir, {}});
  ASSERT_TRUE(catalogue.has_value());
  const std::map<std::string, size_t> expected = {{"I1", 4}, {"N2", 3}, {"S3", 3}, {"P4", 3},
                                                  {"I5", 3}, {"R6", 4}, {"E7", 5}};
  for (const auto& [id, count] : expected) {
    EXPECT_EQ(catalogue->ApproachesOf(id).size(), count) << id;
  }
}

TEST(ShippedCatalogue, HasWellFormedUniqueCountryCodes) {
  const auto data = ShippedData();
  EXPECT_GE(data.countries.size(), 249u);
  std::set<std::string> iso3;
  size_t who_members = 0;
  for (const auto& c : data.countries) {
    EXPECT_TRUE(std::regex_match(c.iso3, std::regex("[A-Z]{3}"))) << c.iso3;
    EXPECT_TRUE(iso3.insert(c.iso3).second) << c.iso3;
    if (!c.who_region.empty() && c.iso3 != "PSE") ++who_members;
  }
  EXPECT_EQ(who_members, 194u);  // WHO Member States
}

TEST(ShippedCatalogue, LinksEveryIndicatorToAtLeastOneStrategy) {
  for (const auto& indicator : ShippedData().indicators) {
    EXPECT_FALSE(indicator.strategy_ids.empty()) << indicator.id;
  }
}

TEST(SdgCodes, AcceptOnlyWellFormedCodes) {
  EXPECT_TRUE(IsSdgIndicatorCode("16.2.1"));
  EXPECT_TRUE(IsSdgIndicatorCode("4.a.2"));
  EXPECT_TRUE(IsSdgIndicatorCode("5.2.1"));
  EXPECT_FALSE(IsSdgIndicatorCode("18.1.1"));
  EXPECT_FALSE(IsSdgIndicatorCode("16.2"));
  EXPECT_FALSE(IsSdgIndicatorCode("16.2.1 "));
  EXPECT_TRUE(IsSdgSeriesCode("VC_VAW_PHYPYV"));
  EXPECT_TRUE(IsSdgSeriesCode("SP_DYN_MRBF18"));
  EXPECT_FALSE(IsSdgSeriesCode("vc_vaw"));
  EXPECT_FALSE(IsSdgSeriesCode("VC_"));
}

// A minimal valid catalogue to break one rule at a time.
CatalogueData Minimal() {
  CatalogueData data;
  data.strategies.push_back({{"s.yaml", 3}, "P4", "P", 4, "Parents", "x", {}});
  data.cross_cutting.push_back({{"s.yaml", 9}, "X1", "Coordination", "x"});
  data.approaches.push_back({{"a.yaml", 5}, "P4.1", "P4", "Home visits", "x", {}});
  Indicator indicator;
  indicator.location = {"i.yaml", 7};
  indicator.id = "1.1";
  indicator.official_number = "1.1";
  indicator.status = "confirmed";
  indicator.sdg = {"16.2.1"};
  indicator.strategy_ids = {"P4", "X1"};
  data.indicators.push_back(indicator);
  data.countries.push_back({{"c.yaml", 2}, "KEN", "KE", "404", "Kenya", "AFR", "ESA", "LM"});
  return data;
}

std::string Violations(const CatalogueData& data) {
  const auto result = ValidateCatalogue(data);
  return result.has_value() ? "" : result.error().message;
}

TEST(ValidateCatalogue, AcceptsTheMinimalCatalogue) { EXPECT_EQ(Violations(Minimal()), ""); }

TEST(ValidateCatalogue, RejectsADuplicateIdAndSaysWhereTheFirstOneIs) {
  auto data = Minimal();
  data.indicators.push_back(data.indicators[0]);
  data.indicators.back().location.line = 30;
  EXPECT_NE(Violations(data).find("i.yaml:30: indicator '1.1': id already used at i.yaml:7"),
            std::string::npos)
      << Violations(data);
}

TEST(ValidateCatalogue, RejectsAnIndicatorLinkedToAMissingStrategy) {
  auto data = Minimal();
  data.indicators[0].strategy_ids.emplace_back("Q8");
  EXPECT_NE(Violations(data).find("'Q8' is not a strategy"), std::string::npos);
}

TEST(ValidateCatalogue, RejectsAMalformedSdgCode) {
  auto data = Minimal();
  data.indicators[0].sdg = {"16.2"};
  data.indicators[0].sdg_series = {"bad"};
  const std::string message = Violations(data);
  EXPECT_NE(message.find("sdg: '16.2'"), std::string::npos);
  EXPECT_NE(message.find("sdg_series: 'bad'"), std::string::npos);
  EXPECT_NE(message.find("2 problems"), std::string::npos);
}

TEST(ValidateCatalogue, RejectsAnApproachIdThatDoesNotMatchItsStrategy) {
  auto data = Minimal();
  data.approaches[0].id = "E7.1";
  EXPECT_NE(Violations(data).find("id must be 'P4.<number>'"), std::string::npos);
}

TEST(ValidateCatalogue, RejectsAStrategyWithoutApproaches) {
  auto data = Minimal();
  data.approaches.clear();
  EXPECT_NE(Violations(data).find("strategy 'P4': has no approach"), std::string::npos);
}

TEST(ValidateCatalogue, RejectsAnIdEqualToACountryCode) {
  auto data = Minimal();
  data.indicators[0].id = "KEN";
  EXPECT_NE(Violations(data).find("id equals the code of country Kenya"), std::string::npos);
}

TEST(ValidateCatalogue, RejectsMalformedAndDuplicateCountryCodes) {
  auto data = Minimal();
  data.countries.push_back({{"c.yaml", 3}, "ke", "KEN", "40", "Bad", "XX", "", "M"});
  data.countries.push_back({{"c.yaml", 4}, "KEN", "KF", "405", "Again", "", "", ""});
  const std::string message = Violations(data);
  EXPECT_NE(message.find("iso3 must be three capitals"), std::string::npos);
  EXPECT_NE(message.find("iso2 must be two capitals"), std::string::npos);
  EXPECT_NE(message.find("m49 must be three digits"), std::string::npos);
  EXPECT_NE(message.find("who_region 'XX'"), std::string::npos);
  EXPECT_NE(message.find("income_group 'M'"), std::string::npos);
  EXPECT_NE(message.find("iso3 'KEN' also used by KEN"), std::string::npos);
}

TEST(ValidateCatalogue, RequiresAnOfficialNumberOnConfirmedCoreIndicators) {
  auto data = Minimal();
  data.indicators[0].official_number.clear();
  EXPECT_NE(Violations(data).find("needs its official_number"), std::string::npos);
}

TEST(ValidateCatalogue, RejectsAnInvertedAgeRange) {
  auto data = Minimal();
  data.indicators[0].population.age_min = 18;
  data.indicators[0].population.age_max = 13;
  EXPECT_NE(Violations(data).find("age_min is above age_max"), std::string::npos);
}

TEST(ValidateCatalogue, CapsTheNumberOfReportedProblems) {
  auto data = Minimal();
  for (int i = 0; i < 30; ++i) data.indicators[0].sdg.push_back("bad" + std::to_string(i));
  const std::string message = Violations(data);
  EXPECT_NE(message.find("30 problems"), std::string::npos);
  EXPECT_NE(message.find("... and 10 more"), std::string::npos);
}

}  // namespace
}  // namespace inspire::catalogue
