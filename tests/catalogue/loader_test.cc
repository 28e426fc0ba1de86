#include "catalogue/loader.h"

#include <gtest/gtest.h>

#include <regex>

#include "support/temp_dir.h"

namespace inspire::catalogue {
namespace {

const std::filesystem::path kDataDir = INSPIRE_SOURCE_DATA_DIR;

// A copy of the shipped data in a temp dir, so a test can break one file.
class DataCopy {
 public:
  DataCopy() {
    std::filesystem::copy(kDataDir, dir_.path() / "data", std::filesystem::copy_options::recursive);
  }
  std::filesystem::path root() const { return dir_.path() / "data"; }
  std::filesystem::path file(const std::string& relative) const { return root() / relative; }
  // Replaces the first match of `pattern` in a data file.
  void Edit(const std::string& relative, const std::string& pattern,
            const std::string& with) const {
    const auto path = file(relative);
    const std::string text = testing::Slurp(path);
    const std::string edited = std::regex_replace(text, std::regex(pattern), with,
                                                  std::regex_constants::format_first_only);
    ASSERT_NE(text, edited) << "pattern not found: " << pattern;
    dir_.Write(std::filesystem::relative(path, dir_.path()), edited);
  }
  core::Result<Catalogue> Load(std::vector<std::filesystem::path> extensions = {}) const {
    return LoadCatalogue({root(), std::move(extensions)});
  }
  const testing::TempDir& dir() const { return dir_; }

 private:
  testing::TempDir dir_;
};

std::string LoadError(const DataCopy& data) {
  const auto loaded = data.Load();
  EXPECT_FALSE(loaded.has_value());
  return loaded.has_value() ? "" : loaded.error().message;
}

TEST(LoadCatalogue, ShipsSevenStrategiesTwentyFiveApproachesAndTwoCrossCuttingActivities) {
  const auto catalogue = LoadCatalogue({kDataDir, {}});
  ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
  EXPECT_EQ(catalogue->strategies().size(), 7u);
  EXPECT_EQ(catalogue->approaches().size(), 25u);
  EXPECT_EQ(catalogue->cross_cutting().size(), 2u);
}

TEST(LoadCatalogue, HoldsConfirmedIndicatorsOneOneToOneFive) {
  const auto catalogue = LoadCatalogue({kDataDir, {}});
  ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
  for (const char* id : {"1.1", "1.2", "1.3", "1.4", "1.5"}) {
    const Indicator* indicator = catalogue->FindIndicator(id);
    ASSERT_NE(indicator, nullptr) << id;
    EXPECT_EQ(indicator->status, "confirmed") << id;
    EXPECT_EQ(indicator->level, "impact") << id;
    EXPECT_EQ(indicator->official_number, id);
  }
  EXPECT_EQ(catalogue->FindIndicator("1.1")->sdg, std::vector<std::string>{"16.2.1"});
  EXPECT_EQ(catalogue->FindIndicator("1.5")->population.age_min, 15);
  EXPECT_EQ(catalogue->FindIndicator("1.5")->population.sex, "female");
}

TEST(LoadCatalogue, MarksEveryUnverifiedIndicatorProvisionalWithoutAnOfficialNumber) {
  const auto catalogue = LoadCatalogue({kDataDir, {}});
  ASSERT_TRUE(catalogue.has_value());
  size_t provisional = 0;
  for (const auto& indicator : catalogue->indicators()) {
    if (indicator.status != "provisional") continue;
    ++provisional;
    EXPECT_TRUE(indicator.official_number.empty()) << indicator.id;
    EXPECT_FALSE(indicator.source.citation.empty()) << indicator.id;
  }
  EXPECT_GT(provisional, 0u);
}

TEST(LoadCatalogue, NamesFileLineRecordAndFieldOfABadValue) {
  DataCopy data;
  data.Edit("catalogue/indicators.yaml", "    level: impact", "    level: impakt");
  const std::string message = LoadError(data);
  EXPECT_NE(message.find("indicators.yaml:"), std::string::npos) << message;
  EXPECT_NE(message.find("indicator '1.1': field 'level' must be one of impact, outcome, output "
                         "(got 'impakt')"),
            std::string::npos)
      << message;
}

TEST(LoadCatalogue, NamesAMissingRequiredField) {
  DataCopy data;
  data.Edit("catalogue/approaches.yaml", "    strategy_id: P4\n", "");
  const std::string message = LoadError(data);
  EXPECT_NE(message.find("approach 'P4.1': field 'strategy_id' is required"), std::string::npos)
      << message;
}

TEST(LoadCatalogue, ReportsBrokenYamlWithItsLine) {
  DataCopy data;
  data.Edit("catalogue/strategies.yaml", "sectors: \\[justice", "sectors: [[justice");
  const std::string message = LoadError(data);
  EXPECT_NE(message.find("strategies.yaml:"), std::string::npos) << message;
  EXPECT_NE(message.find("invalid YAML"), std::string::npos) << message;
}

TEST(LoadCatalogue, ReportsAMissingFile) {
  DataCopy data;
  std::filesystem::remove(data.file("catalogue/approaches.yaml"));
  const auto loaded = data.Load();
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(loaded.error().message.find("approaches.yaml: no such file"), std::string::npos);
}

TEST(LoadCatalogue, RejectsAnUnsupportedVersion) {
  DataCopy data;
  data.Edit("countries/countries.yaml", "version: 1", "version: 7");
  EXPECT_NE(LoadError(data).find("field 'version' must be 1"), std::string::npos);
}

TEST(LoadCatalogue, RejectsAnApproachLinkedToAnUnknownStrategy) {
  DataCopy data;
  data.Edit("catalogue/approaches.yaml", "strategy_id: P4", "strategy_id: P9");
  const std::string message = LoadError(data);
  EXPECT_NE(message.find("approach 'P4.1': strategy_id 'P9' is not a strategy"), std::string::npos)
      << message;
}

constexpr const char* kExtension = R"(version: 1
extension: {name: Test national set, country: KEN}
indicators:
  - id: KEN-01
    status: confirmed
    level: output
    domain: Coverage
    name: Cases closed within 90 days
    population: {description: cases, age_min: 0, age_max: 17, sex: both}
    recall_period: annual
    unit: proportion
    numerator: Cases closed within 90 days.
    denominator: Cases opened.
    strategy_ids: [R6]
    source: {citation: "Ministry of Labour and Social Protection"}
)";

TEST(LoadExtension, AddsNationalIndicatorsWithTheirCountry) {
  DataCopy data;
  const auto file = data.dir().Write("ken.yaml", kExtension);
  const auto catalogue = data.Load({file});
  ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
  const Indicator* indicator = catalogue->FindIndicator("KEN-01");
  ASSERT_NE(indicator, nullptr);
  EXPECT_EQ(indicator->origin, "national");
  EXPECT_EQ(indicator->country, "KEN");
}

TEST(LoadExtension, LoadsFilesPlacedInTheNationalFolder) {
  DataCopy data;
  data.dir().Write("data/catalogue/national/ken.yaml", kExtension);
  const auto catalogue = data.Load();
  ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
  EXPECT_NE(catalogue->FindIndicator("KEN-01"), nullptr);
}

TEST(LoadExtension, RefusesAnIdThatClashesWithACoreIndicator) {
  DataCopy data;
  std::string clash = kExtension;
  clash.replace(clash.find("KEN-01"), 6, "1.1");
  const auto file = data.dir().Write("clash.yaml", clash);
  const auto loaded = data.Load({file});
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("clash.yaml"), std::string::npos) << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("id already used"), std::string::npos);
}

TEST(LoadExtension, RefusesAnUnknownCountry) {
  DataCopy data;
  std::string unknown = kExtension;
  unknown.replace(unknown.find("country: KEN"), 12, "country: XYZ");
  const auto file = data.dir().Write("xyz.yaml", unknown);
  const auto loaded = data.Load({file});
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("'XYZ' is not an ISO3 code"), std::string::npos);
}

TEST(LoadIndicators, GivesTheCataloguesIndicatorsWithTheNationalOnesAfter) {
  DataCopy data;
  data.dir().Write("data/catalogue/national/ken.yaml", kExtension);
  const auto catalogue = data.Load();
  ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
  const auto indicators = LoadIndicators({data.root(), {}});
  ASSERT_TRUE(indicators.has_value()) << indicators.error().message;
  ASSERT_EQ(indicators->size(), catalogue->indicators().size());
  for (size_t i = 0; i < indicators->size(); ++i) {
    EXPECT_EQ((*indicators)[i].id, catalogue->indicators()[i].id);
    EXPECT_EQ((*indicators)[i].name, catalogue->indicators()[i].name);
  }
  EXPECT_EQ(indicators->back().id, "KEN-01");
  EXPECT_EQ(indicators->back().origin, "national");
}

TEST(LoadIndicators, RefusesABadIndicatorOrAMissingExtensionByName) {
  DataCopy data;
  data.Edit("catalogue/indicators.yaml", "\n    level: impact", "\n    level: sideways");
  const auto bad = LoadIndicators({data.root(), {}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("indicators.yaml:"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("level"), std::string::npos) << bad.error().message;
  DataCopy good;
  const auto missing = LoadIndicators({good.root(), {good.dir().path() / "nowhere.yaml"}});
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("nowhere.yaml"), std::string::npos)
      << missing.error().message;
}

}  // namespace
}  // namespace inspire::catalogue
