// Reading a published-estimates file, outside input that `inspire estimate --format json`
// writes (or the rows of its CSV): every row checked field by field, the indicator known to the
// hub's catalogue, the hub's own disclosure protection applied whatever the file says (a cell
// under the threshold suppressed; complementary cells suppressed so that none can be worked out
// from its neighbours), and the confidence level of its intervals.
#ifndef INSPIRE_HUB_ESTIMATE_FILE_H_
#define INSPIRE_HUB_ESTIMATE_FILE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The hub's own suppression threshold: a published cell needs at least this unweighted n,
// whatever smaller --min-n its file was made with.
inline constexpr double kHubMinN = 25;

// One checked row. A suppressed row's numbers are not kept (they are never stored).
struct EstimateFileRow {
  std::string indicator_id, indicator_name, domain, domain_code, domain_label;
  std::string flag;         // "ok", "caution" or "suppressed"
  std::string suppression;  // "", "primary" or "complementary"
  int64_t n_unweighted = 0;
  int64_t n_missing = 0;
  double n_weighted = 0;
  // "proportion" (estimate and interval in [0, 1]), "mean" or "total" (any finite number); one
  // statistic per indicator, and a catalogue indicator's must be its unit's (a proportion's).
  std::string statistic = "proportion";
  double estimate = 0;
  double se = 0;                                    // >= 0
  std::optional<double> ci_low, ci_high, deff, df;  // ci_low <= estimate <= ci_high
};

// A file ready to store.
struct EstimateFile {
  std::vector<EstimateFileRow> rows;  // in the file's order, at least one
  double level = 0.95;                // the confidence level of every interval, in (0, 1)
};

// Reads `file` ({"provenance": {...}, "estimates": [...]}) for a publication of country `iso3`.
// The threshold is the larger of kHubMinN and the provenance's options.min_n; the level is the
// provenance's options.level, else the rows' "level" (all equal), else 0.95. Errors:
// kValidation naming the field, e.g. "estimates[12].se" or "provenance.options.level", with
// what was expected; nothing else.
core::Result<EstimateFile> ReadEstimateFile(const catalogue::Catalogue& catalogue,
                                            const std::string& iso3, const Json& file);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ESTIMATE_FILE_H_
