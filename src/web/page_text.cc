#include "web/page_text.h"

#include <set>

#include "web/templates.h"

namespace inspire::web {

std::string Label(const std::string& prefix, const std::string& value) {
  const auto& strings = UiStrings();
  const std::string key = prefix + value;
  return strings.contains(key) ? strings[key].get<std::string>() : value;
}

std::string CountryName(const catalogue::Catalogue& catalogue, const std::string& iso3) {
  const catalogue::Country* country = catalogue.FindCountry(iso3);
  return country != nullptr ? country->name : iso3;
}

std::string FilledLabel(const std::string& key, const nlohmann::ordered_json& values) {
  std::string text = Label("", key);
  for (const auto& [name, value] : values.items()) {
    const std::string mark = "{" + name + "}";
    const std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
    for (size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at)) {
      text.replace(at, mark.size(), shown);
      at += shown.size();
    }
  }
  return text;
}

nlohmann::ordered_json Choices(const std::vector<std::pair<std::string, std::string>>& options,
                               const std::string& current) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& [value, label] : options) {
    out.push_back({{"value", value}, {"label", label}, {"selected", value == current}});
  }
  return out;
}

nlohmann::ordered_json RegionIncomeChoices(const catalogue::Catalogue& catalogue,
                                           const std::string& region, const std::string& income) {
  std::set<std::string> who, unicef;
  for (const auto& country : catalogue.countries()) {
    if (!country.who_region.empty()) who.insert(country.who_region);
    if (!country.unicef_region.empty()) unicef.insert(country.unicef_region);
  }
  std::vector<std::pair<std::string, std::string>> regions;
  regions.reserve(who.size() + unicef.size());
  for (const auto& r : who) regions.emplace_back(r, "WHO " + r);
  for (const auto& r : unicef) regions.emplace_back(r, "UNICEF " + r);
  std::vector<std::pair<std::string, std::string>> incomes;
  for (const char* code : {"LMIC", "L", "LM", "UM", "H"}) {
    incomes.emplace_back(code, Label("income_", code));
  }
  return {{"regions", Choices(regions, region)}, {"incomes", Choices(incomes, income)}};
}

std::string OrganizationName(const std::map<int64_t, std::string>& names,
                             const nlohmann::ordered_json& id) {
  if (!id.is_number_integer()) return "";
  const auto it = names.find(id.get<int64_t>());
  return it == names.end() ? "" : it->second;
}

nlohmann::ordered_json OrNull(const nlohmann::ordered_json& text) {
  return text.is_string() && !text.get<std::string>().empty() ? text : nlohmann::ordered_json();
}

}  // namespace inspire::web
