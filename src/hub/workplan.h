// The working group's work plan: objectives per period, each in a workstream, led by one member
// organisation with others contributing, tied to strategies, approaches and countries, with a
// status and notes on progress. Anyone may read it; staff (admin, secretariat) write it, and an
// org editor of an objective's lead organisation updates that objective (never its lead).
#ifndef INSPIRE_HUB_WORKPLAN_H_
#define INSPIRE_HUB_WORKPLAN_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The fields of an objective, declared once (checks, forms, API schema).
const RecordFields& ObjectiveFields();

// Which objectives a list shows.
struct ObjectiveQuery {
  std::string status;        // one status ("" any)
  std::string workstream;    // exact workstream ("" any)
  std::string approach;      // objectives linked to this approach id ("" any)
  std::string country;       // objectives linked to this country (ISO3, "" any)
  int64_t organization = 0;  // led by or contributed to by this organisation (0 any)
  int64_t page = 1;
  int64_t per_page = 100;  // at most 500
};

// The lifecycle of objectives (as for every record kind, hub/record_kind.h): List pages through
// them by period then workstream ({"items", "total", "page", "per_page"}); Get one (kNotFound);
// Create and Delete are staff's; Update also the lead organisation's org editors'. Each
// objective comes with "open_actions": how many open actions are linked to it, those agreed at a
// members' meeting left out (the count is the same for every reader). Callers run
// writes inside hub::Write.
core::Result<Json> ListObjectives(store::Connection& db, const ObjectiveQuery& query);
core::Result<Json> GetObjective(store::Connection& db, int64_t id);
core::Result<Json> CreateObjective(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const Actor& actor, const Json& fields);
core::Result<Json> UpdateObjective(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteObjective(store::Connection& db, const Actor& actor, int64_t id);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_WORKPLAN_H_
