#include "hub/estimates.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <utility>

#include "hub/audit.h"
#include "hub/estimate_protection.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;
using Row = EstimateFileRow;

store::Value Optional(const std::optional<double>& value) {
  return value ? store::Value(*value) : store::kNull;
}

// Stores one parsed row of set `set_id`; a suppressed row as its key, flag and reason only.
core::Result<void> InsertRow(store::Connection& db, int64_t set_id, const std::string& iso3,
                             int64_t year, const Row& row) {
  const bool hidden = row.flag == "suppressed";
  const auto shown = [hidden](const store::Value& value) { return hidden ? store::kNull : value; };
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "INSERT INTO estimates (set_id, country_iso3, year, indicator_id, indicator_name, domain, "
      "domain_code, domain_label, n_unweighted, n_missing, n_weighted, estimate, se, ci_low, "
      "ci_high, deff, df, flag, suppression, statistic) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {set_id,
       iso3,
       year,
       row.indicator_id,
       row.indicator_name,
       row.domain,
       row.domain_code,
       row.domain_label,
       shown(row.n_unweighted),
       shown(row.n_missing),
       shown(row.n_weighted),
       shown(row.estimate),
       shown(row.se),
       shown(Optional(row.ci_low)),
       shown(Optional(row.ci_high)),
       shown(Optional(row.deff)),
       shown(Optional(row.df)),
       row.flag,
       row.suppression,
       row.statistic}));
  return {};
}

}  // namespace

Json StripSuppressed(const Json& file) {
  Json out = file;
  if (!out.contains("estimates") || !out["estimates"].is_array()) return out;
  for (Json& row : out["estimates"]) {
    if (!row.is_object() || row.value("flag", "") != "suppressed") continue;
    Json kept = Json::object();
    for (const char* key : {"indicator_id", "indicator_name", "domain", "domain_code",
                            "domain_label", "flag", "suppression"}) {
      if (row.contains(key)) kept[key] = row[key];
    }
    row = kept;
  }
  return out;
}

namespace {

// The publication's country, once the actor may publish for it and the year, source and file
// shape are right.
core::Result<const catalogue::Country*> CheckPublishRequest(const catalogue::Catalogue& catalogue,
                                                            const Actor& actor,
                                                            const PublishRequest& request) {
  const catalogue::Country* country = catalogue.FindCountry(request.country);
  if (country == nullptr) {
    return FailField(ErrorCode::kValidation, "country",
                     fmt::format("'{}' is not a country code (ISO3, e.g. KEN)", request.country));
  }
  const bool focal_point = actor.user_id && actor.role == Role::kCountryFocalPoint &&
                           actor.country_iso3 == country->iso3;
  if (!actor.IsStaff() && !focal_point) {
    return Deny(actor, fmt::format("publish estimates for {}", country->iso3));
  }
  if (request.year < 1950 || request.year > 2100) {
    return FailField(ErrorCode::kValidation, "year", "year must be a survey year (1950-2100)");
  }
  if (request.source.empty() || request.source.size() > 200) {
    return FailField(ErrorCode::kValidation, "source",
                     "source names the survey (e.g. \"MICS6 2019\"), at most 200 characters");
  }
  return country;
}

// Deletes (audited) the earlier set of the same country, year and source: true if there was
// one; kConflict if there was and `request.replace` is not set.
core::Result<bool> ReplaceEarlierSet(store::Connection& db, const Actor& actor,
                                     const std::string& iso3, const PublishRequest& request) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto existing,
      db.Query("SELECT id FROM estimate_sets WHERE country_iso3 = ? AND year = ? AND source = ?",
               {iso3, request.year, request.source}));
  if (existing.rows.empty()) return false;
  if (!request.replace) {
    return FailField(ErrorCode::kConflict, "source",
                     fmt::format("estimates for {}, {}, from {} are published already; "
                                 "publish with replace to change them",
                                 iso3, request.year, request.source));
  }
  const int64_t old_id = existing.rows[0].Int(0);
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM estimate_sets WHERE id = ?", {old_id}));
  INSPIRE_RETURN_IF_ERROR(RecordAudit(
      db, actor, "delete", "estimate_set", std::to_string(old_id),
      Json{{"country", iso3}, {"year", request.year}, {"source", request.source}}, Json()));
  return true;
}

// An indicator published before as another statistic would mix units on its pages: kConflict
// naming the indicator.
core::Result<void> CheckStoredStatistics(store::Connection& db, const std::vector<Row>& rows) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const Row& row : rows) {
    if (!seen.emplace(row.indicator_id, row.statistic).second) continue;
    INSPIRE_ASSIGN_OR_RETURN(
        const auto other,
        db.Query("SELECT statistic FROM estimates WHERE indicator_id = ? AND statistic <> ? "
                 "LIMIT 1",
                 {row.indicator_id, row.statistic}));
    if (other.rows.empty()) continue;
    return FailField(ErrorCode::kConflict, "estimates",
                     fmt::format("indicator '{}' is published as a {} already, and this file "
                                 "gives it as a {}; publish it under another id",
                                 row.indicator_id, other.rows[0].Text(0), row.statistic));
  }
  return {};
}

}  // namespace

core::Result<Json> PublishEstimates(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const Actor& actor, const PublishRequest& request) {
  INSPIRE_ASSIGN_OR_RETURN(const catalogue::Country* country,
                           CheckPublishRequest(catalogue, actor, request));
  const Json& file = request.file;
  INSPIRE_ASSIGN_OR_RETURN(const EstimateFile checked,
                           ReadEstimateFile(catalogue, country->iso3, file));
  const std::vector<Row>& rows = checked.rows;
  const double level = checked.level;
  INSPIRE_ASSIGN_OR_RETURN(const bool replaced,
                           ReplaceEarlierSet(db, actor, country->iso3, request));
  INSPIRE_RETURN_IF_ERROR(CheckStoredStatistics(db, rows));
  const store::Value user = actor.user_id ? store::Value(*actor.user_id) : store::kNull;
  INSPIRE_ASSIGN_OR_RETURN(
      const auto set,
      db.Query("INSERT INTO estimate_sets (country_iso3, year, source, provenance, published_by, "
               "published_by_email, published_at, protection, level) VALUES (?, ?, ?, ?, ?, ?, ?, "
               "1, ?) RETURNING id",
               {country->iso3, request.year, request.source,
                file["provenance"].dump(-1, ' ', false, Json::error_handler_t::replace), user,
                actor.email, store::NowUtc(), level}));
  const int64_t set_id = set.rows.at(0).Int(0);
  for (const Row& row : rows) {
    INSPIRE_RETURN_IF_ERROR(InsertRow(db, set_id, country->iso3, request.year, row));
  }
  const auto count = [&rows](const auto& holds) {
    return static_cast<int64_t>(std::count_if(rows.begin(), rows.end(), holds));
  };
  const Json summary = {
      {"set_id", set_id},
      {"country", country->iso3},
      {"year", request.year},
      {"source", request.source},
      {"rows", rows.size()},
      {"level", level},
      {"suppressed", count([](const Row& row) { return row.flag == "suppressed"; })},
      {"complementary", count([](const Row& row) { return row.suppression == "complementary"; })},
      {"replaced", replaced}};
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "publish", "estimate_set", std::to_string(set_id), Json(), summary));
  return summary;
}

}  // namespace inspire::hub
