#include "hub/decisions.h"

#include <fmt/format.h>

#include "hub/meetings.h"
#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using T = FieldType;

// A decision stays with the meeting it was taken at.
core::Result<void> KeepMeeting(const Actor&, const Json& before, const Json& after) {
  if (before["meeting"] != after["meeting"]) {
    return core::FailField(ErrorCode::kValidation, "meeting",
                           "a decision stays with its meeting; record it again at the other one");
  }
  return {};
}

// The next number within the decision's meeting.
core::Result<void> NumberDecision(store::Connection& db, Json& decision) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT COALESCE(MAX(number), 0) FROM meeting_decisions WHERE meeting_id = ?",
               {decision["meeting"].get<int64_t>()}));
  decision["number"] = found.rows.at(0).Int(0) + 1;
  return {};
}

// The meeting's title and start, for lists that show decisions of many meetings.
core::Result<void> AddMeeting(store::Connection& db, Json& decision) {
  INSPIRE_ASSIGN_OR_RETURN(const auto found,
                           db.Query("SELECT title, starts_at FROM meetings WHERE id = ?",
                                    {decision["meeting"].get<int64_t>()}));
  decision["meeting_title"] = found.rows.empty() ? "" : found.rows[0].Text(0);
  decision["meeting_starts_at"] = found.rows.empty() ? "" : found.rows[0].Text(1);
  return {};
}

const RecordKind& Decisions() {
  static const RecordKind kind{.fields = &DecisionFields(),
                               .table = "meeting_decisions",
                               .key_column = "decision_id",
                               .may_write = StaffMayWrite,
                               .derive = AddMeeting,
                               .may_create = StaffMayCreate,
                               .guard_change = KeepMeeting,
                               .complete = NumberDecision,
                               .deny_visitor = "record decisions",
                               .deny_create = "record decisions",
                               .deny_edit = "edit this decision",
                               .deny_move = "edit this decision",
                               .deny_delete = "delete this decision"};
  return kind;
}

}  // namespace

const RecordFields& DecisionFields() {
  static const RecordFields fields{"decision",
                                   {{.name = "meeting",
                                     .type = T::kRecordId,
                                     .required = true,
                                     .label = "field_meeting",
                                     .column = "meeting_id",
                                     .references = "meetings"},
                                    {.name = "number", .type = T::kInteger, .internal = true},
                                    {.name = "text",
                                     .type = T::kLongText,
                                     .required = true,
                                     .max_length = 4000,
                                     .blank_message = "text must not be blank",
                                     .label = "field_decision_text"},
                                    {.name = "status",
                                     .type = T::kChoice,
                                     .choices = {"adopted", "deferred", "rejected", "superseded"},
                                     .initial = "adopted",
                                     .label = "field_status",
                                     .choice_labels = "decision_"}},
                                   {"meeting_title", "meeting_starts_at"}};
  return fields;
}

core::Result<Json> ListDecisions(store::Connection& db, const Actor& actor,
                                 const DecisionQuery& query) {
  RecordSelection selection;
  selection.where = VisibleMeetingCondition(actor, "r.meeting_id");
  if (query.meeting != 0) {
    selection.where += " AND r.meeting_id = ?";
    selection.params.emplace_back(query.meeting);
  }
  if (!query.status.empty()) {
    selection.where += " AND r.status = ?";
    selection.params.emplace_back(query.status);
  }
  selection.order =
      "(SELECT m.starts_utc FROM meetings m WHERE m.id = r.meeting_id) DESC, r.meeting_id DESC, "
      "r.number";
  selection.page = query.page;
  selection.per_page = query.per_page;
  return ListRecords(db, Decisions(), selection);
}

core::Result<Json> GetDecision(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(Json decision, GetRecord(db, Decisions(), id));
  auto meeting = GetMeeting(db, actor, decision["meeting"].get<int64_t>());
  if (!meeting && meeting.error().code == ErrorCode::kNotFound) {
    return core::Fail(ErrorCode::kNotFound, fmt::format("no decision with id {}", id));
  }
  if (!meeting) return tl::unexpected(meeting.error());
  return decision;
}

core::Result<Json> CreateDecision(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const Actor& actor, const Json& fields) {
  return CreateRecord(db, catalogue, Decisions(), actor, fields);
}

core::Result<Json> UpdateDecision(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const Actor& actor, int64_t id, const Json& fields) {
  return UpdateRecord(db, catalogue, Decisions(), actor, id, fields);
}

core::Result<void> DeleteDecision(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Decisions(), actor, id);
}

}  // namespace inspire::hub
