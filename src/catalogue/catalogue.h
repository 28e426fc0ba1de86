// The INSPIRE package as data: strategies, cross-cutting activities, approaches, indicators and
// countries, loaded once from data/ (see loader.h) and read-only afterwards. Thread-safe to read.
#ifndef INSPIRE_CATALOGUE_CATALOGUE_H_
#define INSPIRE_CATALOGUE_CATALOGUE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace inspire::catalogue {

// Where an item was defined, for messages ("data/catalogue/approaches.yaml:52").
struct Location {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
};

struct Strategy {
  Location location;
  std::string id;  // "I1" ... "E7": letter + position
  std::string letter;
  int position = 0;
  std::string name;
  std::string summary;
  std::vector<std::string> sectors;
};

struct CrossCutting {
  Location location;
  std::string id;  // "X1", "X2"
  std::string name;
  std::string summary;
};

struct Approach {
  Location location;
  std::string id;           // "<strategy id>.<n>", e.g. "P4.2"
  std::string strategy_id;  // always an existing strategy (validated)
  std::string name;
  std::string summary;
  std::vector<std::string> examples;
};

// A kind of law that implementation rounds answer for (data/catalogue/laws.yaml).
struct LawKind {
  Location location;
  std::string id;           // "cp-home"
  std::string approach_id;  // the approach it puts in place; always an existing approach
  std::string name;
  std::string summary;
  std::string partly;  // what a "partly" answer means for this kind of law
};

struct Population {
  std::string description;
  std::optional<int> age_min;  // inclusive; nullopt when the definition fixes no age
  std::optional<int> age_max;
  std::string sex;  // "female", "male" or "both"
};

struct SourceRef {
  std::string citation;
  std::string url;
};

struct Indicator {
  std::string id;               // stable: "1.1", "IMP-06", a national "KEN-CP-01"
  std::string official_number;  // number in the official list; empty until verified
  std::string status;           // "confirmed" or "provisional"
  std::string level;            // "impact", "outcome" or "output"
  std::string domain;
  std::string name;
  Population population;
  std::string recall_period;
  std::string unit;
  std::string numerator;    // in words
  std::string denominator;  // in words
  std::vector<std::string> disaggregations;
  std::vector<std::string> sdg;         // SDG indicator codes, "16.2.1"
  std::vector<std::string> sdg_series;  // SDG series codes, "VC_VAW_PHYPYV"
  std::vector<std::string> data_sources;
  std::vector<std::string> strategy_ids;  // strategies or cross-cutting activities
  SourceRef source;
  std::string origin = "core";  // "core" or "national" (from an extension file)
  std::string country;          // ISO3 of a national indicator's country, else empty
  Location location;
};

struct Country {
  Location location;
  std::string iso3;
  std::string iso2;
  std::string m49;  // three digits, "004"
  std::string name;
  std::string who_region;     // empty when not a WHO region member
  std::string unicef_region;  // empty when none
  std::string income_group;   // "L", "LM", "UM", "H"; empty when not classified
};

// The classifications' dates and sources, as stated in the countries file.
struct Classifications {
  std::string income_group;
  std::string who_region;
  std::string unicef_region;
};

// Everything the loader read, before indexing.
struct CatalogueData {
  std::vector<Strategy> strategies;
  std::vector<CrossCutting> cross_cutting;
  std::vector<Approach> approaches;
  std::vector<Indicator> indicators;
  std::vector<Country> countries;
  std::vector<LawKind> law_kinds;
  Classifications classifications;
};

// One item found by id.
using Item = std::variant<const Strategy*, const CrossCutting*, const Approach*, const Indicator*,
                          const Country*>;

// The loaded, validated catalogue with lookups by id. Lookups return nullptr when absent.
class Catalogue {
 public:
  // Precondition: `data` passed ValidateCatalogue (ids unique, links resolved).
  explicit Catalogue(CatalogueData data);

  const std::vector<Strategy>& strategies() const { return data_.strategies; }
  const std::vector<CrossCutting>& cross_cutting() const { return data_.cross_cutting; }
  const std::vector<Approach>& approaches() const { return data_.approaches; }
  const std::vector<Indicator>& indicators() const { return data_.indicators; }
  const std::vector<Country>& countries() const { return data_.countries; }
  const Classifications& classifications() const { return data_.classifications; }
  const std::vector<LawKind>& law_kinds() const { return data_.law_kinds; }

  const Strategy* FindStrategy(std::string_view id) const;
  const CrossCutting* FindCrossCutting(std::string_view id) const;
  const Approach* FindApproach(std::string_view id) const;
  const Indicator* FindIndicator(std::string_view id) const;
  // A kind of law by its id ("cp-home").
  const LawKind* FindLawKind(std::string_view id) const;
  // By ISO3 or ISO2 code, or M49 number; letters compared without regard to case.
  const Country* FindCountry(std::string_view code) const;

  // Any item by id: strategies, cross-cutting activities, approaches and indicators first (exact
  // id, then without regard to case), then countries. nullopt when nothing matches.
  std::optional<Item> Find(std::string_view id) const;

  // Every id Find accepts (catalogue ids and ISO3 codes), for near-match suggestions.
  std::vector<std::string> AllIds() const;

  // The approaches of one strategy, in file order.
  std::vector<const Approach*> ApproachesOf(std::string_view strategy_id) const;
  // The indicators linked to one strategy or cross-cutting activity, in file order.
  std::vector<const Indicator*> IndicatorsOf(std::string_view strategy_id) const;

 private:
  CatalogueData data_;
  std::map<std::string, Item, std::less<>> by_id_;                    // exact catalogue ids
  std::map<std::string, const Country*, std::less<>> country_codes_;  // upper-case codes
};

}  // namespace inspire::catalogue

#endif  // INSPIRE_CATALOGUE_CATALOGUE_H_
