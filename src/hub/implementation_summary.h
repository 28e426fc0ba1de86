// The uptake picture across countries, computed live from each country's latest validated
// implementation round (drafts, submitted and returned rounds never count: DESIGN invariant 6):
// the share of countries with each kind of law, enforced, with a plan, a funded or costed plan,
// prevalence data, baselines and targets, government support per strategy and per approach,
// reach, and milestones; the change since each country's previous validated round; and the
// countries x approaches matrix of support and reach. Every figure carries the number of
// countries behind it (docs/implementation.md defines each).
#ifndef INSPIRE_HUB_IMPLEMENTATION_SUMMARY_H_
#define INSPIRE_HUB_IMPLEMENTATION_SUMMARY_H_

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// Which countries count: a WHO or UNICEF region code of the catalogue, a World Bank income group
// (L, LM, UM, H, or LMIC for L and LM); empty for all.
struct CountryFilter {
  std::string region;
  std::string income;
};

// The filter of a query string (region, income; other names ignored); an unknown value is
// kInvalidArgument naming its parameter.
core::Result<CountryFilter> CountryFilterFrom(
    const catalogue::Catalogue& catalogue,
    const std::vector<std::pair<std::string, std::string>>& params);

// True when `iso3` is a country of the catalogue that `filter` keeps.
bool KeepsCountry(const catalogue::Catalogue& catalogue, const CountryFilter& filter,
                  const std::string& iso3);

// A validated round as the views use it: its key and the data section's own answers.
struct ValidatedRound {
  int64_t id = 0;
  std::string country;  // ISO3
  std::string label;
  int64_t reference_year = 0;
  Json answers;  // homicide_data, baselines_set, targets_set
};

// Each country's validated rounds, newest first (by reference year, then id), countries in code
// order; only countries `filter` keeps, or only `country` (ISO3) when it is not empty.
core::Result<std::vector<std::vector<ValidatedRound>>> ValidatedRounds(
    store::Connection& db, const catalogue::Catalogue& catalogue, const CountryFilter& filter,
    const std::string& country = "");

// The summary: {"filter", "countries", "rounds": [{country, id, label, reference_year}], "laws",
// "plans", "data", "strategies", "approaches", "milestones", "changes", "matrix"}, each figure
// {"count", "of", "share"} (share null when `of` is 0).
core::Result<Json> ImplementationSummary(store::Connection& db,
                                         const catalogue::Catalogue& catalogue,
                                         const CountryFilter& filter);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_IMPLEMENTATION_SUMMARY_H_
