// The routes of membership: applications (list, apply, read, change, delete), the secretariat's
// moves, the members' votes and closing a vote, and an organisation's role history. Every
// answer comes from the hub, which alone decides who sees which application.
#include "hub/membership.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

constexpr const char* kApplications = "/api/v1/membership/applications";

core::Result<hub::ApplicationQuery> ApplicationQueryFrom(const http::Params& params) {
  hub::ApplicationQuery query;
  if (const auto it = params.find("status"); it != params.end()) query.status = it->second;
  if (const auto it = params.find("applies_to"); it != params.end()) query.applies_to = it->second;
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

}  // namespace

void Server::Impl::SetUpMembership() {
  const std::string item = std::string(kApplications) + "/([^/]+)";
  http.Post(item + "/status",
            Route(RouteKind::kWrite,
                  [this](store::Connection& db, const Actor& actor, const http::Request& req,
                         http::Response&) -> Reply {
                    INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                    INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                    INSPIRE_ASSIGN_OR_RETURN(const std::string to, BodyText(body, "to"));
                    INSPIRE_ASSIGN_OR_RETURN(const std::string note, BodyText(body, "note"));
                    INSPIRE_ASSIGN_OR_RETURN(
                        Json moved, hub::MoveApplication(db, *catalogue, actor, id, to, note));
                    return std::pair{200, std::move(moved)};
                  }));
  http.Put(item + "/vote",
           Route(RouteKind::kWrite,
                 [](store::Connection& db, const Actor& actor, const http::Request& req,
                    http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                   INSPIRE_ASSIGN_OR_RETURN(const std::string vote, BodyText(body, "vote"));
                   INSPIRE_ASSIGN_OR_RETURN(Json voted, hub::CastVote(db, actor, id, vote));
                   return std::pair{200, std::move(voted)};
                 }));
  http.Post(item + "/close", Route(RouteKind::kWrite,
                                   [this](store::Connection& db, const Actor& actor,
                                          const http::Request& req, http::Response&) -> Reply {
                                     INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                                     INSPIRE_ASSIGN_OR_RETURN(
                                         Json closed, hub::CloseVote(db, *catalogue, actor, id));
                                     return std::pair{200, std::move(closed)};
                                   }));
  AddCrud(kApplications,
          {[](store::Connection& db, const Actor& actor,
              const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, ApplicationQueryFrom(req.params));
             return hub::ListApplications(db, actor, query);
           },
           hub::GetApplication,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateApplication(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateApplication(db, *catalogue, actor, id, body);
           },
           hub::DeleteApplication});
  http.Get(R"(/api/v1/organizations/([^/]+)/roles)",
           Route(RouteKind::kCachedRead,
                 [](store::Connection& db, const Actor&, const http::Request& req,
                    http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_RETURN_IF_ERROR(hub::GetOrganization(db, id));
                   INSPIRE_ASSIGN_OR_RETURN(Json history, hub::RoleHistory(db, id));
                   return std::pair{200, Json{{"items", std::move(history)}}};
                 }));
}

}  // namespace inspire::web
