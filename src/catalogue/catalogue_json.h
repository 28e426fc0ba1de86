// JSON forms of catalogue items, shared by the CLI and the hub's API. Field names are a contract
// (other programs rely on them): every item has "id" and "name"; an approach has "strategy_id";
// an indicator has "level", "sdg", "strategy_ids" and "status".
#ifndef INSPIRE_CATALOGUE_CATALOGUE_JSON_H_
#define INSPIRE_CATALOGUE_CATALOGUE_JSON_H_

#include <nlohmann/json.hpp>

#include "catalogue/catalogue.h"

namespace inspire::catalogue {

nlohmann::ordered_json ToJson(const Strategy& strategy);
nlohmann::ordered_json ToJson(const CrossCutting& activity);
nlohmann::ordered_json ToJson(const Approach& approach);
nlohmann::ordered_json ToJson(const Indicator& indicator);
// A country uses "id" = ISO3 as well as "iso3", so that every item has "id" and "name".
nlohmann::ordered_json ToJson(const Country& country);

// An item found by Catalogue::Find, with "kind" ("strategy", "cross_cutting", "approach",
// "indicator", "country") and, for a strategy, its approaches and linked indicator ids.
nlohmann::ordered_json ItemToJson(const Catalogue& catalogue, const Item& item);

// The kind name used in ItemToJson.
std::string_view KindName(const Item& item);

}  // namespace inspire::catalogue

#endif  // INSPIRE_CATALOGUE_CATALOGUE_JSON_H_
