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
#include "hub/estimate_file.h"
#include "hub/published_estimates.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

struct PublishRequest {
  std::string country;  // ISO3 (or ISO2), checked against the country list
  int64_t year = 0;
  std::string source;    // the survey, e.g. "MICS6 2019"
  Json file;             // {"provenance": {...}, "estimates": [...]} as `inspire estimate` writes
  bool replace = false;  // replace an earlier publication of the same country, year and source
};

// Admin, secretariat, or the focal point of that country. Errors name the field or the row
// ("estimates[12].se"); a second publication of the same country, year and source is kConflict
// unless `replace`. The set keeps the confidence level of its intervals: the provenance's
// options.level, else the rows' level, else 0.95 (a level outside (0, 1), or rows that differ,
// are refused naming the field). Returns {"set_id", "country", "year", "source", "rows",
// "level", "suppressed", "complementary", "replaced"}.
core::Result<Json> PublishEstimates(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const Actor& actor, const PublishRequest& request);

// Strips a file for sending: suppressed rows keep only their key and flag.
Json StripSuppressed(const Json& file);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ESTIMATES_H_
