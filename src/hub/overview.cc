#include "hub/overview.h"

#include <set>

namespace inspire::hub {

core::Result<Figures> CountFigures(store::Connection& db) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT (SELECT COUNT(*) FROM organizations), (SELECT COUNT(*) FROM activities "
               "WHERE status <> 'completed'), (SELECT COUNT(DISTINCT country_iso3) FROM "
               "activities), (SELECT COUNT(*) FROM needs WHERE status = 'open')"));
  const auto& row = found.rows.at(0);
  return Figures{row.Int(0), row.Int(1), row.Int(2), row.Int(3)};
}

core::Result<ActivityCounts> ActiveActivityCounts(store::Connection& db) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT a.country_iso3, a.id, aa.approach_id FROM activities a JOIN "
               "activity_approaches aa ON aa.activity_id = a.id WHERE a.status <> 'completed'"));
  std::map<std::string, std::map<std::string, std::set<int64_t>>> activities;
  for (const auto& row : found.rows) {
    const std::string approach = row.Text(2);
    activities[row.Text(0)][approach.substr(0, approach.find('.'))].insert(row.Int(1));
  }
  ActivityCounts counts;
  for (const auto& [country, by_strategy] : activities) {
    for (const auto& [strategy, ids] : by_strategy) {
      counts[country][strategy] = static_cast<int64_t>(ids.size());
    }
  }
  return counts;
}

core::Result<std::map<std::string, int64_t>> ActivitiesPerApproach(store::Connection& db) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT approach_id, COUNT(*) FROM activity_approaches GROUP BY approach_id"));
  std::map<std::string, int64_t> counts;
  for (const auto& row : found.rows) counts[row.Text(0)] = row.Int(1);
  return counts;
}

core::Result<std::map<int64_t, std::string>> OrganizationNames(store::Connection& db) {
  INSPIRE_ASSIGN_OR_RETURN(const auto found, db.Query("SELECT id, name FROM organizations"));
  std::map<int64_t, std::string> names;
  for (const auto& row : found.rows) names[row.Int(0)] = row.Text(1);
  return names;
}

}  // namespace inspire::hub
