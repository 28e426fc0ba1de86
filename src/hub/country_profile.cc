#include "hub/country_profile.h"

#include <algorithm>
#include <map>

#include "hub/targets.h"

namespace inspire::hub {
namespace {

// The indicators of `by_indicator` in catalogue order, then the others by id.
std::vector<std::string> IndicatorOrder(
    const catalogue::Catalogue& catalogue,
    const std::map<std::string, std::vector<PublishedEstimate>>& by_indicator) {
  std::vector<std::string> order;
  for (const auto& indicator : catalogue.indicators()) {
    if (by_indicator.count(indicator.id) > 0) order.push_back(indicator.id);
  }
  for (const auto& [id, rows] : by_indicator) {
    if (std::find(order.begin(), order.end(), id) == order.end()) order.push_back(id);
  }
  return order;
}

Publication PublicationOf(const PublishedEstimate& row) {
  return {row.set_id, row.source, row.year, row.published_at};
}

// The newest total of each survey year, oldest first, without the suppressed ones.
std::vector<PublishedEstimate> TotalsTrend(const std::vector<PublishedEstimate>& rows) {
  std::map<int64_t, const PublishedEstimate*> totals;
  for (const auto& row : rows) {
    if (!row.total()) continue;
    const PublishedEstimate*& slot = totals[row.year];
    if (slot == nullptr || row.NewerThan(*slot)) slot = &row;
  }
  std::vector<PublishedEstimate> trend;
  for (const auto& [year, row] : totals) {
    if (!row->suppressed()) trend.push_back(*row);
  }
  return trend;
}

std::optional<double> TargetNumber(const Json& value) {
  return value.is_number() ? std::optional<double>(value.get<double>()) : std::nullopt;
}

std::optional<int64_t> TargetYear(const Json& value) {
  return value.is_number_integer() ? std::optional<int64_t>(value.get<int64_t>()) : std::nullopt;
}

// The target of `indicator`'s total among the country's targets (the last one set).
std::optional<IndicatorTarget> TargetOf(const Json& targets, const std::string& indicator) {
  std::optional<IndicatorTarget> found;
  for (const Json& target : targets) {
    if (target["indicator"] != indicator || target["domain"] != "total") continue;
    found = IndicatorTarget{
        target["id"].get<int64_t>(),          TargetYear(target["baseline_year"]),
        TargetYear(target["target_year"]),    TargetNumber(target["baseline_value"]),
        TargetNumber(target["target_value"]), TargetNumber(target["progress"])};
  }
  return found;
}

IndicatorProfile IndicatorProfileOf(const catalogue::Catalogue& catalogue, const std::string& id,
                                    const std::vector<PublishedEstimate>& rows,
                                    const Json& targets) {
  IndicatorProfile profile;
  profile.id = id;
  const catalogue::Indicator* indicator = catalogue.FindIndicator(id);
  profile.name = indicator != nullptr ? indicator->name : rows.front().indicator_name;
  const PublishedEstimate* newest = &rows.front();
  for (const auto& row : rows) {
    if (row.NewerThan(*newest)) newest = &row;
  }
  profile.latest = PublicationOf(*newest);
  std::map<int64_t, Publication> sources;
  for (const auto& row : rows) {
    sources[row.set_id] = PublicationOf(row);
    if (row.set_id == newest->set_id) profile.breakdown.push_back(row);
  }
  for (auto& [set_id, publication] : sources) profile.sources.push_back(publication);
  profile.trend = TotalsTrend(rows);
  profile.target = TargetOf(targets, id);
  return profile;
}

}  // namespace

core::Result<CountryProfile> BuildCountryProfile(store::Connection& db,
                                                 const catalogue::Catalogue& catalogue,
                                                 const std::string& iso3) {
  EstimateQuery query;
  query.country = iso3;
  INSPIRE_ASSIGN_OR_RETURN(const auto estimates, AllPublished(db, query));
  TargetQuery target_query;
  target_query.country = iso3;
  target_query.per_page = 1000;
  INSPIRE_ASSIGN_OR_RETURN(const Json targets, ListTargets(db, target_query));
  std::map<std::string, std::vector<PublishedEstimate>> by_indicator;
  for (const auto& row : estimates) by_indicator[row.indicator_id].push_back(row);
  CountryProfile profile;
  profile.iso3 = iso3;
  for (const std::string& id : IndicatorOrder(catalogue, by_indicator)) {
    profile.indicators.push_back(
        IndicatorProfileOf(catalogue, id, by_indicator[id], targets["items"]));
  }
  return profile;
}

}  // namespace inspire::hub
