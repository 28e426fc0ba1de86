#include "hub/targets.h"

#include <fmt/format.h>

#include <cmath>

#include "hub/audit.h"
#include "hub/catalogue_fields.h"
#include "hub/fields.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;

struct Target {
  std::string country, indicator, domain = "total", domain_code, direction = "decrease",
                                  baseline_source, note;
  std::optional<double> baseline_value, target_value;
  std::optional<int64_t> baseline_year, target_year;
};

constexpr const char* kTargetColumns =
    "t.id, t.country_iso3, t.indicator_id, t.domain, t.domain_code, t.direction, "
    "t.baseline_value, t.baseline_year, t.baseline_source, t.target_value, t.target_year, t.note, "
    "t.created_at, t.updated_at";

// The latest published, unsuppressed estimate for the target's key, if any.
core::Result<Json> Latest(store::Connection& db, const Json& target) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT e.year, e.estimate, e.se, e.ci_low, e.ci_high, s.source FROM estimates e "
               "JOIN estimate_sets s ON s.id = e.set_id WHERE e.country_iso3 = ? AND "
               "e.indicator_id = ? AND e.domain = ? AND e.domain_code = ? AND e.flag <> "
               "'suppressed' ORDER BY e.year DESC, s.published_at DESC LIMIT 1",
               {target["country"].get<std::string>(), target["indicator"].get<std::string>(),
                target["domain"].get<std::string>(), target["domain_code"].get<std::string>()}));
  if (found.rows.empty()) return Json();
  const auto& r = found.rows[0];
  const auto number = [&](size_t i) { return r.IsNull(i) ? Json() : Json(r.Real(i)); };
  return Json{{"year", r.Int(0)},    {"estimate", r.Real(1)}, {"se", r.Real(2)},
              {"ci_low", number(3)}, {"ci_high", number(4)},  {"source", r.Text(5)}};
}

core::Result<Json> ToJson(store::Connection& db, const store::Row& r) {
  const auto number = [&](size_t i) { return r.IsNull(i) ? Json() : Json(r.Real(i)); };
  const auto year = [&](size_t i) { return r.IsNull(i) ? Json() : Json(r.Int(i)); };
  Json target = {{"id", r.Int(0)},
                 {"country", r.Text(1)},
                 {"indicator", r.Text(2)},
                 {"domain", r.Text(3)},
                 {"domain_code", r.Text(4)},
                 {"direction", r.Text(5)},
                 {"baseline_value", number(6)},
                 {"baseline_year", year(7)},
                 {"baseline_source", r.Text(8)},
                 {"target_value", number(9)},
                 {"target_year", year(10)},
                 {"note", r.Text(11)},
                 {"created_at", r.Text(12)},
                 {"updated_at", r.Text(13)}};
  INSPIRE_ASSIGN_OR_RETURN(Json latest, Latest(db, target));
  // Progress: the share of the distance from baseline to target covered by the latest estimate
  // (0 at the baseline, 1 at the target; negative when it moved the wrong way).
  Json progress;
  if (!latest.is_null() && !target["baseline_value"].is_null() &&
      !target["target_value"].is_null()) {
    const double baseline = target["baseline_value"];
    const double goal = target["target_value"];
    if (std::abs(goal - baseline) > 1e-12) {
      progress = (latest["estimate"].get<double>() - baseline) / (goal - baseline);
    }
  }
  target["latest"] = std::move(latest);
  target["progress"] = std::move(progress);
  return target;
}

core::Result<Json> ReadTarget(store::Connection& db, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {} FROM targets t WHERE t.id = ?", kTargetColumns), {id}));
  if (found.rows.empty()) return Fail(ErrorCode::kNotFound, fmt::format("no target {}", id));
  return ToJson(db, found.rows[0]);
}

Target TargetFromJson(const Json& json) {
  Target t;
  t.country = json["country"];
  t.indicator = json["indicator"];
  t.domain = json["domain"];
  t.domain_code = json["domain_code"];
  t.direction = json["direction"];
  if (!json["baseline_value"].is_null()) t.baseline_value = json["baseline_value"].get<double>();
  if (!json["baseline_year"].is_null()) t.baseline_year = json["baseline_year"].get<int64_t>();
  t.baseline_source = json["baseline_source"];
  if (!json["target_value"].is_null()) t.target_value = json["target_value"].get<double>();
  if (!json["target_year"].is_null()) t.target_year = json["target_year"].get<int64_t>();
  t.note = json["note"];
  return t;
}

// Applies what the target is for: country, indicator (national ones only in their country),
// domain and group; returns the indicator.
core::Result<const catalogue::Indicator*> ApplyKey(const catalogue::Catalogue& catalogue,
                                                   const Json& fields, Target& t) {
  if (fields.contains("country")) {
    INSPIRE_ASSIGN_OR_RETURN(t.country, CountryField(catalogue, fields, "country"));
  }
  if (fields.contains("indicator")) {
    INSPIRE_ASSIGN_OR_RETURN(t.indicator, TextField(fields, "indicator", 50));
  }
  const catalogue::Indicator* indicator = catalogue.FindIndicator(t.indicator);
  if (indicator == nullptr) {
    return FailField(
        ErrorCode::kValidation, "indicator",
        fmt::format("'{}' is not an indicator of the catalogue (e.g. 1.1)", t.indicator));
  }
  if (!indicator->country.empty() && indicator->country != t.country) {
    return FailField(
        ErrorCode::kValidation, "indicator",
        fmt::format("{} is a national indicator of {}", t.indicator, indicator->country));
  }
  if (fields.contains("domain")) {
    INSPIRE_ASSIGN_OR_RETURN(t.domain, TextField(fields, "domain", 100));
    if (t.domain.empty()) t.domain = "total";
  }
  if (fields.contains("domain_code")) {
    INSPIRE_ASSIGN_OR_RETURN(t.domain_code, TextField(fields, "domain_code", 100));
  }
  if ((t.domain == "total") != t.domain_code.empty()) {
    return FailField(ErrorCode::kValidation, "domain_code",
                     "domain_code names the group of a domain (e.g. domain sex, domain_code 2) "
                     "and is empty for the total");
  }
  return indicator;
}

// Applies the direction, the baseline and the target (values and years, a proportion at most 1),
// the source and the note.
core::Result<void> ApplyValues(const catalogue::Indicator& indicator, const Json& fields,
                               Target& t) {
  if (fields.contains("direction")) {
    INSPIRE_ASSIGN_OR_RETURN(t.direction,
                             ChoiceField(fields, "direction", {"decrease", "increase"}));
  }
  if (fields.contains("baseline_value")) {
    INSPIRE_ASSIGN_OR_RETURN(t.baseline_value, NonNegativeField(fields, "baseline_value"));
  }
  if (fields.contains("target_value")) {
    INSPIRE_ASSIGN_OR_RETURN(t.target_value, NonNegativeField(fields, "target_value"));
  }
  if (indicator.unit == "proportion") {
    for (const auto& [name, value] : {std::pair{"baseline_value", t.baseline_value},
                                      std::pair{"target_value", t.target_value}}) {
      if (value && *value > 1) {
        return FailField(ErrorCode::kValidation, name,
                         fmt::format("{} is a proportion between 0 and 1 (0.25 for 25%)", name));
      }
    }
  }
  if (fields.contains("baseline_year")) {
    INSPIRE_ASSIGN_OR_RETURN(t.baseline_year, YearField(fields, "baseline_year"));
  }
  if (fields.contains("target_year")) {
    INSPIRE_ASSIGN_OR_RETURN(t.target_year, YearField(fields, "target_year"));
  }
  if (fields.contains("baseline_source")) {
    INSPIRE_ASSIGN_OR_RETURN(t.baseline_source, TextField(fields, "baseline_source", 300));
  }
  if (fields.contains("note")) {
    INSPIRE_ASSIGN_OR_RETURN(t.note, TextField(fields, "note", 2000));
  }
  return {};
}

// The target as a whole: a value to aim from or at, each with its year, in order, and pointing
// the way of its direction.
core::Result<void> CheckConsistent(const Target& t) {
  if (!t.baseline_value && !t.target_value) {
    return FailField(ErrorCode::kValidation, "target_value",
                     "a target record needs a baseline_value, a target_value or both");
  }
  if (t.baseline_value.has_value() != t.baseline_year.has_value()) {
    return FailField(ErrorCode::kValidation, "baseline_year",
                     "baseline_value and baseline_year go together");
  }
  if (t.target_value.has_value() != t.target_year.has_value()) {
    return FailField(ErrorCode::kValidation, "target_year",
                     "target_value and target_year go together");
  }
  if (t.baseline_year && t.target_year && *t.target_year < *t.baseline_year) {
    return FailField(ErrorCode::kValidation, "target_year",
                     "target_year comes before baseline_year");
  }
  if (t.baseline_value && t.target_value &&
      ((t.direction == "decrease" && *t.target_value > *t.baseline_value) ||
       (t.direction == "increase" && *t.target_value < *t.baseline_value))) {
    return FailField(ErrorCode::kValidation, "target_value",
                     fmt::format("the target must not be {} the baseline when the direction is {}",
                                 t.direction == "decrease" ? "above" : "below", t.direction));
  }
  return {};
}

core::Result<void> Apply(const catalogue::Catalogue& catalogue, const Json& fields, bool creating,
                         Target& t) {
  if (!fields.is_object()) return Fail(ErrorCode::kValidation, "the body must be a JSON object");
  INSPIRE_RETURN_IF_ERROR(CheckKnownFields(
      fields, {"country", "indicator", "domain", "domain_code", "direction", "baseline_value",
               "baseline_year", "baseline_source", "target_value", "target_year", "note"}));
  if (creating) {
    INSPIRE_RETURN_IF_ERROR(CheckRequired(fields, {"country", "indicator"}));
  }
  INSPIRE_ASSIGN_OR_RETURN(const catalogue::Indicator* indicator, ApplyKey(catalogue, fields, t));
  INSPIRE_RETURN_IF_ERROR(ApplyValues(*indicator, fields, t));
  return CheckConsistent(t);
}

bool MayWrite(const Actor& actor, const std::string& country) {
  if (actor.IsStaff()) return true;
  return actor.user_id && actor.role == Role::kCountryFocalPoint && actor.country_iso3 == country;
}

core::Result<void> WriteTarget(store::Connection& db, int64_t id, const Target& t) {
  const auto real = [](const std::optional<double>& v) {
    return v ? store::Value(*v) : store::kNull;
  };
  const auto integer = [](const std::optional<int64_t>& v) {
    return v ? store::Value(*v) : store::kNull;
  };
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "UPDATE targets SET country_iso3 = ?, indicator_id = ?, domain = ?, domain_code = ?, "
      "direction = ?, baseline_value = ?, baseline_year = ?, baseline_source = ?, target_value = "
      "?, target_year = ?, note = ?, updated_at = ? WHERE id = ?",
      {t.country, t.indicator, t.domain, t.domain_code, t.direction, real(t.baseline_value),
       integer(t.baseline_year), t.baseline_source, real(t.target_value), integer(t.target_year),
       t.note, store::NowUtc(), id}));
  return {};
}

}  // namespace

core::Result<Json> ListTargets(store::Connection& db, const TargetQuery& query) {
  INSPIRE_RETURN_IF_ERROR(CheckPage(query.page, query.per_page, 1000));
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!query.country.empty()) {
    std::string code = query.country;
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    where += " AND t.country_iso3 = ?";
    params.emplace_back(code);
  }
  if (!query.indicator.empty()) {
    where += " AND t.indicator_id = ?";
    params.emplace_back(query.indicator);
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto total,
                           db.Query("SELECT COUNT(*) FROM targets t" + where, params));
  params.emplace_back(query.per_page);
  params.emplace_back((query.page - 1) * query.per_page);
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {} FROM targets t{} ORDER BY t.country_iso3, t.indicator_id, "
                           "t.domain, t.domain_code LIMIT ? OFFSET ?",
                           kTargetColumns, where),
               params));
  Json items = Json::array();
  for (const auto& row : found.rows) {
    INSPIRE_ASSIGN_OR_RETURN(Json item, ToJson(db, row));
    items.push_back(std::move(item));
  }
  return Json{{"items", items},
              {"total", total.rows.at(0).Int(0)},
              {"page", query.page},
              {"per_page", query.per_page}};
}

core::Result<Json> GetTarget(store::Connection& db, int64_t id) { return ReadTarget(db, id); }

core::Result<Json> CreateTarget(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Actor& actor, const Json& fields) {
  if (!actor.signed_in()) return Deny(actor, "set targets");
  Target t;
  INSPIRE_RETURN_IF_ERROR(Apply(catalogue, fields, true, t));
  if (!MayWrite(actor, t.country)) return Deny(actor, "set targets for this country");
  const std::string now = store::NowUtc();
  INSPIRE_ASSIGN_OR_RETURN(
      const auto inserted,
      db.Query("INSERT INTO targets (country_iso3, indicator_id, domain, domain_code, direction, "
               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {t.country, t.indicator, t.domain, t.domain_code, t.direction, now, now}));
  const int64_t id = inserted.rows.at(0).Int(0);
  INSPIRE_RETURN_IF_ERROR(WriteTarget(db, id, t));
  INSPIRE_ASSIGN_OR_RETURN(Json created, ReadTarget(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "create", "target", std::to_string(id), Json(), created));
  return created;
}

core::Result<Json> UpdateTarget(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Actor& actor, int64_t id, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadTarget(db, id));
  Target t = TargetFromJson(before);
  if (!MayWrite(actor, t.country)) return Deny(actor, "edit this target");
  INSPIRE_RETURN_IF_ERROR(Apply(catalogue, fields, false, t));
  if (!MayWrite(actor, t.country)) return Deny(actor, "move a target to that country");
  INSPIRE_RETURN_IF_ERROR(WriteTarget(db, id, t));
  INSPIRE_ASSIGN_OR_RETURN(Json after, ReadTarget(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "update", "target", std::to_string(id), before, after));
  return after;
}

core::Result<void> DeleteTarget(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadTarget(db, id));
  if (!MayWrite(actor, before["country"].get<std::string>())) {
    return Deny(actor, "delete this target");
  }
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM targets WHERE id = ?", {id}));
  return RecordAudit(db, actor, "delete", "target", std::to_string(id), before, Json());
}

}  // namespace inspire::hub
