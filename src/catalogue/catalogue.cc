#include "catalogue/catalogue.h"

#include <algorithm>
#include <cctype>

#include "core/ascii_case.h"

namespace inspire::catalogue {
namespace {

template <typename T>
const T* Get(const std::map<std::string, Item, std::less<>>& index, std::string_view id) {
  const auto it = index.find(id);
  if (it == index.end()) return nullptr;
  const auto* found = std::get_if<const T*>(&it->second);
  return found != nullptr ? *found : nullptr;
}

}  // namespace

Catalogue::Catalogue(CatalogueData data) : data_(std::move(data)) {
  for (const auto& s : data_.strategies) by_id_.emplace(s.id, &s);
  for (const auto& x : data_.cross_cutting) by_id_.emplace(x.id, &x);
  for (const auto& a : data_.approaches) by_id_.emplace(a.id, &a);
  for (const auto& i : data_.indicators) by_id_.emplace(i.id, &i);
  for (const auto& c : data_.countries) {
    country_codes_.emplace(c.iso3, &c);
    country_codes_.emplace(c.iso2, &c);
    country_codes_.emplace(c.m49, &c);
  }
}

const Strategy* Catalogue::FindStrategy(std::string_view id) const {
  return Get<Strategy>(by_id_, id);
}
const CrossCutting* Catalogue::FindCrossCutting(std::string_view id) const {
  return Get<CrossCutting>(by_id_, id);
}
const Approach* Catalogue::FindApproach(std::string_view id) const {
  return Get<Approach>(by_id_, id);
}
const Indicator* Catalogue::FindIndicator(std::string_view id) const {
  return Get<Indicator>(by_id_, id);
}

const LawKind* Catalogue::FindLawKind(std::string_view id) const {
  const auto it = std::find_if(data_.law_kinds.begin(), data_.law_kinds.end(),
                               [&](const LawKind& kind) { return kind.id == id; });
  return it == data_.law_kinds.end() ? nullptr : &*it;
}

const Country* Catalogue::FindCountry(std::string_view code) const {
  const auto it = country_codes_.find(core::AsciiUpper(code));
  return it == country_codes_.end() ? nullptr : it->second;
}

std::optional<Item> Catalogue::Find(std::string_view id) const {
  if (const auto it = by_id_.find(id); it != by_id_.end()) return it->second;
  const std::string upper = core::AsciiUpper(id);
  for (const auto& [key, item] : by_id_) {
    if (core::AsciiUpper(key) == upper) return item;
  }
  if (const Country* country = FindCountry(id)) return Item{country};
  return std::nullopt;
}

std::vector<std::string> Catalogue::AllIds() const {
  std::vector<std::string> ids;
  for (const auto& entry : by_id_) ids.push_back(entry.first);
  for (const auto& c : data_.countries) ids.push_back(c.iso3);
  return ids;
}

std::vector<const Approach*> Catalogue::ApproachesOf(std::string_view strategy_id) const {
  std::vector<const Approach*> out;
  for (const auto& a : data_.approaches) {
    if (a.strategy_id == strategy_id) out.push_back(&a);
  }
  return out;
}

std::vector<const Indicator*> Catalogue::IndicatorsOf(std::string_view strategy_id) const {
  std::vector<const Indicator*> out;
  for (const auto& i : data_.indicators) {
    if (std::find(i.strategy_ids.begin(), i.strategy_ids.end(), strategy_id) !=
        i.strategy_ids.end()) {
      out.push_back(&i);
    }
  }
  return out;
}

}  // namespace inspire::catalogue
