// /membership: how an organisation joins the working group or the community of practice, the
// link to apply, and the applications the reader may see (hub/membership.h) with what the reader
// may do to each: staff move them on and close votes, working-group members vote.
#ifndef INSPIRE_WEB_MEMBERSHIP_PAGES_H_
#define INSPIRE_WEB_MEMBERSHIP_PAGES_H_

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"
#include "web/pages.h"

namespace inspire::web {

// /membership (?status= to narrow the list).
core::Result<Page> MembershipPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const PageInput& input);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_MEMBERSHIP_PAGES_H_
