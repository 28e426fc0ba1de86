// The routes of the working group's own business: work-plan objectives, meetings with their
// iCalendar files, decisions and actions. The hub decides what each reader may see (a members'
// meeting and what was decided and assigned at it exist only for signed-in users).
#include "hub/actions.h"
#include "hub/decisions.h"
#include "hub/meeting_calendar.h"
#include "hub/meetings.h"
#include "hub/workplan.h"
#include "web/server_impl.h"

namespace inspire::web {

std::string Server::Impl::SiteUrl() const {
  std::string url = options.public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!url.empty()) return url;
  return fmt::format("http://{}:{}", options.host, bound_port);
}

namespace {

// The host part of a site URL ("https://hub.example.org:8443/x" -> "hub.example.org:8443").
std::string HostOf(const std::string& url) {
  const size_t start = url.find("://");
  const size_t from = start == std::string::npos ? 0 : start + 3;
  return url.substr(from, url.find('/', from) - from);
}

// Sets `res` to the iCalendar text `calendar`, to be saved as `file_name`.
Reply Calendar(http::Response& res, const std::string& calendar, const std::string& file_name) {
  res.set_header("Content-Disposition", fmt::format("inline; filename=\"{}\"", file_name));
  res.set_content(calendar, "text/calendar; charset=utf-8");
  return std::pair{200, Json()};
}

}  // namespace

void Server::Impl::SetUpWorkingGroup() {
  AddCrud("/api/v1/objectives",
          {[](store::Connection& db, const Actor&, const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, ObjectiveQueryFrom(req.params));
             return hub::ListObjectives(db, query);
           },
           PublicGet<hub::GetObjective>,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateObjective(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateObjective(db, *catalogue, actor, id, body);
           },
           hub::DeleteObjective});
  http.Get("/api/v1/meetings/calendar.ics",
           Route(RouteKind::kRead,
                 [this](store::Connection& db, const Actor& actor, const http::Request&,
                        http::Response& res) -> Reply {
                   hub::MeetingQuery query;
                   query.when = "upcoming";
                   query.per_page = 500;
                   INSPIRE_ASSIGN_OR_RETURN(const Json list, hub::ListMeetings(db, actor, query));
                   const std::string site = SiteUrl();
                   return Calendar(
                       res,
                       hub::MeetingsCalendar(list["items"], "INSPIRE meetings", site, HostOf(site)),
                       "inspire-meetings.ics");
                 }));
  http.Get(R"(/api/v1/meetings/([^/]+)/calendar.ics)",
           Route(RouteKind::kRead,
                 [this](store::Connection& db, const Actor& actor, const http::Request& req,
                        http::Response& res) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(Json meeting, hub::GetMeeting(db, actor, id));
                   const std::string site = SiteUrl();
                   const std::string title = meeting["title"];
                   return Calendar(res,
                                   hub::MeetingsCalendar(Json::array({std::move(meeting)}), title,
                                                         site, HostOf(site)),
                                   fmt::format("meeting-{}.ics", id));
                 }));
  AddCrud("/api/v1/meetings",
          {[](store::Connection& db, const Actor& actor,
              const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, MeetingQueryFrom(req.params));
             return hub::ListMeetings(db, actor, query);
           },
           hub::GetMeeting,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateMeeting(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateMeeting(db, *catalogue, actor, id, body);
           },
           hub::DeleteMeeting});
  AddCrud("/api/v1/decisions",
          {[](store::Connection& db, const Actor& actor,
              const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, DecisionQueryFrom(req.params));
             return hub::ListDecisions(db, actor, query);
           },
           hub::GetDecision,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateDecision(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateDecision(db, *catalogue, actor, id, body);
           },
           hub::DeleteDecision});
  AddCrud("/api/v1/actions",
          {[](store::Connection& db, const Actor& actor,
              const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, ActionQueryFrom(req.params));
             return hub::ListActions(db, actor, query);
           },
           hub::GetAction,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateAction(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateAction(db, *catalogue, actor, id, body);
           },
           hub::DeleteAction});
}

}  // namespace inspire::web
