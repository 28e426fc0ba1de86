// Assessment rounds of a country's implementation of INSPIRE (uptake): one round per country and
// questionnaire (e.g. a 2024 review), with its reference year, who answered (the responding
// agency and the government's data coordinator), whether the answers were agreed at a consensus
// meeting of ministries (when, which sectors), the data section's answers, and its review status:
//
//   draft --submit--> submitted --validate--> validated
//     ^                   |
//     |                return (with a reason)
//   returned <------------+        (a returned round is edited and submitted again)
//
// A country's focal points draft, edit and submit their own country's rounds; admin and
// secretariat return or validate them (and may edit a draft or returned round). Until validated a
// round is seen only by staff and that country's focal points: to everyone else it does not
// exist (kNotFound, never kForbidden), in lists, reads and writes alike (DESIGN invariant 6). A
// validated round is final; the next round starts as a new draft, which may copy the answers of
// an earlier round of the same country (`copied_from`). Every change, status changes included,
// is audited; each status change is also kept in the round's history with the role of who made
// it and why. Callers run writes inside hub::Write.
#ifndef INSPIRE_HUB_IMPLEMENTATION_ROUNDS_H_
#define INSPIRE_HUB_IMPLEMENTATION_ROUNDS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// May `actor` see `round` (a round record)? Validated rounds: everyone; others: staff and the
// round's country's focal points.
bool MaySeeRound(const Actor& actor, const Json& round);
// May `actor` write `round` when its status allows: staff, or a focal point of its country.
bool MayWriteRound(const Actor& actor, const Json& round);

struct RoundQuery {
  std::string country;  // ISO3 (any case); "" for every country
  std::string status;   // one of RoundStatuses(); "" for every status the actor may see
  int64_t page = 1;
  int64_t per_page = 100;  // at most 1000
};

// The rounds `actor` may see ({"items", "total", "page", "per_page"}), newest reference year
// first, without their sections; kValidation naming a bad status, page or per_page.
core::Result<Json> ListRounds(store::Connection& db, const Actor& actor, const RoundQuery& query);
// Round `id` with every section ("sections": laws, approaches, milestones, plans, surveys) and
// its history ([{"from", "to", "role", "reason", "at"}], oldest first); for staff and the
// country's focal points also the review comments. kNotFound when there is none or `actor` may
// not see it.
core::Result<Json> GetRound(store::Connection& db, const Actor& actor, int64_t id);
// The round record alone (no sections), as stored; kNotFound when there is none or `actor` may
// not see it. For the other implementation files.
core::Result<Json> ReadRound(store::Connection& db, const Actor& actor, int64_t id);
// Round `id` when `actor` may change its answers now: kNotFound as ReadRound, kForbidden (or
// kUnauthenticated) when the actor may not write it, kConflict naming status when it is
// submitted or validated.
core::Result<Json> EditableRound(store::Connection& db, const Actor& actor, int64_t id);
// A new draft round: staff or the country's focal point (kForbidden; kUnauthenticated for
// visitors); every field checked (kValidation naming it); a label the country already uses is
// kConflict on label. With `copied_from`, a round of the same country the actor may see, its
// sections are copied into the new draft (kValidation on copied_from otherwise). Audited.
core::Result<Json> CreateRound(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, const Json& fields);
// Changes a draft or returned round's own fields (staff or its country's focal point; errors as
// EditableRound). Its country and copied_from cannot change (kValidation naming them). Audited.
core::Result<Json> UpdateRound(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, int64_t id, const Json& fields);
// Deletes a draft round with its sections (staff or its focal point); a round of another status
// is kConflict naming status. Audited.
core::Result<void> DeleteRound(store::Connection& db, const Actor& actor, int64_t id);
// Moves round `id` to status `to` as the diagram above allows: submitted (from draft or
// returned, by staff or its focal point), returned (from submitted, by staff, with a `reason`
// of 1 to 2000 bytes, else kValidation on reason) or validated (from submitted, by staff).
// An unknown status is kValidation on to; a move from the round's status that the diagram does
// not allow is kConflict naming status; a move the actor may not make is kForbidden. Audited
// and kept in the round's history. Returns the round as GetRound does.
core::Result<Json> ChangeRoundStatus(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const Actor& actor, int64_t id, const std::string& to,
                                     const std::string& reason);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_IMPLEMENTATION_ROUNDS_H_
