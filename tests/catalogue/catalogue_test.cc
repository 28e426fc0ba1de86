#include "catalogue/catalogue.h"

#include <gtest/gtest.h>

#include "catalogue/catalogue_json.h"
#include "catalogue/loader.h"

namespace inspire::catalogue {
namespace {

const Catalogue& Shipped() {
  static const Catalogue catalogue = [] {
    auto loaded = LoadCatalogue({INSPIRE_SOURCE_DATA_DIR, {}});
    EXPECT_TRUE(loaded.has_value());
    return std::move(*loaded);
  }();
  return catalogue;
}

TEST(CatalogueFind, FindsEachKindOfItemById) {
  EXPECT_EQ(KindName(*Shipped().Find("P4")), "strategy");
  EXPECT_EQ(KindName(*Shipped().Find("X2")), "cross_cutting");
  EXPECT_EQ(KindName(*Shipped().Find("P4.2")), "approach");
  EXPECT_EQ(KindName(*Shipped().Find("1.1")), "indicator");
  EXPECT_EQ(KindName(*Shipped().Find("KEN")), "country");
}

TEST(CatalogueFind, IgnoresCaseAndAcceptsEveryCountryCode) {
  EXPECT_EQ(KindName(*Shipped().Find("p4.2")), "approach");
  EXPECT_EQ(Shipped().FindCountry("ke")->iso3, "KEN");
  EXPECT_EQ(Shipped().FindCountry("404")->iso3, "KEN");
  EXPECT_FALSE(Shipped().Find("NO-SUCH-ID").has_value());
}

TEST(CatalogueJson, GivesEveryItemAnIdAndAName) {
  for (const auto& id : Shipped().AllIds()) {
    const auto json = ItemToJson(Shipped(), *Shipped().Find(id));
    EXPECT_TRUE(json["id"].is_string()) << id;
    EXPECT_TRUE(json["name"].is_string()) << id;
  }
}

TEST(CatalogueJson, CarriesTheContractFieldsOfAnIndicator) {
  const auto json = ToJson(*Shipped().FindIndicator("1.3"));
  EXPECT_EQ(json["level"], "impact");
  EXPECT_EQ(json["status"], "confirmed");
  EXPECT_EQ(json["sdg"], nlohmann::ordered_json::array({"16.2.3"}));
  EXPECT_TRUE(json["strategy_ids"].is_array());
  EXPECT_EQ(json["population"]["age_min"], 18);
  EXPECT_EQ(json["population"]["age_max"], 29);
}

TEST(CatalogueJson, ListsAStrategysApproachesAndIndicators) {
  const auto json = ItemToJson(Shipped(), *Shipped().Find("E7"));
  EXPECT_EQ(json["approaches"].size(), 5u);
  EXPECT_EQ(json["approaches"][0]["strategy_id"], "E7");
  EXPECT_FALSE(json["indicator_ids"].empty());
}

}  // namespace
}  // namespace inspire::catalogue
