#include "hub/overview.h"

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
      db.Query("SELECT a.country_iso3, aa.approach_id, COUNT(*) FROM activities a JOIN "
               "activity_approaches aa ON aa.activity_id = a.id WHERE a.status <> 'completed' "
               "GROUP BY a.country_iso3, aa.approach_id"));
  ActivityCounts counts;
  for (const auto& row : found.rows) counts[row.Text(0)][row.Text(1)] = row.Int(2);
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
