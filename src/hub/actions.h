// Actions: what someone undertook to do, owned by a member organisation (and a named person),
// due on a date, open, done or dropped, often agreed at a meeting and linked to a support need,
// a country, approaches or a work-plan objective. An open action past its due date is overdue.
// Actions of a members' meeting are seen as that meeting is (hub/meetings.h), and the person
// owning an action is named to signed-in users only. Staff (admin, secretariat) create and
// delete actions; an org editor of the owning organisation updates its actions (never their
// owner organisation).
#ifndef INSPIRE_HUB_ACTIONS_H_
#define INSPIRE_HUB_ACTIONS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The fields of an action, declared once (checks, forms, API schema).
const RecordFields& ActionFields();

// Which actions a list shows.
struct ActionQuery {
  std::string status;        // open, done or dropped ("" any)
  bool overdue = false;      // only open actions past their due date
  int64_t organization = 0;  // owned by this organisation (0 any)
  int64_t meeting = 0;       // agreed at this meeting (0 any)
  int64_t objective = 0;     // linked to this objective (0 any)
  int64_t need = 0;          // linked to this need (0 any)
  std::string country;       // linked to this country (ISO3, "" any)
  int64_t page = 1;
  int64_t per_page = 50;  // at most 500
};

// The lifecycle of actions (hub/record_kind.h), seen by `actor`: List pages through those it may
// see, the soonest due first (those without a date last); Get one (kNotFound also for a visitor
// and a members' meeting's action); Create and Delete are staff's, Update also the owning
// organisation's org editors'. Each action comes with "overdue" (true when open and due before
// today). Callers run writes inside hub::Write.
core::Result<Json> ListActions(store::Connection& db, const Actor& actor, const ActionQuery& query);
core::Result<Json> GetAction(store::Connection& db, const Actor& actor, int64_t id);
core::Result<Json> CreateAction(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Actor& actor, const Json& fields);
core::Result<Json> UpdateAction(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteAction(store::Connection& db, const Actor& actor, int64_t id);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ACTIONS_H_
