#include "hub/meetings.h"

#include <fmt/format.h>

#include <cmath>
#include <ctime>

#include "core/ascii_case.h"
#include "core/time_zone.h"
#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;
using T = FieldType;

// A length in whole minutes from 5 to 24 hours, and the UTC instant of its start.
core::Result<void> CheckMeeting(const catalogue::Catalogue&, Json& meeting) {
  const Json& minutes = meeting["duration_minutes"];
  if (!minutes.is_null() && (std::floor(minutes.get<double>()) != minutes.get<double>() ||
                             minutes.get<double>() < 5 || minutes.get<double>() > 1440)) {
    return FailField(ErrorCode::kValidation, "duration_minutes",
                     "duration_minutes must be a whole number of minutes from 5 to 1440");
  }
  auto seconds = core::LocalToUtcSeconds(meeting["starts_at"], meeting["time_zone"]);
  if (!seconds) return FailField(ErrorCode::kValidation, "starts_at", seconds.error().message);
  meeting["starts_utc"] = core::UtcText(*seconds);
  return {};
}

const RecordKind& Meetings() {
  static const RecordKind kind{.fields = &MeetingFields(),
                               .table = "meetings",
                               .key_column = "meeting_id",
                               .may_write = StaffMayWrite,
                               .check = CheckMeeting,
                               .may_create = StaffMayCreate,
                               .may_delete = StaffMayWrite,
                               .deny_visitor = "plan meetings",
                               .deny_create = "plan meetings",
                               .deny_edit = "edit this meeting",
                               .deny_move = "edit this meeting",
                               .deny_delete = "delete this meeting"};
  return kind;
}

// `meeting` as `actor` sees it: the link to join is for signed-in users only.
Json MeetingSeenBy(const Actor& actor, Json meeting) {
  if (!actor.signed_in()) meeting["link"] = "";
  return meeting;
}

// The current time in the form of starts_utc.
std::string NowText() { return core::UtcText(static_cast<int64_t>(std::time(nullptr))); }

}  // namespace

const RecordFields& MeetingFields() {
  static const RecordFields fields{
      "meeting",
      {{.name = "title",
        .type = T::kText,
        .required = true,
        .max_length = 300,
        .blank_message = "title must not be blank",
        .label = "field_title"},
       {.name = "kind",
        .type = T::kChoice,
        .required = true,
        .choices = {"working_group", "secretariat", "webinar", "country_consultation"},
        .label = "field_meeting_kind",
        .choice_labels = "meeting_kind_"},
       {.name = "starts_at",
        .type = T::kDateTime,
        .required = true,
        .label = "field_starts_at",
        .hint = "hint_starts_at"},
       {.name = "time_zone",
        .type = T::kTimeZone,
        .initial = "UTC",
        .label = "field_time_zone",
        .hint = "hint_time_zone"},
       {.name = "duration_minutes",
        .type = T::kNumber,
        .initial = 60,
        .label = "field_duration_minutes"},
       {.name = "status",
        .type = T::kChoice,
        .choices = {"scheduled", "held", "cancelled"},
        .initial = "scheduled",
        .label = "field_status",
        .choice_labels = "meeting_status_"},
       {.name = "visibility",
        .type = T::kChoice,
        .choices = {"public", "members"},
        .initial = "public",
        .label = "field_visibility",
        .hint = "hint_meeting_visibility",
        .choice_labels = "visibility_"},
       {.name = "location",
        .type = T::kText,
        .max_length = 300,
        .label = "field_location",
        .hint = "hint_location"},
       {.name = "link", .type = T::kUrl, .max_length = 500, .label = "field_link"},
       {.name = "country",
        .type = T::kCountry,
        .label = "table_country",
        .hint = "hint_meeting_country",
        .column = "country_iso3"},
       {.name = "agenda", .type = T::kLongText, .max_length = 8000, .label = "field_agenda"},
       {.name = "participants",
        .type = T::kOrganizations,
        .label = "field_participants",
        .hint = "hint_multi",
        .column = "meeting_participants",
        .item_column = "organization_id"},
       {.name = "minutes", .type = T::kLongText, .max_length = 30000, .label = "field_minutes"},
       {.name = "starts_utc", .type = T::kText, .max_length = 20, .internal = true}},
      {}};
  return fields;
}

std::string VisibleMeetingCondition(const Actor& actor, const std::string& column) {
  if (actor.signed_in()) return "";
  return fmt::format(
      " AND ({0} IS NULL OR {0} IN (SELECT id FROM meetings WHERE visibility = 'public'))", column);
}

core::Result<Json> ListMeetings(store::Connection& db, const Actor& actor,
                                const MeetingQuery& query) {
  RecordSelection selection;
  if (!actor.signed_in()) selection.where += " AND r.visibility = 'public'";
  if (!query.kind.empty()) {
    selection.where += " AND r.kind = ?";
    selection.params.emplace_back(query.kind);
  }
  if (!query.country.empty()) {
    selection.where += " AND r.country_iso3 = ?";
    selection.params.emplace_back(core::AsciiUpper(query.country));
  }
  selection.order = "r.starts_utc DESC, r.id DESC";
  if (query.when == "upcoming" || query.when == "past") {
    selection.where +=
        query.when == "upcoming" ? " AND r.starts_utc >= ?" : " AND r.starts_utc < ?";
    selection.params.emplace_back(NowText());
    if (query.when == "upcoming") selection.order = "r.starts_utc, r.id";
  } else if (!query.when.empty()) {
    return FailField(ErrorCode::kValidation, "when",
                     fmt::format("when must be upcoming or past, not '{}'", query.when));
  }
  selection.page = query.page;
  selection.per_page = query.per_page;
  INSPIRE_ASSIGN_OR_RETURN(Json page, ListRecords(db, Meetings(), selection));
  for (Json& meeting : page["items"]) meeting = MeetingSeenBy(actor, std::move(meeting));
  return page;
}

core::Result<Json> GetMeeting(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(Json meeting, GetRecord(db, Meetings(), id));
  if (!actor.signed_in() && meeting["visibility"] != "public") {
    return core::Fail(ErrorCode::kNotFound, fmt::format("no meeting with id {}", id));
  }
  return MeetingSeenBy(actor, std::move(meeting));
}

core::Result<Json> CreateMeeting(store::Connection& db, const catalogue::Catalogue& catalogue,
                                 const Actor& actor, const Json& fields) {
  return CreateRecord(db, catalogue, Meetings(), actor, fields);
}

core::Result<Json> UpdateMeeting(store::Connection& db, const catalogue::Catalogue& catalogue,
                                 const Actor& actor, int64_t id, const Json& fields) {
  return UpdateRecord(db, catalogue, Meetings(), actor, id, fields);
}

core::Result<void> DeleteMeeting(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Meetings(), actor, id);
}

}  // namespace inspire::hub
