#include "hub/membership.h"

#include <fmt/format.h>

#include <algorithm>

#include "hub/audit.h"
#include "hub/organization_roles.h"
#include "hub/organizations.h"
#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;
using T = FieldType;

// The statuses in which working-group members see an application.
constexpr const char* kSeenByMembers = "('checked', 'voting', 'admitted', 'declined')";

bool IsApplicant(const Actor& actor, const Json& application) {
  return actor.user_id && application["applicant"] == *actor.user_id;
}

bool MayWriteApplication(const Actor& actor, const Json& application) {
  return actor.IsStaff() ||
         (IsApplicant(actor, application) && application["status"] == "submitted");
}

void StampApplicant(const Actor& actor, Json& application) {
  if (actor.user_id) application["applicant"] = *actor.user_id;
}

// A working-group application names who nominates it.
core::Result<void> CheckApplication(const catalogue::Catalogue&, Json& application) {
  if (application["applies_to"] == "working_group" && application["nominated_by"].is_null()) {
    return FailField(ErrorCode::kValidation, "nominated_by",
                     "an application to the working group names the member organisation that "
                     "nominates it");
  }
  return {};
}

// The votes cast so far and how many member organisations may vote (stored once closed).
core::Result<void> AddTally(store::Connection& db, Json& application) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto eligible,
      db.Query("SELECT COUNT(*) FROM organizations WHERE wg_role IN ('co_chair', 'secretariat', "
               "'member')",
               {}));
  Json tally = {{"yes", 0}, {"no", 0}, {"abstain", 0}, {"eligible", eligible.rows.at(0).Int(0)}};
  if (!application["votes_yes"].is_null()) {
    tally["yes"] = application["votes_yes"];
    tally["no"] = application["votes_no"];
    tally["abstain"] = application["votes_abstain"];
    tally["eligible"] = application["votes_eligible"];
  } else {
    INSPIRE_ASSIGN_OR_RETURN(
        const auto votes,
        db.Query(
            "SELECT vote, COUNT(*) FROM membership_votes WHERE application_id = ? GROUP BY vote",
            {application["id"].get<int64_t>()}));
    for (const auto& row : votes.rows) tally[row.Text(0)] = row.Int(1);
  }
  application["tally"] = std::move(tally);
  return {};
}

const RecordKind& Applications() {
  static const RecordKind kind{.fields = &ApplicationFields(),
                               .table = "membership_applications",
                               .key_column = "application_id",
                               .may_write = MayWriteApplication,
                               .check = CheckApplication,
                               .derive = AddTally,
                               .may_delete = StaffMayWrite,
                               .stamp = StampApplicant,
                               .deny_visitor = "apply for membership",
                               .deny_create = "apply for membership",
                               .deny_edit = "change this application",
                               .deny_move = "change this application",
                               .deny_delete = "delete this application"};
  return kind;
}

// `application` as `actor` sees it: contact details for staff and the applicant only, and a
// voting member's own vote.
core::Result<Json> SeenBy(store::Connection& db, const Actor& actor, bool voting,
                          Json application) {
  if (!actor.IsStaff() && !IsApplicant(actor, application)) {
    application["contact_name"] = "";
    application["contact_email"] = "";
  }
  if (voting && actor.organization_id) {
    INSPIRE_ASSIGN_OR_RETURN(
        const auto mine,
        db.Query(
            "SELECT vote FROM membership_votes WHERE application_id = ? AND organization_id = ?",
            {application["id"].get<int64_t>(), *actor.organization_id}));
    application["my_vote"] = mine.rows.empty() ? Json() : Json(mine.rows[0].Text(0));
  }
  return application;
}

bool MaySee(const Actor& actor, bool voting, const Json& application) {
  if (actor.IsStaff() || IsApplicant(actor, application)) return true;
  const std::string status = application["status"];
  return voting && status != "submitted" && status != "withdrawn";
}

// The application as stored (for moves), kNotFound when `actor` may not see it.
core::Result<Json> Visible(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(Json application, GetRecord(db, Applications(), id));
  INSPIRE_ASSIGN_OR_RETURN(const bool voting, IsVotingMember(db, actor));
  if (!MaySee(actor, voting, application)) {
    return Fail(ErrorCode::kNotFound, fmt::format("no application with id {}", id));
  }
  return application;
}

// The nominating organisation is a working-group member.
core::Result<void> CheckNominator(store::Connection& db, const Json& fields) {
  if (!fields.contains("nominated_by") || !fields["nominated_by"].is_number_integer()) return {};
  INSPIRE_ASSIGN_OR_RETURN(const auto found,
                           db.Query("SELECT wg_role FROM organizations WHERE id = ?",
                                    {fields["nominated_by"].get<int64_t>()}));
  const std::string role = found.rows.empty() ? "" : found.rows[0].Text(0);
  if (role != "co_chair" && role != "secretariat" && role != "member") {
    return FailField(ErrorCode::kValidation, "nominated_by",
                     "the nominating organisation must be a member of the working group");
  }
  return {};
}

// Sets the application's status (and note, and tally when given) and audits the move.
core::Result<Json> SetStatus(store::Connection& db, const Actor& actor, const Json& before,
                             const std::string& to, const std::string& note,
                             const Json& tally = Json()) {
  const int64_t id = before["id"];
  std::vector<store::Value> values = {to, note, store::NowUtc()};
  std::string sets = "status = ?, status_note = ?, updated_at = ?";
  if (!tally.is_null()) {
    sets += ", votes_yes = ?, votes_no = ?, votes_abstain = ?, votes_eligible = ?";
    values.insert(values.end(),
                  {tally["yes"].get<int64_t>(), tally["no"].get<int64_t>(),
                   tally["abstain"].get<int64_t>(), tally["eligible"].get<int64_t>()});
  }
  values.emplace_back(id);
  INSPIRE_RETURN_IF_ERROR(
      db.Query(fmt::format("UPDATE membership_applications SET {} WHERE id = ?", sets), values));
  INSPIRE_ASSIGN_OR_RETURN(Json after, GetRecord(db, Applications(), id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "move", "application", std::to_string(id), before, after));
  return after;
}

// The organisation takes the role the application asked for (made when the hub has none).
core::Result<Json> Admit(store::Connection& db, const catalogue::Catalogue& catalogue,
                         const Actor& actor, Json application) {
  const std::string role =
      application["applies_to"] == "working_group" ? "member" : "community_of_practice";
  int64_t organization = 0;
  if (application["organization"].is_number_integer()) {
    organization = application["organization"];
    INSPIRE_RETURN_IF_ERROR(
        UpdateOrganization(db, catalogue, actor, organization, {{"wg_role", role}}));
  } else {
    Json fields = {{"name", application["organization_name"]},
                   {"type", application["organization_type"]},
                   {"website", application["website"]},
                   {"wg_role", role}};
    if (!application["country"].get<std::string>().empty()) {
      fields["countries"] = Json::array({application["country"]});
    }
    INSPIRE_ASSIGN_OR_RETURN(const Json made, CreateOrganization(db, catalogue, actor, fields));
    organization = made["id"];
  }
  const int64_t id = application["id"];
  INSPIRE_RETURN_IF_ERROR(NoteRole(db, organization, role, id));
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "UPDATE membership_applications SET organization_id = ? WHERE id = ?", {organization, id}));
  return GetRecord(db, Applications(), id);
}

}  // namespace

const RecordFields& ApplicationFields() {
  static const RecordFields fields{
      "application",
      {{.name = "organization_name",
        .type = T::kText,
        .required = true,
        .max_length = 300,
        .blank_message = "organization_name must not be blank",
        .label = "field_organization_name"},
       {.name = "organization_type",
        .type = T::kChoice,
        .required = true,
        .choices = OrganizationTypes(),
        .label = "table_type",
        .choice_labels = "type_"},
       {.name = "website", .type = T::kUrl, .max_length = 500, .label = "field_website"},
       {.name = "country",
        .type = T::kCountry,
        .label = "field_based_in",
        .column = "country_iso3"},
       {.name = "applies_to",
        .type = T::kChoice,
        .required = true,
        .choices = {"working_group", "community_of_practice"},
        .label = "field_applies_to",
        .choice_labels = "applies_"},
       {.name = "organization",
        .type = T::kOrganization,
        .label = "field_existing_organization",
        .hint = "hint_existing_organization",
        .column = "organization_id"},
       {.name = "nominated_by",
        .type = T::kOrganization,
        .label = "field_nominated_by",
        .hint = "hint_nominated_by",
        .column = "nominated_by_id"},
       {.name = "motivation",
        .type = T::kLongText,
        .required = true,
        .max_length = 4000,
        .blank_message = "motivation must not be blank",
        .label = "field_motivation"},
       {.name = "contact_name", .type = T::kText, .max_length = 200, .label = "field_contact_name"},
       {.name = "contact_email",
        .type = T::kText,
        .max_length = 254,
        .label = "field_contact_email",
        .hint = "hint_contact_email"},
       {.name = "status",
        .type = T::kChoice,
        .choices = {"submitted", "checked", "voting", "admitted", "declined", "withdrawn"},
        .initial = "submitted",
        .internal = true},
       {.name = "status_note", .type = T::kLongText, .max_length = 2000, .internal = true},
       {.name = "votes_yes", .type = T::kInteger, .internal = true},
       {.name = "votes_no", .type = T::kInteger, .internal = true},
       {.name = "votes_abstain", .type = T::kInteger, .internal = true},
       {.name = "votes_eligible", .type = T::kInteger, .internal = true},
       {.name = "applicant", .type = T::kInteger, .column = "applicant_user_id", .internal = true}},
      {"tally", "my_vote"}};
  return fields;
}

core::Result<bool> IsVotingMember(store::Connection& db, const Actor& actor) {
  if (!actor.user_id || actor.role != Role::kOrgEditor || !actor.organization_id) return false;
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT 1 FROM organizations WHERE id = ? AND wg_role IN ('co_chair', "
               "'secretariat', 'member')",
               {*actor.organization_id}));
  return !found.rows.empty();
}

core::Result<Json> ListApplications(store::Connection& db, const Actor& actor,
                                    const ApplicationQuery& query) {
  if (!actor.signed_in()) return PageOf(Json::array(), 0, query.page, query.per_page);
  INSPIRE_ASSIGN_OR_RETURN(const bool voting, IsVotingMember(db, actor));
  RecordSelection selection;
  if (!actor.IsStaff()) {
    selection.where = fmt::format(" AND (r.applicant_user_id = ?{})",
                                  voting ? fmt::format(" OR r.status IN {}", kSeenByMembers) : "");
    selection.params.emplace_back(actor.user_id.value_or(0));
  }
  if (!query.status.empty()) {
    selection.where += " AND r.status = ?";
    selection.params.emplace_back(query.status);
  }
  if (!query.applies_to.empty()) {
    selection.where += " AND r.applies_to = ?";
    selection.params.emplace_back(query.applies_to);
  }
  selection.page = query.page;
  selection.per_page = query.per_page;
  INSPIRE_ASSIGN_OR_RETURN(Json page, ListRecords(db, Applications(), selection));
  for (Json& application : page["items"]) {
    INSPIRE_ASSIGN_OR_RETURN(application, SeenBy(db, actor, voting, std::move(application)));
  }
  return page;
}

core::Result<Json> GetApplication(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(Json application, Visible(db, actor, id));
  INSPIRE_ASSIGN_OR_RETURN(const bool voting, IsVotingMember(db, actor));
  return SeenBy(db, actor, voting, std::move(application));
}

core::Result<Json> CreateApplication(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const Actor& actor, const Json& fields) {
  if (actor.signed_in()) INSPIRE_RETURN_IF_ERROR(CheckNominator(db, fields));
  return CreateRecord(db, catalogue, Applications(), actor, fields);
}

core::Result<Json> UpdateApplication(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const Actor& actor, int64_t id, const Json& fields) {
  INSPIRE_RETURN_IF_ERROR(Visible(db, actor, id));
  INSPIRE_RETURN_IF_ERROR(CheckNominator(db, fields));
  return UpdateRecord(db, catalogue, Applications(), actor, id, fields);
}

core::Result<void> DeleteApplication(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Applications(), actor, id);
}

core::Result<Json> MoveApplication(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const Actor& actor, int64_t id, const std::string& to,
                                   const std::string& note) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, Visible(db, actor, id));
  const std::string from = before["status"];
  const bool staff = actor.IsStaff();
  const bool open = from == "submitted" || from == "checked" || from == "voting";
  const bool cop = before["applies_to"] == "community_of_practice";
  if (to == "withdrawn") {
    if (!staff && !IsApplicant(actor, before)) return Deny(actor, "withdraw this application");
  } else if (!staff) {
    return Deny(actor, "move applications on");
  }
  const bool allowed = (to == "checked" && from == "submitted") ||
                       (to == "voting" && from == "checked" && !cop) ||
                       (to == "admitted" && from == "checked" && cop) ||
                       (to == "declined" && (from == "submitted" || from == "checked")) ||
                       (to == "withdrawn" && open);
  if (!allowed) {
    return Fail(ErrorCode::kConflict,
                fmt::format("an application {} cannot be moved to '{}'{}", from, to,
                            to == "admitted" && !cop ? " (the working group votes on it)" : ""));
  }
  if (to == "declined" && note.find_first_not_of(" \t\n") == std::string::npos) {
    return FailField(ErrorCode::kValidation, "note", "say why the application is declined");
  }
  INSPIRE_ASSIGN_OR_RETURN(Json after, SetStatus(db, actor, before, to, note));
  if (to == "admitted") return Admit(db, catalogue, actor, std::move(after));
  return after;
}

core::Result<Json> CastVote(store::Connection& db, const Actor& actor, int64_t id,
                            const std::string& vote) {
  INSPIRE_ASSIGN_OR_RETURN(const bool voting, IsVotingMember(db, actor));
  if (!voting) return Deny(actor, "vote on applications (working-group members vote)");
  INSPIRE_ASSIGN_OR_RETURN(const Json application, Visible(db, actor, id));
  if (application["status"] != "voting") {
    return Fail(ErrorCode::kConflict, "this application is not being voted on");
  }
  if (vote != "yes" && vote != "no" && vote != "abstain") {
    return FailField(ErrorCode::kValidation, "vote", "vote must be yes, no or abstain");
  }
  const int64_t organization = *actor.organization_id;
  INSPIRE_RETURN_IF_ERROR(
      db.Query("DELETE FROM membership_votes WHERE application_id = ? AND organization_id = ?",
               {id, organization}));
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "INSERT INTO membership_votes (application_id, organization_id, vote, user_id, voted_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {id, organization, vote, *actor.user_id, store::NowUtc()}));
  INSPIRE_RETURN_IF_ERROR(RecordAudit(db, actor, "vote", "application", std::to_string(id), Json(),
                                      Json{{"organization", organization}, {"vote", vote}}));
  return GetApplication(db, actor, id);
}

core::Result<Json> CloseVote(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const Actor& actor, int64_t id) {
  if (!actor.IsStaff()) return Deny(actor, "close votes");
  INSPIRE_ASSIGN_OR_RETURN(const Json before, Visible(db, actor, id));
  if (before["status"] != "voting") {
    return Fail(ErrorCode::kConflict, "this application is not being voted on");
  }
  const Json& tally = before["tally"];
  const bool admitted = tally["yes"].get<int64_t>() > tally["no"].get<int64_t>();
  const std::string note =
      fmt::format("{} yes, {} no, {} abstaining, of {} member organisations", tally["yes"].dump(),
                  tally["no"].dump(), tally["abstain"].dump(), tally["eligible"].dump());
  INSPIRE_ASSIGN_OR_RETURN(
      Json after, SetStatus(db, actor, before, admitted ? "admitted" : "declined", note, tally));
  if (admitted) return Admit(db, catalogue, actor, std::move(after));
  return after;
}

core::Result<Json> RoleHistory(store::Connection& db, int64_t organization) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT role, since, until, application_id FROM organization_roles WHERE "
               "organization_id = ? ORDER BY id DESC",
               {organization}));
  Json history = Json::array();
  for (const auto& row : found.rows) {
    history.push_back({{"role", row.Text(0)},
                       {"since", row.Text(1)},
                       {"until", row.Text(2)},
                       {"application", row.IsNull(3) ? Json() : Json(row.Int(3))}});
  }
  return history;
}

}  // namespace inspire::hub
