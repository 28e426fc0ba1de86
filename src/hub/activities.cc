#include "hub/activities.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/ascii_case.h"
#include "hub/fields.h"
#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;
using T = FieldType;

// Dates in order, and no budget without its currency.
core::Result<void> CheckActivity(const catalogue::Catalogue&, Json& a) {
  const std::string start = a["start_date"];
  const std::string end = a["end_date"];
  if (!start.empty() && !end.empty() && end.substr(0, start.size()) < start.substr(0, end.size())) {
    return FailField(ErrorCode::kValidation, "end_date", "end_date comes before start_date");
  }
  if (!a["budget"].is_null() && a["currency"].get<std::string>().empty()) {
    return FailField(ErrorCode::kValidation, "currency", "a budget needs its currency");
  }
  return {};
}

// Staff any; an org_editor its organisation's; a country focal point its country's.
bool MayWriteActivity(const Actor& actor, const Json& a) {
  if (actor.IsStaff()) return true;
  if (!actor.user_id) return false;
  if (actor.role == Role::kOrgEditor) {
    return actor.organization_id && *actor.organization_id == a["organization_id"].get<int64_t>();
  }
  if (actor.role == Role::kCountryFocalPoint) return actor.country_iso3 == a["country"];
  return false;
}

const RecordKind& Activities() {
  static const RecordKind kind{.fields = &ActivityFields(),
                               .table = "activities",
                               .key_column = "activity_id",
                               .may_write = MayWriteActivity,
                               .check = CheckActivity,
                               .deny_visitor = "create activities",
                               .deny_create = "create activities for this organisation or country",
                               .deny_edit = "edit this activity",
                               .deny_move = "move an activity to that organisation or country",
                               .deny_delete = "delete this activity"};
  return kind;
}

// The ORDER BY terms of `sort`, or kValidation naming it.
core::Result<std::string> OrderOf(const std::string& sort) {
  static const std::vector<std::pair<std::string, std::string>> kSorts = {
      {"title", "LOWER(r.title), r.id"},    {"-title", "LOWER(r.title) DESC, r.id DESC"},
      {"start_date", "r.start_date, r.id"}, {"-start_date", "r.start_date DESC, r.id DESC"},
      {"updated_at", "r.updated_at, r.id"}, {"-updated_at", "r.updated_at DESC, r.id DESC"}};
  const auto found = std::find_if(kSorts.begin(), kSorts.end(),
                                  [&](const auto& entry) { return entry.first == sort; });
  if (found == kSorts.end()) {
    return FailField(ErrorCode::kValidation, "sort",
                     fmt::format("unknown sort '{}'; expected title, start_date or updated_at, "
                                 "with - for descending",
                                 sort));
  }
  return found->second;
}

}  // namespace

const std::vector<std::string>& ActivityStatuses() {
  static const std::vector<std::string> statuses = {"planned", "ongoing", "completed"};
  return statuses;
}

const RecordFields& ActivityFields() {
  static const RecordFields fields{
      "activity",
      {{.name = "organization_id",
        .type = T::kOrganization,
        .required = true,
        .label = "table_organization"},
       {.name = "title",
        .type = T::kText,
        .required = true,
        .max_length = 300,
        .blank_message = "title must not be empty",
        .label = "table_title"},
       {.name = "description",
        .type = T::kLongText,
        .max_length = 5000,
        .label = "field_description"},
       {.name = "country",
        .type = T::kCountry,
        .required = true,
        .label = "table_country",
        .column = "country_iso3"},
       {.name = "area",
        .type = T::kText,
        .max_length = 200,
        .label = "field_area",
        .hint = "hint_area"},
       {.name = "status",
        .type = T::kChoice,
        .required = true,
        .choices = ActivityStatuses(),
        .label = "table_status",
        .choice_labels = "status_"},
       {.name = "approaches",
        .type = T::kApproaches,
        .required = true,
        .label = "table_approaches",
        .hint = "hint_multi",
        .column = "activity_approaches",
        .item_column = "approach_id"},
       {.name = "start_date", .type = T::kDate, .label = "field_start", .hint = "hint_date"},
       {.name = "end_date", .type = T::kDate, .label = "field_end", .hint = "hint_date"},
       {.name = "target_population",
        .type = T::kText,
        .max_length = 300,
        .label = "field_population"},
       {.name = "people_reached", .type = T::kAmount, .label = "field_reached"},
       {.name = "budget", .type = T::kAmount, .label = "field_budget"},
       {.name = "currency",
        .type = T::kCurrency,
        .label = "field_currency",
        .hint = "hint_currency"},
       {.name = "funding_source", .type = T::kText, .max_length = 300, .label = "field_funding"}},
      {}};
  return fields;
}

core::Result<Json> ListActivities(store::Connection& db, const ActivityQuery& query) {
  RecordSelection selection;
  INSPIRE_ASSIGN_OR_RETURN(selection.order, OrderOf(query.sort));
  const auto add = [&](const char* condition, store::Value value) {
    selection.where += condition;
    selection.params.push_back(std::move(value));
  };
  if (!query.country.empty()) add(" AND r.country_iso3 = ?", core::AsciiUpper(query.country));
  if (!query.status.empty()) add(" AND r.status = ?", query.status);
  if (query.organization != 0) add(" AND r.organization_id = ?", query.organization);
  if (!query.organization_type.empty()) {
    add(" AND r.organization_id IN (SELECT id FROM organizations WHERE type = ?)",
        query.organization_type);
  }
  if (!query.approach.empty()) {
    add(" AND r.id IN (SELECT activity_id FROM activity_approaches WHERE approach_id = ?)",
        core::AsciiUpper(query.approach));
  }
  if (!query.strategy.empty()) {
    // Approach ids are "<strategy>.<n>": the strategy's approaches share its prefix.
    add(" AND r.id IN (SELECT activity_id FROM activity_approaches WHERE approach_id LIKE ? "
        "ESCAPE '!')",
        LikeEscape(core::AsciiUpper(query.strategy)) + ".%");
  }
  selection.page = query.page;
  selection.per_page = query.per_page;
  return ListRecords(db, Activities(), selection);
}

core::Result<Json> GetActivity(store::Connection& db, int64_t id) {
  return GetRecord(db, Activities(), id);
}

core::Result<Json> CreateActivity(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const Actor& actor, const Json& fields) {
  return CreateRecord(db, catalogue, Activities(), actor, fields);
}

core::Result<Json> UpdateActivity(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const Actor& actor, int64_t id, const Json& fields) {
  return UpdateRecord(db, catalogue, Activities(), actor, id, fields);
}

core::Result<void> DeleteActivity(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Activities(), actor, id);
}

}  // namespace inspire::hub
