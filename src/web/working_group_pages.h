// The working group's pages: /working-group (members by role, the work plan by workstream with
// its progress, the coming meetings, open actions with the overdue ones marked, and the latest
// decisions; a signed-in org member also sees its organisation's open actions) and
// /meetings/{id} (when and where in the meeting's zone and in UTC, agenda, participants,
// minutes, its decisions and actions, and its calendar file). What a reader may see is the hub's
// to decide: a members' meeting is not found by a visitor.
#ifndef INSPIRE_WEB_WORKING_GROUP_PAGES_H_
#define INSPIRE_WEB_WORKING_GROUP_PAGES_H_

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"
#include "web/pages.h"

namespace inspire::web {

// /working-group.
core::Result<Page> WorkingGroupPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const PageInput& input);

// /meetings/{id} (not a whole number, unknown or not for this reader: 404).
core::Result<Page> MeetingPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const PageInput& input);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_WORKING_GROUP_PAGES_H_
