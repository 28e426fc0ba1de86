#include "web/working_group_pages.h"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "hub/actions.h"
#include "hub/decisions.h"
#include "hub/meetings.h"
#include "hub/organizations.h"
#include "hub/overview.h"
#include "hub/workplan.h"
#include "web/page_text.h"
#include "web/templates.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

using Names = std::map<int64_t, std::string>;

// "2031-03-04 14:00 (Africa/Nairobi), 11:00 UTC".
std::string WhenText(const Json& meeting) {
  const std::string local = meeting["starts_at"];
  const std::string utc = meeting["starts_utc"];
  return fmt::format("{} {} ({}), {} UTC", local.substr(0, 10), local.substr(11, 5),
                     meeting["time_zone"].get<std::string>(), utc.substr(11, 5));
}

Json MeetingRow(const Json& meeting) {
  return {{"id", meeting["id"]},
          {"title", meeting["title"]},
          {"when", WhenText(meeting)},
          {"date", meeting["starts_at"].get<std::string>().substr(0, 10)},
          {"kind", Label("meeting_kind_", meeting["kind"])},
          {"members_only", meeting["visibility"] == "members"},
          {"cancelled", meeting["status"] == "cancelled"}};
}

Json ActionRow(const Json& action, const Names& names) {
  return {{"id", action["id"]},
          {"title", action["title"]},
          {"owner", OrganizationName(names, action["owner_organization"])},
          {"owner_id", action["owner_organization"]},
          {"person", OrNull(action["owner_person"])},
          {"due", OrNull(action["due"])},
          {"status", Label("action_", action["status"])},
          {"overdue", action["overdue"]},
          {"meeting", action["meeting"]}};
}

Json DecisionRow(const Json& decision) {
  return {{"meeting", decision["meeting"]},
          {"meeting_title", decision["meeting_title"]},
          {"number", decision["number"]},
          {"text", decision["text"]},
          {"status", Label("decision_", decision["status"])}};
}

// The organisations of each working-group role, in the roles' order.
core::Result<Json> MembersByRole(store::Connection& db) {
  Json roles = Json::array();
  for (const std::string& role : hub::WorkingGroupRoles()) {
    hub::ListQuery query;
    query.wg_role = role;
    query.per_page = 200;
    INSPIRE_ASSIGN_OR_RETURN(const Json found, hub::ListOrganizations(db, query));
    Json members = Json::array();
    for (const Json& org : found["items"]) {
      members.push_back({{"id", org["id"]}, {"name", org["name"]}});
    }
    roles.push_back({{"role", Label("role_", role)},
                     {"count", found["total"]},
                     {"members", std::move(members)}});
  }
  return roles;
}

// The objectives grouped by workstream, in the order the hub lists them.
core::Result<Json> WorkPlan(store::Connection& db, const Names& names) {
  hub::ObjectiveQuery query;
  query.per_page = 500;
  INSPIRE_ASSIGN_OR_RETURN(const Json listed, hub::ListObjectives(db, query));
  Json streams = Json::array();
  std::map<std::string, size_t> where;
  for (const Json& objective : listed["items"]) {
    const std::string stream = objective["workstream"];
    if (where.count(stream) == 0) {
      where[stream] = streams.size();
      streams.push_back({{"name", stream}, {"objectives", Json::array()}});
    }
    const std::string starts = objective["starts"];
    const std::string ends = objective["ends"];
    streams[where[stream]]["objectives"].push_back(
        {{"title", objective["title"]},
         {"period", ends.empty() ? starts : fmt::format("{}–{}", starts, ends)},
         {"lead", OrNull(OrganizationName(names, objective["lead_organization"]))},
         {"lead_id", objective["lead_organization"]},
         {"status", Label("objective_", objective["status"])},
         {"status_class", objective["status"]},
         {"progress", OrNull(objective["progress"])},
         {"open_actions", objective["open_actions"]},
         {"id", objective["id"]}});
  }
  return streams;
}

// The rows of a page of a hub list, each made by `row`.
template <typename Row>
Json Rows(const Json& page, Row row) {
  Json rows = Json::array();
  for (const Json& item : page["items"]) rows.push_back(row(item));
  return rows;
}

}  // namespace

core::Result<Page> WorkingGroupPage(store::Connection& db, const catalogue::Catalogue&,
                                    const PageInput& input) {
  INSPIRE_ASSIGN_OR_RETURN(const Names names, hub::OrganizationNames(db));
  hub::MeetingQuery upcoming;
  upcoming.when = "upcoming";
  upcoming.per_page = 6;
  INSPIRE_ASSIGN_OR_RETURN(const Json meetings, hub::ListMeetings(db, input.actor, upcoming));
  hub::ActionQuery open;
  open.status = "open";
  open.per_page = 20;
  INSPIRE_ASSIGN_OR_RETURN(const Json actions, hub::ListActions(db, input.actor, open));
  hub::DecisionQuery latest;
  latest.per_page = 10;
  INSPIRE_ASSIGN_OR_RETURN(const Json decisions, hub::ListDecisions(db, input.actor, latest));
  const auto action_row = [&](const Json& a) { return ActionRow(a, names); };
  Json view = {
      {"signed_in", input.signed_in},           {"staff", input.actor.IsStaff()},
      {"meetings", Rows(meetings, MeetingRow)}, {"actions", Rows(actions, action_row)},
      {"open_total", actions["total"]},         {"decisions", Rows(decisions, DecisionRow)}};
  INSPIRE_ASSIGN_OR_RETURN(view["roles"], MembersByRole(db));
  INSPIRE_ASSIGN_OR_RETURN(view["streams"], WorkPlan(db, names));
  if (input.actor.organization_id) {
    open.organization = *input.actor.organization_id;
    open.per_page = 100;
    INSPIRE_ASSIGN_OR_RETURN(const Json mine, hub::ListActions(db, input.actor, open));
    view["mine"] = {{"name", OrganizationName(names, Json(*input.actor.organization_id))},
                    {"actions", Rows(mine, action_row)},
                    {"none", mine["items"].empty()}};
  }
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("working_group", view));
  return Page{200, Label("", "wg_title"), std::move(main), "working_group"};
}

core::Result<Page> MeetingPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const PageInput& input) {
  const std::string& text = input.path.at(0);
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return ErrorPage(404, Label("", "wg_no_meeting"));
  }
  auto meeting = hub::GetMeeting(db, input.actor, id);
  if (!meeting && meeting.error().code == core::ErrorCode::kNotFound) {
    return ErrorPage(404, Label("", "wg_no_meeting"));
  }
  if (!meeting) return tl::unexpected(meeting.error());
  INSPIRE_ASSIGN_OR_RETURN(const Names names, hub::OrganizationNames(db));
  hub::DecisionQuery decided;
  decided.meeting = id;
  decided.per_page = 500;
  INSPIRE_ASSIGN_OR_RETURN(const Json decisions, hub::ListDecisions(db, input.actor, decided));
  hub::ActionQuery agreed;
  agreed.meeting = id;
  agreed.per_page = 500;
  INSPIRE_ASSIGN_OR_RETURN(const Json actions, hub::ListActions(db, input.actor, agreed));
  Json participants = Json::array();
  for (const Json& org : (*meeting)["participants"]) {
    participants.push_back({{"id", org}, {"name", OrganizationName(names, org)}});
  }
  const std::string country = (*meeting)["country"];
  Json view = MeetingRow(*meeting);
  view.update({{"staff", input.actor.IsStaff()},
               {"status", Label("meeting_status_", (*meeting)["status"])},
               {"location", OrNull((*meeting)["location"])},
               {"link", OrNull((*meeting)["link"])},
               {"country", OrNull(country)},
               {"country_name", country.empty() ? "" : CountryName(catalogue, country)},
               {"agenda", OrNull((*meeting)["agenda"])},
               {"minutes", OrNull((*meeting)["minutes"])},
               {"duration", (*meeting)["duration_minutes"]},
               {"participants", std::move(participants)},
               {"decisions", Rows(decisions, DecisionRow)},
               {"actions", Rows(actions, [&](const Json& a) { return ActionRow(a, names); })}});
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("meeting", view));
  return Page{200, (*meeting)["title"].get<std::string>(), std::move(main), "working_group"};
}

}  // namespace inspire::web
