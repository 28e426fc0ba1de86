// Public summaries for the hub's pages: counts and the country x strategy matrix of activities
// under way, the number of activities per approach, and organisation names by id.
#ifndef INSPIRE_HUB_OVERVIEW_H_
#define INSPIRE_HUB_OVERVIEW_H_

#include <map>
#include <string>

#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

struct Figures {
  int64_t organizations = 0;
  int64_t active_activities = 0;  // planned or ongoing
  int64_t countries_with_activities = 0;
  int64_t open_needs = 0;
};
// The headline counts of the home page, read in one go. Errors: the database's.
core::Result<Figures> CountFigures(store::Connection& db);

// Planned and ongoing activities by country (ISO3) and strategy id (the part of an approach id
// before the dot): an activity on several approaches of one strategy counts once there.
using ActivityCounts = std::map<std::string, std::map<std::string, int64_t>>;
core::Result<ActivityCounts> ActiveActivityCounts(store::Connection& db);

// Activities (any status) per approach id.
core::Result<std::map<std::string, int64_t>> ActivitiesPerApproach(store::Connection& db);

// id -> name of every organisation.
core::Result<std::map<int64_t, std::string>> OrganizationNames(store::Connection& db);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_OVERVIEW_H_
