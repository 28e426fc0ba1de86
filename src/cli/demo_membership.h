// The demo's membership and routing: three org editors of member organisations (with random
// passwords nobody is told), who follow news about their countries weekly; an application
// admitted to the working group by their vote, one being voted on and one to the community of
// practice waiting for the secretariat; and two support needs routed to members, one accepted
// with an update, one overdue.
#ifndef INSPIRE_CLI_DEMO_MEMBERSHIP_H_
#define INSPIRE_CLI_DEMO_MEMBERSHIP_H_

#include <cstdint>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"

namespace inspire::cli {

// How many records of each kind the demo's membership got.
struct DemoMembership {
  int applications = 0, votes = 0, assignments = 0, followers = 0;
};

// Adds them through the hub (checked and audited; the caller's transaction holds them).
// `organizations`: the demo's organisation ids, the first five being the co-chairs and members;
// `needs`: open support needs to route.
core::Result<DemoMembership> AddDemoMembership(store::Connection& db,
                                               const catalogue::Catalogue& catalogue,
                                               const std::vector<int64_t>& organizations,
                                               const std::vector<int64_t>& needs);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_DEMO_MEMBERSHIP_H_
