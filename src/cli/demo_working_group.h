// The demo's working group: a fictional work plan of objectives in four workstreams, a year of
// meetings around today (monthly secretariat meetings for members, quarterly working-group
// meetings, webinars and country consultations, the past ones held with minutes, the coming ones
// scheduled), numbered decisions at the working-group meetings, and actions agreed at meetings,
// most of the older ones done and a few left open past their due date. Dates are relative to the
// day the demo is made; everything else is the same every time.
#ifndef INSPIRE_CLI_DEMO_WORKING_GROUP_H_
#define INSPIRE_CLI_DEMO_WORKING_GROUP_H_

#include <cstdint>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"

namespace inspire::cli {

// How many records of each kind the demo's working group got.
struct DemoWorkingGroup {
  int objectives = 0, meetings = 0, decisions = 0, actions = 0;
};

// Adds the working group's records through the hub as the command line (checked and audited like
// any other write; the caller's transaction holds them). `organizations` are the ids of the
// demo's organisations, the first being the co-chairs; `needs` ids of support needs that some
// actions follow up.
core::Result<DemoWorkingGroup> AddDemoWorkingGroup(store::Connection& db,
                                                   const catalogue::Catalogue& catalogue,
                                                   const std::vector<int64_t>& organizations,
                                                   const std::vector<int64_t>& needs);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_DEMO_WORKING_GROUP_H_
