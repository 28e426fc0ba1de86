#include "hub/actions.h"

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "hub/meetings.h"
#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;
using T = FieldType;

// Staff any action; an org editor its organisation's.
bool MayWriteAction(const Actor& actor, const Json& action) {
  if (actor.IsStaff()) return true;
  return actor.user_id && actor.role == Role::kOrgEditor && actor.organization_id &&
         action["owner_organization"] == *actor.organization_id;
}

// A due date is a whole date, so that "overdue" means one thing.
core::Result<void> CheckAction(const catalogue::Catalogue&, Json& action) {
  const std::string due = action["due"];
  if (!due.empty() && due.size() != 10) {
    return FailField(ErrorCode::kValidation, "due", "due must be a whole date YYYY-MM-DD");
  }
  return {};
}

core::Result<void> MarkOverdue(store::Connection&, Json& action) {
  const std::string due = action["due"];
  action["overdue"] = action["status"] == "open" && !due.empty() && due < store::UtcDate();
  return {};
}

const RecordKind& Actions() {
  static const RecordKind kind{.fields = &ActionFields(),
                               .table = "actions",
                               .key_column = "action_id",
                               .may_write = MayWriteAction,
                               .check = CheckAction,
                               .derive = MarkOverdue,
                               .may_create = StaffMayCreate,
                               .may_delete = StaffMayWrite,
                               .deny_visitor = "assign actions",
                               .deny_create = "assign actions",
                               .deny_edit = "edit this action",
                               .deny_move = "give this action to another organisation",
                               .deny_delete = "delete this action"};
  return kind;
}

// `action` as `actor` sees it: the owning person is named to signed-in users only.
Json ActionSeenBy(const Actor& actor, Json action) {
  if (!actor.signed_in()) action["owner_person"] = "";
  return action;
}

}  // namespace

const RecordFields& ActionFields() {
  static const RecordFields fields{
      "action",
      {{.name = "title",
        .type = T::kText,
        .required = true,
        .max_length = 300,
        .blank_message = "title must not be blank",
        .label = "field_title"},
       {.name = "owner_organization",
        .type = T::kOrganization,
        .required = true,
        .label = "field_owner_organization",
        .column = "owner_organization_id"},
       {.name = "owner_person",
        .type = T::kText,
        .max_length = 200,
        .label = "field_owner_person",
        .hint = "hint_owner_person"},
       {.name = "due", .type = T::kDate, .label = "field_due", .hint = "hint_due"},
       {.name = "status",
        .type = T::kChoice,
        .choices = {"open", "done", "dropped"},
        .initial = "open",
        .label = "field_status",
        .choice_labels = "action_"},
       {.name = "meeting",
        .type = T::kRecordId,
        .label = "field_meeting",
        .column = "meeting_id",
        .references = "meetings"},
       {.name = "objective",
        .type = T::kRecordId,
        .label = "field_objective",
        .column = "objective_id",
        .references = "workplan_objectives"},
       {.name = "need",
        .type = T::kRecordId,
        .label = "field_need",
        .column = "need_id",
        .references = "needs"},
       {.name = "country", .type = T::kCountry, .label = "table_country", .column = "country_iso3"},
       {.name = "approaches",
        .type = T::kApproaches,
        .label = "table_approaches",
        .hint = "hint_multi",
        .column = "action_approaches",
        .item_column = "approach_id"},
       {.name = "note", .type = T::kLongText, .max_length = 4000, .label = "field_progress"}},
      {"overdue"}};
  return fields;
}

core::Result<Json> ListActions(store::Connection& db, const Actor& actor,
                               const ActionQuery& query) {
  RecordSelection selection;
  selection.where = VisibleMeetingCondition(actor, "r.meeting_id");
  const auto equal = [&](const char* column, store::Value value) {
    selection.where += fmt::format(" AND r.{} = ?", column);
    selection.params.push_back(std::move(value));
  };
  if (!query.status.empty()) equal("status", query.status);
  if (query.overdue) {
    selection.where += " AND r.status = 'open' AND r.due <> '' AND r.due < ?";
    selection.params.emplace_back(store::UtcDate());
  }
  if (query.organization != 0) equal("owner_organization_id", query.organization);
  if (query.meeting != 0) equal("meeting_id", query.meeting);
  if (query.objective != 0) equal("objective_id", query.objective);
  if (query.need != 0) equal("need_id", query.need);
  if (!query.country.empty()) equal("country_iso3", core::AsciiUpper(query.country));
  selection.order = "CASE WHEN r.due = '' THEN 1 ELSE 0 END, r.due, r.id";
  selection.page = query.page;
  selection.per_page = query.per_page;
  INSPIRE_ASSIGN_OR_RETURN(Json page, ListRecords(db, Actions(), selection));
  for (Json& action : page["items"]) action = ActionSeenBy(actor, std::move(action));
  return page;
}

core::Result<Json> GetAction(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(Json action, GetRecord(db, Actions(), id));
  if (!action["meeting"].is_null()) {
    auto meeting = GetMeeting(db, actor, action["meeting"].get<int64_t>());
    if (!meeting && meeting.error().code == ErrorCode::kNotFound) {
      return core::Fail(ErrorCode::kNotFound, fmt::format("no action with id {}", id));
    }
    if (!meeting) return tl::unexpected(meeting.error());
  }
  return ActionSeenBy(actor, std::move(action));
}

core::Result<Json> CreateAction(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Actor& actor, const Json& fields) {
  return CreateRecord(db, catalogue, Actions(), actor, fields);
}

core::Result<Json> UpdateAction(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Actor& actor, int64_t id, const Json& fields) {
  return UpdateRecord(db, catalogue, Actions(), actor, id, fields);
}

core::Result<void> DeleteAction(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Actions(), actor, id);
}

}  // namespace inspire::hub
