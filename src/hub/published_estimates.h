// The published estimates as readers get them (the API, the pages, the exports): typed rows,
// each with its publication and the confidence level its interval was made at. Suppressed rows
// carry their key, flag and reason only. Public: no actor needed.
#ifndef INSPIRE_HUB_PUBLISHED_ESTIMATES_H_
#define INSPIRE_HUB_PUBLISHED_ESTIMATES_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

struct EstimateQuery {
  std::string indicator;  // optional
  std::string country;    // optional, ISO3 (any case)
  int64_t year = 0;       // 0: any
  std::string domain;     // optional ("total", "sex", ...)
  int64_t limit = 1000;   // 1 to 10,000
  int64_t offset = 0;     // at least 0
};

// One published estimate.
struct PublishedEstimate {
  std::string country;  // ISO3
  int64_t year = 0;
  std::string source;  // the survey, e.g. "VACS 2019"
  std::string indicator_id, indicator_name;
  std::string domain, domain_code, domain_label;  // domain "total": the whole population
  std::optional<int64_t> n_unweighted, n_missing;
  // Null for a suppressed row; an interval may be absent (p of 0 or 1).
  std::optional<double> n_weighted, estimate, se, ci_low, ci_high, deff, df;
  double level = 0.95;      // the confidence level of [ci_low, ci_high]
  std::string flag;         // "ok", "caution" or "suppressed"
  std::string suppression;  // "", "primary" or "complementary"
  // "proportion" (estimate and interval in 0-1), "mean" or "total" (in the indicator's own unit:
  // a total counts people).
  std::string statistic = "proportion";
  int64_t set_id = 0;  // the publication
  std::string published_at;
  bool suppressed() const { return flag == "suppressed"; }
  bool total() const { return domain == "total"; }
  // Later survey year first, then the later publication.
  bool NewerThan(const PublishedEstimate& other) const {
    return year != other.year ? year > other.year : published_at > other.published_at;
  }
};

// A page of estimates and how many the query selects in all.
struct EstimatePage {
  std::vector<PublishedEstimate> items;  // by indicator, country, year, then publication order
  int64_t total = 0;
};

// The estimates `query` selects, one page. Errors: kInvalidArgument naming "limit" when limit or
// offset is out of range; database errors.
core::Result<EstimatePage> FindEstimates(store::Connection& db, const EstimateQuery& query);
// Every estimate `query` selects (its limit and offset ignored), read 10,000 at a time.
core::Result<std::vector<PublishedEstimate>> AllPublished(store::Connection& db,
                                                          EstimateQuery query);

// The row as the API writes it: every field above under its name, nulls for absent values.
Json ToJson(const PublishedEstimate& estimate);

// FindEstimates as the API answers: {"items": [...], "total", "limit", "offset"}.
core::Result<Json> ListEstimates(store::Connection& db, const EstimateQuery& query);
// AllPublished as one JSON array of ToJson rows.
core::Result<Json> AllEstimates(store::Connection& db, EstimateQuery query);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_PUBLISHED_ESTIMATES_H_
