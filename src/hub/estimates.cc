#include "hub/estimates.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "hub/audit.h"
#include "hub/estimate_protection.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

struct Row {
  std::string indicator_id, indicator_name, domain, domain_code, domain_label, flag;
  std::string suppression;  // "", "primary" or "complementary"
  int64_t n_unweighted = 0;
  int64_t n_missing = 0;
  double n_weighted = 0;
  double estimate = 0;
  double se = 0;
  std::optional<double> ci_low, ci_high, deff, df;
};

core::Result<std::string> RowText(const Json& row, const std::string& where, const char* name,
                                  bool required) {
  if (!row.contains(name) || row[name].is_null()) {
    if (!required) return std::string();
    return FailField(ErrorCode::kValidation, where + "." + name,
                     fmt::format("{} is required", name));
  }
  if (!row[name].is_string() || row[name].get<std::string>().size() > 500) {
    return FailField(ErrorCode::kValidation, where + "." + name,
                     fmt::format("{} must be text of at most 500 characters", name));
  }
  return row[name].get<std::string>();
}

core::Result<std::optional<double>> RowNumber(const Json& row, const std::string& where,
                                              const char* name, bool required) {
  if (!row.contains(name) || row[name].is_null()) {
    if (required) {
      return FailField(ErrorCode::kValidation, where + "." + name,
                       fmt::format("{} is required for a published estimate", name));
    }
    return std::optional<double>();
  }
  if (!row[name].is_number() || !std::isfinite(row[name].get<double>())) {
    return FailField(ErrorCode::kValidation, where + "." + name,
                     fmt::format("{} must be a number", name));
  }
  return std::optional<double>(row[name].get<double>());
}

core::Result<Row> ParseRow(const Json& json, size_t index, double min_n) {
  const std::string where = fmt::format("estimates[{}]", index);
  if (!json.is_object()) {
    return FailField(ErrorCode::kValidation, where, "each estimate must be an object");
  }
  Row row;
  INSPIRE_ASSIGN_OR_RETURN(row.indicator_id, RowText(json, where, "indicator_id", true));
  INSPIRE_ASSIGN_OR_RETURN(row.indicator_name, RowText(json, where, "indicator_name", false));
  INSPIRE_ASSIGN_OR_RETURN(row.domain, RowText(json, where, "domain", true));
  INSPIRE_ASSIGN_OR_RETURN(row.domain_code, RowText(json, where, "domain_code", false));
  INSPIRE_ASSIGN_OR_RETURN(row.domain_label, RowText(json, where, "domain_label", false));
  INSPIRE_ASSIGN_OR_RETURN(row.flag, RowText(json, where, "flag", true));
  if (row.flag != "ok" && row.flag != "caution" && row.flag != "suppressed") {
    return FailField(ErrorCode::kValidation, where + ".flag",
                     "flag must be ok, caution or suppressed");
  }
  if (row.flag == "suppressed") {  // whatever else it carries is dropped
    const bool complementary =
        json.contains("suppression") && json["suppression"] == "complementary";
    row.suppression = complementary ? "complementary" : "primary";
    return row;
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto n, RowNumber(json, where, "n_unweighted", true));
  if (*n < 0 || std::floor(*n) != *n) {
    return FailField(ErrorCode::kValidation, where + ".n_unweighted",
                     "n_unweighted must be a whole number >= 0");
  }
  row.n_unweighted = static_cast<int64_t>(*n);
  if (static_cast<double>(row.n_unweighted) < min_n) {  // below the threshold: suppressed here
    row.flag = "suppressed";
    row.suppression = "primary";
    return row;
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto missing, RowNumber(json, where, "n_missing", false));
  if (missing && (*missing < 0 || std::floor(*missing) != *missing)) {
    return FailField(ErrorCode::kValidation, where + ".n_missing",
                     "n_missing must be a whole number >= 0");
  }
  row.n_missing = missing ? static_cast<int64_t>(*missing) : 0;
  INSPIRE_ASSIGN_OR_RETURN(const auto weighted, RowNumber(json, where, "n_weighted", false));
  if (weighted && *weighted < 0) {
    return FailField(ErrorCode::kValidation, where + ".n_weighted", "n_weighted must be >= 0");
  }
  row.n_weighted = weighted.value_or(0);
  INSPIRE_ASSIGN_OR_RETURN(const auto estimate, RowNumber(json, where, "estimate", true));
  INSPIRE_ASSIGN_OR_RETURN(const auto se, RowNumber(json, where, "se", true));
  row.estimate = *estimate;
  row.se = *se;
  if (row.estimate < 0 || row.estimate > 1) {
    return FailField(ErrorCode::kValidation, where + ".estimate",
                     "estimate must be a proportion between 0 and 1");
  }
  if (row.se < 0) return FailField(ErrorCode::kValidation, where + ".se", "se must be >= 0");
  INSPIRE_ASSIGN_OR_RETURN(row.ci_low, RowNumber(json, where, "ci_low", false));
  INSPIRE_ASSIGN_OR_RETURN(row.ci_high, RowNumber(json, where, "ci_high", false));
  if (row.ci_low.has_value() != row.ci_high.has_value() ||
      (row.ci_low && (*row.ci_low > row.estimate + 1e-9 || *row.ci_high < row.estimate - 1e-9 ||
                      *row.ci_low < 0 || *row.ci_high > 1))) {
    return FailField(ErrorCode::kValidation, where + ".ci_low",
                     "the confidence interval must lie within 0 to 1 and hold the estimate "
                     "(0 <= ci_low <= estimate <= ci_high <= 1)");
  }
  INSPIRE_ASSIGN_OR_RETURN(row.deff, RowNumber(json, where, "deff", false));
  INSPIRE_ASSIGN_OR_RETURN(row.df, RowNumber(json, where, "df", false));
  if (row.deff && *row.deff < 0) {
    return FailField(ErrorCode::kValidation, where + ".deff", "deff must be >= 0");
  }
  if (row.df && *row.df < 0) {
    return FailField(ErrorCode::kValidation, where + ".df", "df must be >= 0");
  }
  return row;
}

// Complementary suppression of the parsed rows (estimate_protection.h): the hub never trusts
// the file to have done it.
core::Result<void> ProtectRows(std::vector<Row>& rows, double min_n) {
  std::vector<ProtectedCell> cells;
  cells.reserve(rows.size());
  for (const Row& row : rows) {
    cells.push_back({row.indicator_id, row.domain, row.domain_code,
                     row.flag == "suppressed"
                         ? std::nullopt
                         : std::optional<double>(static_cast<double>(row.n_unweighted))});
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto suppression, ProtectCells(cells, min_n));
  for (size_t i = 0; i < rows.size(); ++i) {
    if (suppression[i] != disclosure::Suppression::kComplementary) continue;
    rows[i].flag = "suppressed";
    rows[i].suppression = "complementary";
  }
  return {};
}

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
      "ci_high, deff, df, flag, suppression) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {set_id, iso3, year, row.indicator_id, row.indicator_name, row.domain, row.domain_code,
       row.domain_label, shown(row.n_unweighted), shown(row.n_missing), shown(row.n_weighted),
       shown(row.estimate), shown(row.se), shown(Optional(row.ci_low)),
       shown(Optional(row.ci_high)), shown(Optional(row.deff)), shown(Optional(row.df)), row.flag,
       row.suppression}));
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

// True when `id` is a variant of a catalogue indicator: its id, '-' and a qualifier, as the
// built-in recipes split one indicator into several questions (OUT-R6-told of OUT-R6).
bool VariantOfKnown(const catalogue::Catalogue& catalogue, const std::string& id) {
  for (size_t dash = id.rfind('-'); dash != std::string::npos && dash > 0;
       dash = id.rfind('-', dash - 1)) {
    if (catalogue.FindIndicator(id.substr(0, dash)) != nullptr) return true;
  }
  return false;
}

// An indicator the hub's catalogue knows (core, or a national extension loaded here); else,
// named by its row, a variant of one, or a national indicator of the publication's country (its
// id starts with the country's ISO3 code and a hyphen, as in the extension files: KEN-CP-01).
core::Result<void> CheckIndicator(const catalogue::Catalogue& catalogue, const std::string& iso3,
                                  const Row& row, size_t index) {
  const std::string& id = row.indicator_id;
  if (catalogue.FindIndicator(id) != nullptr) return {};
  const bool national = id.size() > iso3.size() + 1 && id.rfind(iso3 + "-", 0) == 0;
  if (!row.indicator_name.empty() && (national || VariantOfKnown(catalogue, id))) return {};
  return FailField(ErrorCode::kValidation, fmt::format("estimates[{}].indicator_id", index),
                   fmt::format("'{}' is not an indicator of the hub's catalogue; a variant of "
                               "one (its id, '-' and a qualifier) or a national indicator (an "
                               "id that starts with {}-) needs its indicator_name in the row",
                               id, iso3));
}

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
  const Json& file = request.file;
  if (!file.is_object() || !file.contains("estimates") || !file["estimates"].is_array() ||
      !file.contains("provenance") || !file["provenance"].is_object()) {
    return FailField(ErrorCode::kValidation, "estimates",
                     "expected the JSON that `inspire estimate --format json` writes: "
                     "{\"provenance\": {...}, \"estimates\": [...]}");
  }
  return country;
}

// The file's rows, each checked, with the disclosure protection applied (the larger of the
// hub's minimum n and the file's own).
core::Result<std::vector<Row>> ProtectedRows(const catalogue::Catalogue& catalogue,
                                             const std::string& iso3, const Json& file) {
  double min_n = kHubMinN;
  const Json& options = file["provenance"].value("options", Json::object());
  if (options.is_object() && options.contains("min_n") && options["min_n"].is_number()) {
    min_n = std::max(min_n, options["min_n"].get<double>());
  }
  std::vector<Row> rows;
  rows.reserve(file["estimates"].size());
  for (size_t i = 0; i < file["estimates"].size(); ++i) {
    INSPIRE_ASSIGN_OR_RETURN(Row row, ParseRow(file["estimates"][i], i, min_n));
    INSPIRE_RETURN_IF_ERROR(CheckIndicator(catalogue, iso3, row, i));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) {
    return FailField(ErrorCode::kValidation, "estimates", "the file holds no estimates");
  }
  INSPIRE_RETURN_IF_ERROR(ProtectRows(rows, min_n));
  return rows;
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

}  // namespace

core::Result<Json> PublishEstimates(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const Actor& actor, const PublishRequest& request) {
  INSPIRE_ASSIGN_OR_RETURN(const catalogue::Country* country,
                           CheckPublishRequest(catalogue, actor, request));
  const Json& file = request.file;
  INSPIRE_ASSIGN_OR_RETURN(const std::vector<Row> rows,
                           ProtectedRows(catalogue, country->iso3, file));
  INSPIRE_ASSIGN_OR_RETURN(const bool replaced,
                           ReplaceEarlierSet(db, actor, country->iso3, request));
  const store::Value user = actor.user_id ? store::Value(*actor.user_id) : store::kNull;
  INSPIRE_ASSIGN_OR_RETURN(
      const auto set,
      db.Query("INSERT INTO estimate_sets (country_iso3, year, source, provenance, published_by, "
               "published_by_email, published_at, protection) VALUES (?, ?, ?, ?, ?, ?, ?, 1) "
               "RETURNING id",
               {country->iso3, request.year, request.source,
                file["provenance"].dump(-1, ' ', false, Json::error_handler_t::replace), user,
                actor.email, store::NowUtc()}));
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
      {"suppressed", count([](const Row& row) { return row.flag == "suppressed"; })},
      {"complementary", count([](const Row& row) { return row.suppression == "complementary"; })},
      {"replaced", replaced}};
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "publish", "estimate_set", std::to_string(set_id), Json(), summary));
  return summary;
}

core::Result<Json> ListEstimates(store::Connection& db, const EstimateQuery& query) {
  if (query.limit < 1 || query.limit > 10000 || query.offset < 0) {
    return FailField(ErrorCode::kInvalidArgument, "limit",
                     "limit must be 1 to 10000 and offset at least 0");
  }
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!query.indicator.empty()) {
    where += " AND e.indicator_id = ?";
    params.emplace_back(query.indicator);
  }
  if (!query.country.empty()) {
    std::string iso3 = query.country;
    for (char& c : iso3) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    where += " AND e.country_iso3 = ?";
    params.emplace_back(iso3);
  }
  if (query.year != 0) {
    where += " AND e.year = ?";
    params.emplace_back(query.year);
  }
  if (!query.domain.empty()) {
    where += " AND e.domain = ?";
    params.emplace_back(query.domain);
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto total,
                           db.Query("SELECT COUNT(*) FROM estimates e" + where, params));
  params.emplace_back(query.limit);
  params.emplace_back(query.offset);
  INSPIRE_ASSIGN_OR_RETURN(
      const auto result,
      db.Query("SELECT e.country_iso3, e.year, s.source, e.indicator_id, e.indicator_name, "
               "e.domain, e.domain_code, e.domain_label, e.n_unweighted, e.n_missing, "
               "e.n_weighted, e.estimate, e.se, e.ci_low, e.ci_high, e.deff, e.df, e.flag, "
               "s.id, s.published_at, e.suppression FROM estimates e JOIN estimate_sets s ON s.id "
               "= e.set_id" +
                   where +
                   " ORDER BY e.indicator_id, e.country_iso3, e.year, e.id LIMIT ? OFFSET ?",
               params));
  Json items = Json::array();
  for (const auto& row : result.rows) {
    const auto number = [&](size_t i) { return row.IsNull(i) ? Json() : Json(row.Real(i)); };
    const auto count = [&](size_t i) { return row.IsNull(i) ? Json() : Json(row.Int(i)); };
    items.push_back({{"country", row.Text(0)},
                     {"year", row.Int(1)},
                     {"source", row.Text(2)},
                     {"indicator_id", row.Text(3)},
                     {"indicator_name", row.Text(4)},
                     {"domain", row.Text(5)},
                     {"domain_code", row.Text(6)},
                     {"domain_label", row.Text(7)},
                     {"n_unweighted", count(8)},
                     {"n_missing", count(9)},
                     {"n_weighted", number(10)},
                     {"estimate", number(11)},
                     {"se", number(12)},
                     {"ci_low", number(13)},
                     {"ci_high", number(14)},
                     {"deff", number(15)},
                     {"df", number(16)},
                     {"flag", row.Text(17)},
                     {"suppression", row.Text(20).empty() ? Json() : Json(row.Text(20))},
                     {"set_id", row.Int(18)},
                     {"published_at", row.Text(19)}});
  }
  return Json{{"items", items},
              {"total", total.rows.at(0).Int(0)},
              {"limit", query.limit},
              {"offset", query.offset}};
}

core::Result<Json> AllEstimates(store::Connection& db, EstimateQuery query) {
  query.limit = 10000;
  Json items = Json::array();
  for (query.offset = 0;; query.offset += query.limit) {
    INSPIRE_ASSIGN_OR_RETURN(Json list, ListEstimates(db, query));
    for (Json& row : list["items"]) items.push_back(std::move(row));
    if (static_cast<int64_t>(items.size()) >= list["total"].get<int64_t>() ||
        list["items"].empty()) {
      return items;
    }
  }
}

}  // namespace inspire::hub
