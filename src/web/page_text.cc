#include "web/page_text.h"

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

}  // namespace inspire::web
