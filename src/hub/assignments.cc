#include "hub/assignments.h"

#include <fmt/format.h>

#include "hub/actions.h"
#include "hub/audit.h"
#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;
using T = FieldType;

// The need's country and asking organisation, and whether it is open.
core::Result<void> AddNeed(store::Connection& db, Json& assignment) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT country_iso3, organization_id, status FROM needs WHERE id = ?",
               {assignment["need"].get<int64_t>()}));
  const bool known = !found.rows.empty();
  assignment["need_country"] = known ? found.rows[0].Text(0) : "";
  assignment["need_organization"] =
      known && !found.rows[0].IsNull(1) ? Json(found.rows[0].Int(1)) : Json();
  const std::string status = assignment["status"];
  const std::string due = assignment["due"];
  assignment["overdue"] =
      status != "done" && status != "declined" && !due.empty() && due < store::UtcDate();
  return {};
}

// A whole due date; the offer, when named, is the assigned organisation's.
core::Result<void> CheckDue(const catalogue::Catalogue&, Json& assignment) {
  const std::string due = assignment["due"];
  if (!due.empty() && due.size() != 10) {
    return FailField(ErrorCode::kValidation, "due", "due must be a whole date YYYY-MM-DD");
  }
  return {};
}

const RecordKind& Assignments() {
  static const RecordKind kind{.fields = &AssignmentFields(),
                               .table = "need_assignments",
                               .key_column = "assignment_id",
                               .may_write = StaffMayWrite,
                               .check = CheckDue,
                               .derive = AddNeed,
                               .may_create = StaffMayCreate,
                               .deny_visitor = "route requests",
                               .deny_create = "route requests",
                               .deny_edit = "change this assignment",
                               .deny_move = "change this assignment",
                               .deny_delete = "delete this assignment"};
  return kind;
}

bool IsAssigned(const Actor& actor, const Json& assignment) {
  return actor.user_id && actor.role == Role::kOrgEditor && actor.organization_id &&
         assignment["organization"] == *actor.organization_id;
}

bool IsAsking(const Actor& actor, const Json& assignment) {
  if (!actor.user_id) return false;
  if (actor.role == Role::kCountryFocalPoint) {
    return actor.country_iso3 == assignment["need_country"];
  }
  return actor.role == Role::kOrgEditor && actor.organization_id &&
         assignment["need_organization"] == *actor.organization_id;
}

// The SQL condition keeping the assignments `actor` may see (" AND ..."), with its parameters.
std::string VisibleCondition(const Actor& actor, std::vector<store::Value>& params) {
  if (actor.IsStaff()) return "";
  if (actor.user_id && actor.role == Role::kOrgEditor && actor.organization_id) {
    params.emplace_back(*actor.organization_id);
    params.emplace_back(*actor.organization_id);
    return " AND (r.organization_id = ? OR r.need_id IN (SELECT id FROM needs WHERE "
           "organization_id = ?))";
  }
  if (actor.user_id && actor.role == Role::kCountryFocalPoint) {
    params.emplace_back(actor.country_iso3);
    return " AND r.need_id IN (SELECT id FROM needs WHERE country_iso3 = ?)";
  }
  return " AND 1 = 0";
}

core::Result<Json> Updates(store::Connection& db, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT status, note, author, organization_id, created_at FROM assignment_updates "
               "WHERE assignment_id = ? ORDER BY id",
               {id}));
  Json updates = Json::array();
  for (const auto& row : found.rows) {
    updates.push_back({{"status", row.Text(0)},
                       {"note", row.Text(1)},
                       {"by", row.Text(2)},
                       {"organization", row.IsNull(3) ? Json() : Json(row.Int(3))},
                       {"at", row.Text(4)}});
  }
  return updates;
}

// The stored assignment with its updates, kNotFound when `actor` may not see it.
core::Result<Json> AssignmentVisible(store::Connection& db, const Actor& actor, int64_t id) {
  auto assignment = GetRecord(db, Assignments(), id);
  if (!assignment && assignment.error().code == ErrorCode::kNotFound) {
    return Fail(ErrorCode::kNotFound, fmt::format("no assignment with id {}", id));
  }
  if (!assignment) return assignment;
  if (!actor.IsStaff() && !IsAssigned(actor, *assignment) && !IsAsking(actor, *assignment)) {
    return Fail(ErrorCode::kNotFound, fmt::format("no assignment with id {}", id));
  }
  INSPIRE_ASSIGN_OR_RETURN((*assignment)["updates"], Updates(db, id));
  return assignment;
}

// The need is not closed, and the offer (when named) belongs to the assigned organisation.
core::Result<void> CheckRouting(store::Connection& db, const Json& assignment) {
  INSPIRE_ASSIGN_OR_RETURN(const auto need, db.Query("SELECT status FROM needs WHERE id = ?",
                                                     {assignment["need"].get<int64_t>()}));
  if (need.rows.empty() || need.rows[0].Text(0) == "closed") {
    return FailField(ErrorCode::kValidation, "need", "a closed need is not routed");
  }
  if (!assignment["offer"].is_number_integer()) return {};
  INSPIRE_ASSIGN_OR_RETURN(const auto offer,
                           db.Query("SELECT organization_id FROM offers WHERE id = ?",
                                    {assignment["offer"].get<int64_t>()}));
  if (offer.rows.empty() || offer.rows[0].Int(0) != assignment["organization"].get<int64_t>()) {
    return FailField(ErrorCode::kValidation, "offer",
                     "the offer must be one of the assigned organisation's");
  }
  return {};
}

}  // namespace

const RecordFields& AssignmentFields() {
  static const RecordFields fields{
      "assignment",
      {{.name = "need",
        .type = T::kRecordId,
        .required = true,
        .label = "field_need",
        .column = "need_id",
        .references = "needs"},
       {.name = "organization",
        .type = T::kOrganization,
        .required = true,
        .label = "field_assigned_organization",
        .column = "organization_id"},
       {.name = "offer",
        .type = T::kRecordId,
        .label = "field_offer",
        .column = "offer_id",
        .references = "offers"},
       {.name = "due", .type = T::kDate, .label = "field_due", .hint = "hint_due"},
       {.name = "status",
        .type = T::kChoice,
        .choices = {"assigned", "accepted", "in_progress", "done", "declined"},
        .initial = "assigned",
        .label = "field_status",
        .choice_labels = "assignment_"},
       {.name = "note", .type = T::kLongText, .max_length = 4000, .label = "field_note"}},
      {"overdue", "need_country", "need_organization", "updates"}};
  return fields;
}

core::Result<Json> ListAssignments(store::Connection& db, const Actor& actor,
                                   const AssignmentQuery& query) {
  RecordSelection selection;
  selection.where = VisibleCondition(actor, selection.params);
  const auto equal = [&](const char* column, store::Value value) {
    selection.where += fmt::format(" AND r.{} = ?", column);
    selection.params.push_back(std::move(value));
  };
  if (!query.status.empty()) equal("status", query.status);
  if (query.need != 0) equal("need_id", query.need);
  if (query.organization != 0) equal("organization_id", query.organization);
  selection.order = "CASE WHEN r.due = '' THEN 1 ELSE 0 END, r.due, r.id";
  selection.page = query.page;
  selection.per_page = query.per_page;
  return ListRecords(db, Assignments(), selection);
}

core::Result<Json> GetAssignment(store::Connection& db, const Actor& actor, int64_t id) {
  return AssignmentVisible(db, actor, id);
}

core::Result<Json> CreateAssignment(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const Actor& actor, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(const Json created,
                           CreateRecord(db, catalogue, Assignments(), actor, fields));
  INSPIRE_RETURN_IF_ERROR(CheckRouting(db, created));  // the caller's transaction undoes it
  return AssignmentVisible(db, actor, created["id"]);
}

core::Result<Json> UpdateAssignment(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const Actor& actor, int64_t id, const Json& fields) {
  INSPIRE_RETURN_IF_ERROR(AssignmentVisible(db, actor, id));
  INSPIRE_ASSIGN_OR_RETURN(const Json updated,
                           UpdateRecord(db, catalogue, Assignments(), actor, id, fields));
  if (fields.contains("offer") || fields.contains("organization")) {
    INSPIRE_RETURN_IF_ERROR(CheckRouting(db, updated));
  }
  return AssignmentVisible(db, actor, id);
}

core::Result<void> DeleteAssignment(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_RETURN_IF_ERROR(AssignmentVisible(db, actor, id));
  return DeleteRecord(db, Assignments(), actor, id);
}

core::Result<Json> AddAssignmentUpdate(store::Connection& db, const Actor& actor, int64_t id,
                                       const std::string& status, const std::string& note) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, AssignmentVisible(db, actor, id));
  const auto& choices = AssignmentFields().Find("status")->choices;
  if (!status.empty()) {
    if (!actor.IsStaff() && !IsAssigned(actor, before)) {
      return Deny(actor, "change the status of this assignment (the assigned organisation does)");
    }
    if (std::find(choices.begin(), choices.end(), status) == choices.end()) {
      return FailField(ErrorCode::kValidation, "status",
                       fmt::format("status must be one of: {}", fmt::join(choices, ", ")));
    }
  }
  if (note.size() > 4000) {
    return FailField(ErrorCode::kValidation, "note", "note must be at most 4000 bytes");
  }
  if (status.empty() && note.find_first_not_of(" \t\r\n") == std::string::npos) {
    return FailField(ErrorCode::kValidation, "note",
                     "an update says something: a note or a status");
  }
  const store::Value organization =
      actor.organization_id ? store::Value(*actor.organization_id) : store::kNull;
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "INSERT INTO assignment_updates (assignment_id, status, note, author, organization_id, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {id, status, note, actor.email, organization, store::NowUtc()}));
  if (!status.empty()) {
    INSPIRE_RETURN_IF_ERROR(
        db.Query("UPDATE need_assignments SET status = ?, updated_at = ? WHERE id = ?",
                 {status, store::NowUtc(), id}));
  }
  INSPIRE_ASSIGN_OR_RETURN(Json after, AssignmentVisible(db, actor, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "update", "assignment", std::to_string(id), before, after));
  return after;
}

}  // namespace inspire::hub
