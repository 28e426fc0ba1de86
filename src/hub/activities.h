// Activities, "who does what where when": an organisation's work in a country (optionally one
// area of it) on one or more INSPIRE approaches, with status, dates, reach and budget. Anyone may
// read them; admin and secretariat write any, an org_editor its own organisation's, a country
// focal point those in its country.
#ifndef INSPIRE_HUB_ACTIVITIES_H_
#define INSPIRE_HUB_ACTIVITIES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The statuses an activity may have: planned, ongoing, completed.
const std::vector<std::string>& ActivityStatuses();

// The fields of an activity, declared once (checks, bulk columns, forms, API schema).
const RecordFields& ActivityFields();

struct ActivityQuery {
  std::string country;            // ISO3
  std::string approach;           // approach id, e.g. P4.1
  std::string strategy;           // strategy id: activities on any of its approaches
  std::string status;             // planned, ongoing, completed
  int64_t organization = 0;       // 0: any
  std::string organization_type;  // OrganizationTypes()
  std::string sort =
      "-updated_at";  // title, -title, start_date, -start_date, updated_at, -updated_at
  int64_t page = 1;
  int64_t per_page = 50;  // at most 500
};

// The lifecycle of activities, alike for every record kind: List pages through them ({"items",
// "total", "page", "per_page"}; kValidation naming a bad filter or page); Get returns one
// (kNotFound); Create and Update check every field (kValidation naming it, nothing written) and
// the actor's right (kForbidden, kUnauthenticated for visitors), write the record and its audit
// entry with before and after, and return the record as Get does; Delete removes it, audited.
// Callers run writes inside hub::Write.
core::Result<Json> ListActivities(store::Connection& db, const ActivityQuery& query);
core::Result<Json> GetActivity(store::Connection& db, int64_t id);
core::Result<Json> CreateActivity(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const Actor& actor, const Json& fields);
core::Result<Json> UpdateActivity(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteActivity(store::Connection& db, const Actor& actor, int64_t id);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ACTIVITIES_H_
