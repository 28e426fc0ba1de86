#include "catalogue/catalogue_json.h"

namespace inspire::catalogue {
namespace {

using Json = nlohmann::ordered_json;

Json OptionalInt(const std::optional<int>& value) { return value ? Json(*value) : Json(nullptr); }
Json OptionalText(const std::string& value) { return value.empty() ? Json(nullptr) : Json(value); }

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

Json ToJson(const Strategy& strategy) {
  return Json{{"id", strategy.id},           {"name", strategy.name},
              {"letter", strategy.letter},   {"position", strategy.position},
              {"summary", strategy.summary}, {"sectors", strategy.sectors}};
}

Json ToJson(const CrossCutting& activity) {
  return Json{{"id", activity.id}, {"name", activity.name}, {"summary", activity.summary}};
}

Json ToJson(const Approach& approach) {
  return Json{{"id", approach.id},
              {"name", approach.name},
              {"strategy_id", approach.strategy_id},
              {"summary", approach.summary},
              {"examples", approach.examples}};
}

Json ToJson(const Indicator& indicator) {
  const auto& population = indicator.population;
  return Json{{"id", indicator.id},
              {"name", indicator.name},
              {"official_number", OptionalText(indicator.official_number)},
              {"level", indicator.level},
              {"status", indicator.status},
              {"origin", indicator.origin},
              {"country", OptionalText(indicator.country)},
              {"domain", indicator.domain},
              {"population",
               {{"description", population.description},
                {"age_min", OptionalInt(population.age_min)},
                {"age_max", OptionalInt(population.age_max)},
                {"sex", population.sex}}},
              {"recall_period", indicator.recall_period},
              {"unit", indicator.unit},
              {"numerator", indicator.numerator},
              {"denominator", indicator.denominator},
              {"disaggregations", indicator.disaggregations},
              {"sdg", indicator.sdg},
              {"sdg_series", indicator.sdg_series},
              {"data_sources", indicator.data_sources},
              {"strategy_ids", indicator.strategy_ids},
              {"source", {{"citation", indicator.source.citation}, {"url", indicator.source.url}}}};
}

Json ToJson(const Country& country) {
  return Json{{"id", country.iso3},
              {"name", country.name},
              {"iso3", country.iso3},
              {"iso2", country.iso2},
              {"m49", country.m49},
              {"who_region", OptionalText(country.who_region)},
              {"unicef_region", OptionalText(country.unicef_region)},
              {"income_group", OptionalText(country.income_group)}};
}

std::string_view KindName(const Item& item) {
  return std::visit(
      Overloaded{[](const Strategy*) { return std::string_view("strategy"); },
                 [](const CrossCutting*) { return std::string_view("cross_cutting"); },
                 [](const Approach*) { return std::string_view("approach"); },
                 [](const Indicator*) { return std::string_view("indicator"); },
                 [](const Country*) { return std::string_view("country"); }},
      item);
}

Json ItemToJson(const Catalogue& catalogue, const Item& item) {
  Json out = Json{{"kind", KindName(item)}};
  out.update(std::visit([](const auto* value) { return ToJson(*value); }, item));
  if (const auto* strategy = std::get_if<const Strategy*>(&item)) {
    Json approaches = Json::array();
    for (const Approach* a : catalogue.ApproachesOf((*strategy)->id))
      approaches.push_back(ToJson(*a));
    out["approaches"] = approaches;
  }
  if (std::holds_alternative<const Strategy*>(item) ||
      std::holds_alternative<const CrossCutting*>(item)) {
    const std::string id = out["id"].get<std::string>();
    Json indicator_ids = Json::array();
    for (const Indicator* i : catalogue.IndicatorsOf(id)) indicator_ids.push_back(i->id);
    out["indicator_ids"] = indicator_ids;
  }
  if (const auto* approach = std::get_if<const Approach*>(&item)) {
    const Strategy* strategy = catalogue.FindStrategy((*approach)->strategy_id);
    out["strategy_name"] = strategy != nullptr ? strategy->name : "";
  }
  return out;
}

}  // namespace inspire::catalogue
