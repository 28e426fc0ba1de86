// Requests routed: the secretariat assigns an open support need to a member organisation (often
// the one whose offer matches), with a due date; both sides then follow it: the assigned
// organisation says whether it accepts and how it goes, the asking side (the need's country
// focal point or asking organisation) and staff add notes, and every update is kept with who
// wrote it and when. Assignments are seen by staff and by both sides only (kNotFound for anyone
// else); an assignment still open past its due date is overdue.
#ifndef INSPIRE_HUB_ASSIGNMENTS_H_
#define INSPIRE_HUB_ASSIGNMENTS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The fields of an assignment, declared once (checks, forms, API schema).
const RecordFields& AssignmentFields();

// Which assignments a list shows (of those the actor may see).
struct AssignmentQuery {
  std::string status;        // one status ("" any)
  int64_t need = 0;          // of this need (0 any)
  int64_t organization = 0;  // assigned to this organisation (0 any)
  int64_t page = 1;
  int64_t per_page = 50;  // at most 500
};

// Lists and reads assignments as `actor` may see them, the soonest due first; each with
// "overdue" (not done or declined, and due before today), "need_country" and "updates" (for
// Get: every update, the oldest first: {"status", "note", "by", "organization", "at"}).
core::Result<Json> ListAssignments(store::Connection& db, const Actor& actor,
                                   const AssignmentQuery& query);
core::Result<Json> GetAssignment(store::Connection& db, const Actor& actor, int64_t id);

// Staff assign a need that is not closed to an organisation (and the offer it answers with, which
// must be that organisation's); Update and Delete are staff's too.
core::Result<Json> CreateAssignment(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const Actor& actor, const Json& fields);
core::Result<Json> UpdateAssignment(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteAssignment(store::Connection& db, const Actor& actor, int64_t id);

// An update on assignment `id`: a `note` (at most 4,000 bytes), and a new `status` ("" keeps
// it). The assigned organisation's editors and staff change the status (accepted, in_progress,
// done, declined); the asking side adds notes only (kForbidden for a status). A note or a status
// is required (kValidation naming note). Returns the assignment as Get does.
core::Result<Json> AddAssignmentUpdate(store::Connection& db, const Actor& actor, int64_t id,
                                       const std::string& status, const std::string& note);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ASSIGNMENTS_H_
