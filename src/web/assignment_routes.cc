// The routes of requests routed to members: assignments of support needs (list, assign, read,
// change, delete) and the updates both sides add. The hub decides who sees an assignment.
#include "hub/assignments.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

core::Result<hub::AssignmentQuery> AssignmentQueryFrom(const http::Params& params) {
  hub::AssignmentQuery query;
  if (const auto it = params.find("status"); it != params.end()) query.status = it->second;
  INSPIRE_ASSIGN_OR_RETURN(query.need, IntParam(params, "need", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.organization, IntParam(params, "organization", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

}  // namespace

void Server::Impl::SetUpAssignments() {
  http.Post(R"(/api/v1/assignments/([^/]+)/updates)",
            Route(RouteKind::kWrite,
                  [](store::Connection& db, const Actor& actor, const http::Request& req,
                     http::Response&) -> Reply {
                    INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                    INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                    INSPIRE_ASSIGN_OR_RETURN(const std::string status, BodyText(body, "status"));
                    INSPIRE_ASSIGN_OR_RETURN(const std::string note, BodyText(body, "note"));
                    INSPIRE_ASSIGN_OR_RETURN(Json updated,
                                             hub::AddAssignmentUpdate(db, actor, id, status, note));
                    return std::pair{201, std::move(updated)};
                  }));
  AddCrud("/api/v1/assignments",
          {[](store::Connection& db, const Actor& actor,
              const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, AssignmentQueryFrom(req.params));
             return hub::ListAssignments(db, actor, query);
           },
           hub::GetAssignment,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateAssignment(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateAssignment(db, *catalogue, actor, id, body);
           },
           hub::DeleteAssignment});
}

}  // namespace inspire::web
