// Published estimates: the output of `inspire estimate` for one country, year and survey, kept
// with its provenance. A suppressed cell is stored as its key and flag only (no count, no
// number) and an estimate is never stored without its SE and unweighted n (DESIGN.md invariants
// 1 and 2, also enforced by CHECK constraints in the schema). Any cell below the suppression
// threshold (the file's --min-n, at least kHubMinN) is stored suppressed whatever the file says.
#ifndef INSPIRE_HUB_ESTIMATES_H_
#define INSPIRE_HUB_ESTIMATES_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

inline constexpr double kHubMinN = 25;

struct PublishRequest {
  std::string country;  // ISO3 (or ISO2), checked against the country list
  int64_t year = 0;
  std::string source;    // the survey, e.g. "MICS6 2019"
  Json file;             // {"provenance": {...}, "estimates": [...]} as `inspire estimate` writes
  bool replace = false;  // replace an earlier publication of the same country, year and source
};

// Admin, secretariat, or the focal point of that country. Errors name the field or the row
// ("estimates[12].se"); a second publication of the same country, year and source is kConflict
// unless `replace`. Returns {"set_id", "rows", "suppressed", "replaced"}.
core::Result<Json> PublishEstimates(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const Actor& actor, const PublishRequest& request);

struct EstimateQuery {
  std::string indicator;  // optional
  std::string country;    // optional, ISO3
  int64_t year = 0;       // 0: any
  std::string domain;     // optional ("total", "sex", ...)
  int64_t limit = 1000;
  int64_t offset = 0;
};

// Public. {"items": [...], "total": N}: each row with its survey, year and publication.
core::Result<Json> ListEstimates(store::Connection& db, const EstimateQuery& query);
// Every published estimate that `query` selects (its limit and offset ignored), read 10,000
// rows at a time: the "items" of ListEstimates as one JSON array.
core::Result<Json> AllEstimates(store::Connection& db, EstimateQuery query);

// Strips a file for sending: suppressed rows keep only their key and flag.
Json StripSuppressed(const Json& file);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ESTIMATES_H_
