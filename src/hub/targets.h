// Baselines and targets: for one country, indicator and domain (default the whole population),
// where it started (value, year, source) and where the country means to be (value, year), with
// the direction that counts as progress. Each record is served with the latest published
// estimate for the same key and the share of the way from baseline to target covered so far.
// Anyone may read them; admin and secretariat write any, a country focal point its country's.
#ifndef INSPIRE_HUB_TARGETS_H_
#define INSPIRE_HUB_TARGETS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The fields of a target, declared once (checks, forms, API schema).
const RecordFields& TargetFields();

struct TargetQuery {
  std::string country;    // ISO3
  std::string indicator;  // indicator id
  int64_t page = 1;
  int64_t per_page = 100;  // at most 1000
};

// The lifecycle of targets, alike for every record kind: List pages through them ({"items",
// "total", "page", "per_page"}; kValidation naming a bad filter or page); Get returns one
// (kNotFound); Create and Update check every field (kValidation naming it, nothing written) and
// the actor's right (kForbidden, kUnauthenticated for visitors), write the record and its audit
// entry with before and after, and return the record as Get does; Delete removes it, audited.
// Callers run writes inside hub::Write.
// Staff or the country's focal point set them; each comes with the latest unsuppressed
// estimate of its key and the progress from baseline to target it shows.
core::Result<Json> ListTargets(store::Connection& db, const TargetQuery& query);
core::Result<Json> GetTarget(store::Connection& db, int64_t id);
core::Result<Json> CreateTarget(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Actor& actor, const Json& fields);
core::Result<Json> UpdateTarget(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteTarget(store::Connection& db, const Actor& actor, int64_t id);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_TARGETS_H_
