// Review comments on an implementation round, each placed next to the item it is about (a
// section and, within it, a law kind, an approach, a milestone or a plan's position). The
// secretariat says what to change; the country's focal points answer. Comments are part of the
// review, not of the published picture: only staff and the round's country's focal points see
// them, whatever the round's status. Callers run writes inside hub::Write.
#ifndef INSPIRE_HUB_IMPLEMENTATION_COMMENTS_H_
#define INSPIRE_HUB_IMPLEMENTATION_COMMENTS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The comments on round `round_id`, oldest first: [{"id", "section", "item", "body", "by",
// "role", "at"}]. No visibility check: GetRound adds them for those who may see them.
core::Result<Json> ListComments(store::Connection& db, int64_t round_id);

// Adds a comment to round `round_id`: `fields` is {"section", "item"?, "body"}; section is
// "round" or a section name (kValidation on section), item at most 100 bytes, body 1 to 4000
// bytes (kValidation naming the field). Staff and the round's focal points only (kNotFound when
// the actor may not see the round, else kForbidden). Audited. Returns the comment.
core::Result<Json> AddComment(store::Connection& db, const Actor& actor, int64_t round_id,
                              const Json& fields);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_IMPLEMENTATION_COMMENTS_H_
