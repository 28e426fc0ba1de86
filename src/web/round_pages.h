// The pages of the implementation review, for signed-in users: the rounds they may see
// (/implementation/rounds), one round with every section, its history, the review comments next
// to their items and the moves the reader may make (/implementation/rounds/{id}), and two rounds
// of a country side by side (/implementation/rounds/{id}/compare?with=ID). What a reader may see
// is the hub's decision (a round they may not see is not found).
#ifndef INSPIRE_WEB_ROUND_PAGES_H_
#define INSPIRE_WEB_ROUND_PAGES_H_

#include <cstdint>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"
#include "web/pages.h"

namespace inspire::web {

// The rounds `actor` may see, newest first, with a link to start one when the actor may.
core::Result<Page> RoundsPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const hub::Actor& actor, const PageInput& input);

// Round `id` for `actor` (kNotFound as hub::GetRound); `notice` is shown at the top (e.g. a
// refused move's reason), `csrf` goes into its forms.
core::Result<Page> RoundPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const hub::Actor& actor, int64_t id, const std::string& csrf,
                             const std::string& notice);

// Rounds `id` and `with` side by side, each answer of one beside the other's, changes marked.
// kNotFound when the actor may not see either; kValidation when they are of two countries.
core::Result<Page> CompareRoundsPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const hub::Actor& actor, int64_t id, int64_t with);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_ROUND_PAGES_H_
