#include "hub/targets.h"

#include <fmt/format.h>

#include <cmath>

#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

using T = FieldType;

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

// Adds the latest estimate for the target's key and the progress made towards it: the share of
// the distance from baseline to target covered (0 at the baseline, 1 at the target; negative when
// it moved the wrong way).
core::Result<void> DeriveProgress(store::Connection& db, Json& target) {
  INSPIRE_ASSIGN_OR_RETURN(Json latest, Latest(db, target));
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
  return {};
}

// What the target is for: a national indicator only in its country; a domain's group named
// (domain_code) exactly when the domain is not the total.
core::Result<void> CheckKey(const catalogue::Catalogue& catalogue, Json& t) {
  const std::string indicator_id = t["indicator"];
  const catalogue::Indicator* indicator = catalogue.FindIndicator(indicator_id);
  if (indicator == nullptr) {
    return FailField(
        ErrorCode::kValidation, "indicator",
        fmt::format("'{}' is not an indicator of the catalogue (e.g. 1.1)", indicator_id));
  }
  if (!indicator->country.empty() && indicator->country != t["country"]) {
    return FailField(
        ErrorCode::kValidation, "indicator",
        fmt::format("{} is a national indicator of {}", indicator_id, indicator->country));
  }
  if (t["domain"].get<std::string>().empty()) t["domain"] = "total";
  if ((t["domain"] == "total") != t["domain_code"].get<std::string>().empty()) {
    return FailField(ErrorCode::kValidation, "domain_code",
                     "domain_code names the group of a domain (e.g. domain sex, domain_code 2) "
                     "and is empty for the total");
  }
  for (const char* name : {"baseline_value", "target_value"}) {
    if (indicator->unit == "proportion" && !t[name].is_null() && t[name].get<double>() > 1) {
      return FailField(ErrorCode::kValidation, name,
                       fmt::format("{} is a proportion between 0 and 1 (0.25 for 25%)", name));
    }
  }
  return {};
}

// The target as a whole: a value to aim from or at, each with its year, in order, and pointing
// the way of its direction.
core::Result<void> CheckTarget(const catalogue::Catalogue& catalogue, Json& t) {
  INSPIRE_RETURN_IF_ERROR(CheckKey(catalogue, t));
  const Json& baseline = t["baseline_value"];
  const Json& goal = t["target_value"];
  if (baseline.is_null() && goal.is_null()) {
    return FailField(ErrorCode::kValidation, "target_value",
                     "a target record needs a baseline_value, a target_value or both");
  }
  if (baseline.is_null() != t["baseline_year"].is_null()) {
    return FailField(ErrorCode::kValidation, "baseline_year",
                     "baseline_value and baseline_year go together");
  }
  if (goal.is_null() != t["target_year"].is_null()) {
    return FailField(ErrorCode::kValidation, "target_year",
                     "target_value and target_year go together");
  }
  if (!t["baseline_year"].is_null() && !t["target_year"].is_null() &&
      t["target_year"].get<int64_t>() < t["baseline_year"].get<int64_t>()) {
    return FailField(ErrorCode::kValidation, "target_year",
                     "target_year comes before baseline_year");
  }
  const std::string direction = t["direction"];
  if (!baseline.is_null() && !goal.is_null() &&
      ((direction == "decrease" && goal.get<double>() > baseline.get<double>()) ||
       (direction == "increase" && goal.get<double>() < baseline.get<double>()))) {
    return FailField(ErrorCode::kValidation, "target_value",
                     fmt::format("the target must not be {} the baseline when the direction is {}",
                                 direction == "decrease" ? "above" : "below", direction));
  }
  return {};
}

// Staff any; a country focal point its country's.
bool MayWriteTarget(const Actor& actor, const Json& target) {
  if (actor.IsStaff()) return true;
  return actor.user_id && actor.role == Role::kCountryFocalPoint &&
         actor.country_iso3 == target["country"];
}

const RecordKind& Targets() {
  static const RecordKind kind{.fields = &TargetFields(),
                               .table = "targets",
                               .key_column = "target_id",
                               .may_write = MayWriteTarget,
                               .check = CheckTarget,
                               .derive = DeriveProgress,
                               .deny_visitor = "set targets",
                               .deny_create = "set targets for this country",
                               .deny_edit = "edit this target",
                               .deny_move = "move a target to that country",
                               .deny_delete = "delete this target"};
  return kind;
}

}  // namespace

const RecordFields& TargetFields() {
  static const RecordFields fields{
      "target",
      {{.name = "country",
        .type = T::kCountry,
        .required = true,
        .label = "table_country",
        .column = "country_iso3"},
       {.name = "indicator",
        .type = T::kIndicator,
        .required = true,
        .label = "table_indicator",
        .column = "indicator_id"},
       {.name = "domain",
        .type = T::kText,
        .max_length = 100,
        .initial = "total",
        .label = "field_domain",
        .hint = "hint_domain"},
       {.name = "domain_code",
        .type = T::kText,
        .max_length = 100,
        .label = "field_domain_code",
        .hint = "hint_domain_code"},
       {.name = "direction",
        .type = T::kChoice,
        .choices = {"decrease", "increase"},
        .initial = "decrease",
        .label = "field_direction",
        .choice_labels = "direction_"},
       {.name = "baseline_value",
        .type = T::kAmount,
        .label = "field_baseline_value",
        .hint = "hint_proportion"},
       {.name = "baseline_year", .type = T::kYear, .label = "field_baseline_year"},
       {.name = "baseline_source",
        .type = T::kText,
        .max_length = 300,
        .label = "field_baseline_source"},
       {.name = "target_value",
        .type = T::kAmount,
        .label = "field_target_value",
        .hint = "hint_proportion"},
       {.name = "target_year", .type = T::kYear, .label = "field_target_year"},
       {.name = "note", .type = T::kLongText, .max_length = 2000, .label = "field_note"}},
      {"latest", "progress"}};
  return fields;
}

core::Result<Json> ListTargets(store::Connection& db, const TargetQuery& query) {
  RecordSelection selection;
  if (!query.country.empty()) {
    std::string code = query.country;
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    selection.where += " AND r.country_iso3 = ?";
    selection.params.emplace_back(code);
  }
  if (!query.indicator.empty()) {
    selection.where += " AND r.indicator_id = ?";
    selection.params.emplace_back(query.indicator);
  }
  selection.order = "r.country_iso3, r.indicator_id, r.domain, r.domain_code";
  selection.page = query.page;
  selection.per_page = query.per_page;
  selection.max_per_page = 1000;
  return ListRecords(db, Targets(), selection);
}

core::Result<Json> GetTarget(store::Connection& db, int64_t id) {
  return GetRecord(db, Targets(), id);
}

core::Result<Json> CreateTarget(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Actor& actor, const Json& fields) {
  return CreateRecord(db, catalogue, Targets(), actor, fields);
}

core::Result<Json> UpdateTarget(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Actor& actor, int64_t id, const Json& fields) {
  return UpdateRecord(db, catalogue, Targets(), actor, id, fields);
}

core::Result<void> DeleteTarget(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Targets(), actor, id);
}

}  // namespace inspire::hub
