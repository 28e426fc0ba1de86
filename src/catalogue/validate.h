// The catalogue's integrity rules, checked once after loading (and by the tests on the shipped
// data). Keeping them here, next to the data model, means a data change that breaks one fails at
// start with a message naming the file and item, never later with a wrong page.
#ifndef INSPIRE_CATALOGUE_VALIDATE_H_
#define INSPIRE_CATALOGUE_VALIDATE_H_

#include <string_view>

#include "catalogue/catalogue.h"
#include "core/error.h"

namespace inspire::catalogue {

// Checks, reporting every violation found (one per line, each starting "file:line: item: "):
//  - ids are unique across strategies, cross-cutting activities, approaches and indicators, and
//    none equals a country code (so `catalogue show ID` is never ambiguous);
//  - strategy ids are letter+position ("P4"), cross-cutting ids "X<n>", approach ids
//    "<strategy_id>.<n>" with an existing strategy_id; every strategy has an approach;
//  - every indicator's strategy_ids exist; SDG indicator codes look like "16.2.1" or "4.a.2";
//    SDG series codes like "VC_VAW_PHYPYV"; age_min <= age_max; a confirmed indicator has an
//    official number; a national indicator's country exists;
//  - country codes are well formed (ISO3 three capitals, ISO2 two, M49 three digits) and unique;
//    regions and income groups come from their fixed lists.
// Errors: kValidation listing the violations (at most 20, then a count of the rest).
core::Result<void> ValidateCatalogue(const CatalogueData& data);

// True if `code` is a well-formed SDG indicator code: goal 1-17, target number or letter a-z,
// indicator number ("16.2.1", "4.a.2").
bool IsSdgIndicatorCode(std::string_view code);

// True if `code` is a well-formed SDG series code: two capitals, '_', then capitals, digits and
// '_' ("VC_VAW_PHYPYV", "SP_DYN_MRBF18").
bool IsSdgSeriesCode(std::string_view code);

}  // namespace inspire::catalogue

#endif  // INSPIRE_CATALOGUE_VALIDATE_H_
