// Internal to src/web: the words pages share, from the reader's UI strings and the catalogue.
#ifndef INSPIRE_WEB_PAGE_TEXT_H_
#define INSPIRE_WEB_PAGE_TEXT_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "catalogue/catalogue.h"

namespace inspire::web {

// The UI string for `prefix` + `value` ("type_" + "academia"), else the value itself.
std::string Label(const std::string& prefix, const std::string& value);

// The country's name in the catalogue, else the code as given.
std::string CountryName(const catalogue::Catalogue& catalogue, const std::string& iso3);

// The UI string `key` with each "{name}" filled from `values` (text as is, numbers as written).
std::string FilledLabel(const std::string& key, const nlohmann::ordered_json& values);

// `text`, or null when it is not a non-empty string (an empty string counts as present in a
// template).
nlohmann::ordered_json OrNull(const nlohmann::ordered_json& text);

// The name of the organisation whose id is `id` (hub::OrganizationNames), or "" when `id` is not
// an integer or names no organisation.
std::string OrganizationName(const std::map<int64_t, std::string>& names,
                             const nlohmann::ordered_json& id);

// Choices for a filter's select: [{"value", "label", "selected"}], `current` selected.
nlohmann::ordered_json Choices(const std::vector<std::pair<std::string, std::string>>& options,
                               const std::string& current);

// The region and income selects of a filter form: {"regions": the WHO then UNICEF region codes
// of the catalogue, "incomes": LMIC, L, LM, UM, H with their labels}, the current ones selected.
nlohmann::ordered_json RegionIncomeChoices(const catalogue::Catalogue& catalogue,
                                           const std::string& region, const std::string& income);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_PAGE_TEXT_H_
