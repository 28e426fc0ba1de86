// A routed support request's page, /assignments/{id}: the need it answers (its country and
// description), the member organisation it was given to and the offer it answers with, the due
// date (overdue marked), its status and every update of both sides, the latest last; and, for
// who may add one, the update form (the assigned organisation and staff may change the status,
// the asking side only adds notes). Staff also get the edit form's link. Only staff and both
// sides see it (404 for anyone else).
#ifndef INSPIRE_WEB_ASSIGNMENT_PAGES_H_
#define INSPIRE_WEB_ASSIGNMENT_PAGES_H_

#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"
#include "web/pages.h"

namespace inspire::web {

// The page of assignment `id` for `actor` (signed in), whose session token `csrf` goes into the
// update form; `message` (a refused update) is shown at its top when not empty.
core::Result<Page> AssignmentPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const hub::Actor& actor, int64_t id, const std::string& csrf,
                                  const std::string& message);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_ASSIGNMENT_PAGES_H_
