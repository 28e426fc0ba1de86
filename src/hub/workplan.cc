#include "hub/workplan.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/ascii_case.h"
#include "hub/meetings.h"
#include "hub/record_kind.h"
#include "hub/strategy_choices.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;
using T = FieldType;

// Staff any objective; an org editor the objectives its organisation leads.
bool MayWriteObjective(const Actor& actor, const Json& objective) {
  if (actor.IsStaff()) return true;
  return actor.user_id && actor.role == Role::kOrgEditor && actor.organization_id &&
         objective["lead_organization"] == *actor.organization_id;
}

// The period's end does not come before its start (both as YYYY, YYYY-MM or YYYY-MM-DD).
core::Result<void> CheckObjective(const catalogue::Catalogue&, Json& objective) {
  const std::string starts = objective["starts"];
  const std::string ends = objective["ends"];
  if (!starts.empty() && !ends.empty() &&
      ends.substr(0, std::min(ends.size(), starts.size())) <
          starts.substr(0, std::min(ends.size(), starts.size()))) {
    return FailField(ErrorCode::kValidation, "ends", "ends comes before starts");
  }
  return {};
}

// How many open actions everyone may see are linked to the objective (objectives are public:
// an action agreed at a members' meeting is not counted, so that its existence does not show).
core::Result<void> CountOpenActions(store::Connection& db, Json& objective) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT COUNT(*) FROM actions WHERE objective_id = ? AND status = 'open'" +
                   VisibleMeetingCondition(Actor{}, "meeting_id"),
               {objective["id"].get<int64_t>()}));
  objective["open_actions"] = found.rows.at(0).Int(0);
  return {};
}

const RecordKind& Objectives() {
  static const RecordKind kind{.fields = &ObjectiveFields(),
                               .table = "workplan_objectives",
                               .key_column = "objective_id",
                               .may_write = MayWriteObjective,
                               .check = CheckObjective,
                               .derive = CountOpenActions,
                               .may_create = StaffMayCreate,
                               .may_delete = StaffMayWrite,
                               .deny_visitor = "add to the work plan",
                               .deny_create = "add to the work plan",
                               .deny_edit = "edit this objective",
                               .deny_move = "give this objective to another lead organisation",
                               .deny_delete = "delete this objective"};
  return kind;
}

}  // namespace

const RecordFields& ObjectiveFields() {
  static const RecordFields fields{
      "objective",
      {{.name = "title",
        .type = T::kText,
        .required = true,
        .max_length = 300,
        .blank_message = "title must not be blank",
        .label = "field_title"},
       {.name = "workstream",
        .type = T::kText,
        .required = true,
        .max_length = 120,
        .blank_message = "workstream must not be blank",
        .label = "field_workstream",
        .hint = "hint_workstream"},
       {.name = "starts", .type = T::kDate, .label = "field_starts", .hint = "hint_date"},
       {.name = "ends", .type = T::kDate, .label = "field_ends", .hint = "hint_date"},
       {.name = "description",
        .type = T::kLongText,
        .max_length = 4000,
        .label = "field_description"},
       {.name = "lead_organization",
        .type = T::kOrganization,
        .label = "field_lead_organization",
        .column = "lead_organization_id"},
       {.name = "contributors",
        .type = T::kOrganizations,
        .label = "field_contributors",
        .hint = "hint_multi",
        .column = "objective_contributors",
        .item_column = "organization_id"},
       {.name = "strategies",
        .type = T::kChoices,
        .choices = StrategyChoices(),
        .label = "field_strategies",
        .hint = "hint_multi",
        .column = "objective_strategies",
        .item_column = "strategy_id"},
       {.name = "approaches",
        .type = T::kApproaches,
        .label = "table_approaches",
        .hint = "hint_multi",
        .column = "objective_approaches",
        .item_column = "approach_id"},
       {.name = "countries",
        .type = T::kCountries,
        .label = "field_countries",
        .hint = "hint_multi",
        .column = "objective_countries",
        .item_column = "iso3"},
       {.name = "status",
        .type = T::kChoice,
        .choices = {"planned", "on_track", "at_risk", "done", "dropped"},
        .initial = "planned",
        .label = "field_status",
        .choice_labels = "objective_"},
       {.name = "progress", .type = T::kLongText, .max_length = 4000, .label = "field_progress"}},
      {"open_actions"}};
  return fields;
}

core::Result<Json> ListObjectives(store::Connection& db, const ObjectiveQuery& query) {
  RecordSelection selection;
  if (!query.status.empty()) {
    selection.where += " AND r.status = ?";
    selection.params.emplace_back(query.status);
  }
  if (!query.workstream.empty()) {
    selection.where += " AND r.workstream = ?";
    selection.params.emplace_back(query.workstream);
  }
  if (!query.approach.empty()) {
    selection.where +=
        " AND r.id IN (SELECT objective_id FROM objective_approaches WHERE approach_id = ?)";
    selection.params.emplace_back(query.approach);
  }
  if (!query.country.empty()) {
    selection.where += " AND r.id IN (SELECT objective_id FROM objective_countries WHERE iso3 = ?)";
    selection.params.emplace_back(core::AsciiUpper(query.country));
  }
  if (query.organization != 0) {
    selection.where +=
        " AND (r.lead_organization_id = ? OR r.id IN (SELECT objective_id FROM "
        "objective_contributors WHERE organization_id = ?))";
    selection.params.emplace_back(query.organization);
    selection.params.emplace_back(query.organization);
  }
  selection.order = "r.starts, r.workstream, r.id";
  selection.page = query.page;
  selection.per_page = query.per_page;
  return ListRecords(db, Objectives(), selection);
}

core::Result<Json> GetObjective(store::Connection& db, int64_t id) {
  return GetRecord(db, Objectives(), id);
}

core::Result<Json> CreateObjective(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const Actor& actor, const Json& fields) {
  return CreateRecord(db, catalogue, Objectives(), actor, fields);
}

core::Result<Json> UpdateObjective(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const Actor& actor, int64_t id, const Json& fields) {
  return UpdateRecord(db, catalogue, Objectives(), actor, id, fields);
}

core::Result<void> DeleteObjective(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Objectives(), actor, id);
}

}  // namespace inspire::hub
