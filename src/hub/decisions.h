// Decisions taken at a meeting, numbered within it (each the next after the highest
// recorded), each with its text and status. They are seen as their meeting is (hub/meetings.h);
// staff (admin, secretariat) record and change them.
#ifndef INSPIRE_HUB_DECISIONS_H_
#define INSPIRE_HUB_DECISIONS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The fields of a decision, declared once (checks, forms, API schema).
const RecordFields& DecisionFields();

// Which decisions a list shows.
struct DecisionQuery {
  int64_t meeting = 0;  // of this meeting (0 any)
  std::string status;   // one status ("" any)
  int64_t page = 1;
  int64_t per_page = 50;  // at most 500
};

// The lifecycle of decisions (hub/record_kind.h), seen by `actor`: List pages through those it
// may see, the latest meeting first and by number within it; Get one (kNotFound also for a
// visitor and a members' meeting); Create takes the meeting's next number (the "number" field
// is the hub's); Create, Update and Delete are staff's. Each decision comes with its meeting's
// "meeting_title" and "meeting_starts_at". Callers run writes inside hub::Write.
core::Result<Json> ListDecisions(store::Connection& db, const Actor& actor,
                                 const DecisionQuery& query);
core::Result<Json> GetDecision(store::Connection& db, const Actor& actor, int64_t id);
core::Result<Json> CreateDecision(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const Actor& actor, const Json& fields);
core::Result<Json> UpdateDecision(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteDecision(store::Connection& db, const Actor& actor, int64_t id);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_DECISIONS_H_
