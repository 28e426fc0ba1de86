// Membership: an organisation applies to join the working group (nominated by a member) or the
// community of practice; the secretariat checks the application; for the working group its
// members vote (one vote per member organisation: yes, no or abstain, changeable until the vote
// closes) and, when the secretariat closes the vote, a majority of the yes and no votes cast
// admits it, the tally kept with the application. An organisation admitted takes its role (a new
// organisation record when it had none), and each organisation's roles are kept as a history.
//
// Who sees what: staff (admin, secretariat) everything; the user who applied their own
// applications; working-group members (org editors of a member, co-chair or secretariat
// organisation) the applications being checked, voted on or decided, with the tally but not who
// voted how. Everyone else finds none (kNotFound). The applicant's contact e-mail is shown to
// staff and the applicant only.
#ifndef INSPIRE_HUB_MEMBERSHIP_H_
#define INSPIRE_HUB_MEMBERSHIP_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The fields of an application, declared once (checks, forms, API schema).
const RecordFields& ApplicationFields();

// True when `actor` votes for a working-group member: an org editor of an organisation whose
// working-group role is co_chair, secretariat or member (read from the database).
core::Result<bool> IsVotingMember(store::Connection& db, const Actor& actor);

// Which applications a list shows (of those the actor may see).
struct ApplicationQuery {
  std::string status;      // one status ("" any)
  std::string applies_to;  // working_group or community_of_practice ("" any)
  int64_t page = 1;
  int64_t per_page = 50;  // at most 500
};

// Lists and reads applications as `actor` may see them, the newest first; each with "tally"
// ({"yes", "no", "abstain", "eligible"}: votes cast so far and member organisations that may
// vote) and, for a voting member, "my_vote" (its organisation's vote or null).
core::Result<Json> ListApplications(store::Connection& db, const Actor& actor,
                                    const ApplicationQuery& query);
core::Result<Json> GetApplication(store::Connection& db, const Actor& actor, int64_t id);

// Any signed-in user applies for an organisation; it starts "submitted". A working-group
// application names the member organisation nominating it (kValidation naming nominated_by).
core::Result<Json> CreateApplication(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const Actor& actor, const Json& fields);
// Staff, or the applicant while it is submitted, change its fields.
core::Result<Json> UpdateApplication(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const Actor& actor, int64_t id, const Json& fields);

// Staff delete an application (its votes with it).
core::Result<void> DeleteApplication(store::Connection& db, const Actor& actor, int64_t id);

// Moves an application on: `to` is "checked" (staff, from submitted), "voting" (staff, a checked
// working-group application), "admitted" (staff, a checked community-of-practice application),
// "declined" (staff, from submitted or checked; `note` required), or "withdrawn" (the applicant
// or staff, before it is decided). kConflict for a move its status does not allow; every move is
// audited with its note.
core::Result<Json> MoveApplication(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const Actor& actor, int64_t id, const std::string& to,
                                   const std::string& note);

// A voting member's vote ("yes", "no", "abstain") for its organisation on an application being
// voted on; a second vote replaces the first. kForbidden for others; kConflict when not voting.
core::Result<Json> CastVote(store::Connection& db, const Actor& actor, int64_t id,
                            const std::string& vote);

// Staff close the vote: admitted when the yes votes outnumber the no votes, else declined; the
// tally is stored with the application and the organisation takes its role.
core::Result<Json> CloseVote(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const Actor& actor, int64_t id);

// The roles `organization` has had, the latest first: [{"role", "since", "until" (or ""),
// "application" (or null)}].
core::Result<Json> RoleHistory(store::Connection& db, int64_t organization);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_MEMBERSHIP_H_
