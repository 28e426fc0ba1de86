// The routes of implementation tracking: rounds (list, start, read, change, delete), their
// sections, review moves and comments, a country's validated picture, the summary across
// countries and the long CSV of validated rounds. Every answer comes from the hub, which alone
// decides what the actor may see (a draft is not found by anyone else).
#include "hub/implementation_comments.h"
#include "hub/implementation_country.h"
#include "hub/implementation_export.h"
#include "hub/implementation_rounds.h"
#include "hub/implementation_sections.h"
#include "hub/implementation_summary.h"
#include "hub/implementation_workbook.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

constexpr const char* kRounds = "/api/v1/implementation/rounds";
constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

core::Result<hub::RoundQuery> RoundQueryFrom(const http::Params& params) {
  hub::RoundQuery query;
  const auto text = [&](const char* name) {
    const auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  };
  query.country = text("country");
  query.status = text("status");
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

core::Result<hub::CountryFilter> FilterOf(const catalogue::Catalogue& catalogue,
                                          const http::Request& req) {
  return hub::CountryFilterFrom(catalogue, {req.params.begin(), req.params.end()});
}

}  // namespace

void Server::Impl::SetUpImplementationRounds() {
  const std::string item = std::string(kRounds) + "/([^/]+)";
  http.Get(kRounds, Route(RouteKind::kCachedRead,
                          [](store::Connection& db, const Actor& actor, const http::Request& req,
                             http::Response&) -> Reply {
                            INSPIRE_ASSIGN_OR_RETURN(const auto query, RoundQueryFrom(req.params));
                            INSPIRE_ASSIGN_OR_RETURN(Json list, hub::ListRounds(db, actor, query));
                            return std::pair{200, std::move(list)};
                          }));
  http.Post(kRounds, Route(RouteKind::kWrite,
                           [this](store::Connection& db, const Actor& actor,
                                  const http::Request& req, http::Response&) -> Reply {
                             INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                             INSPIRE_ASSIGN_OR_RETURN(
                                 Json round, hub::CreateRound(db, *catalogue, actor, body));
                             return std::pair{201, std::move(round)};
                           }));
  http.Get(item, Route(RouteKind::kCachedRead,
                       [](store::Connection& db, const Actor& actor, const http::Request& req,
                          http::Response&) -> Reply {
                         INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                         INSPIRE_ASSIGN_OR_RETURN(Json round, hub::GetRound(db, actor, id));
                         return std::pair{200, std::move(round)};
                       }));
  http.Patch(item, Route(RouteKind::kWrite,
                         [this](store::Connection& db, const Actor& actor, const http::Request& req,
                                http::Response&) -> Reply {
                           INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                           INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                           INSPIRE_ASSIGN_OR_RETURN(
                               Json round, hub::UpdateRound(db, *catalogue, actor, id, body));
                           return std::pair{200, std::move(round)};
                         }));
  http.Delete(item, Route(RouteKind::kWrite,
                          [](store::Connection& db, const Actor& actor, const http::Request& req,
                             http::Response&) -> Reply {
                            INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                            INSPIRE_RETURN_IF_ERROR(hub::DeleteRound(db, actor, id));
                            return std::pair{204, Json()};
                          }));
}

void Server::Impl::SetUpImplementationReview() {
  const std::string item = std::string(kRounds) + "/([^/]+)";
  http.Put(item + "/sections/([^/]+)",
           Route(RouteKind::kWrite,
                 [this](store::Connection& db, const Actor& actor, const http::Request& req,
                        http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                   if (!body.is_object() || !body.contains("items") || body.size() != 1) {
                     return FailField(ErrorCode::kValidation, "items",
                                      "the body is {\"items\": [...]}, the section's answers");
                   }
                   INSPIRE_ASSIGN_OR_RETURN(
                       Json items,
                       hub::SaveSection(db, *catalogue, actor, id, req.matches[2], body["items"]));
                   return std::pair{200, Json{{"items", std::move(items)}}};
                 }));
  http.Post(item + "/status",
            Route(RouteKind::kWrite,
                  [this](store::Connection& db, const Actor& actor, const http::Request& req,
                         http::Response&) -> Reply {
                    INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                    INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                    INSPIRE_ASSIGN_OR_RETURN(const std::string to, BodyText(body, "to"));
                    INSPIRE_ASSIGN_OR_RETURN(const std::string reason, BodyText(body, "reason"));
                    INSPIRE_ASSIGN_OR_RETURN(
                        Json round, hub::ChangeRoundStatus(db, *catalogue, actor, id, to, reason));
                    return std::pair{200, std::move(round)};
                  }));
  http.Post(item + "/comments", Route(RouteKind::kWrite,
                                      [](store::Connection& db, const Actor& actor,
                                         const http::Request& req, http::Response&) -> Reply {
                                        INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                                        INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                                        INSPIRE_ASSIGN_OR_RETURN(
                                            Json comment, hub::AddComment(db, actor, id, body));
                                        return std::pair{201, std::move(comment)};
                                      }));
}

void Server::Impl::SetUpImplementationWorkbook() {
  const std::string item = std::string(kRounds) + "/([^/]+)";
  http.Get(item + "/workbook.xlsx",
           Route(RouteKind::kRead,
                 [this](store::Connection& db, const Actor& actor, const http::Request& req,
                        http::Response& res) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(const std::string workbook,
                                            hub::RoundWorkbook(db, *catalogue, actor, id));
                   res.set_header("Content-Disposition",
                                  fmt::format("attachment; filename=\"round-{}.xlsx\"", id));
                   res.set_header("Cache-Control", "private, no-store");
                   res.set_content(workbook, kXlsxType);
                   return std::pair{200, Json()};
                 }));
  http.Put(item + "/workbook",
           Route(RouteKind::kWrite,
                 [this](store::Connection& db, const Actor& actor, const http::Request& req,
                        http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(
                       Json applied, hub::ApplyRoundWorkbook(db, *catalogue, actor, id, req.body));
                   return std::pair{200, std::move(applied)};
                 }));
}

void Server::Impl::SetUpImplementationViews() {
  http.Get("/api/v1/implementation/summary",
           Route(RouteKind::kCachedRead,
                 [this](store::Connection& db, const Actor&, const http::Request& req,
                        http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const auto filter, FilterOf(*catalogue, req));
                   INSPIRE_ASSIGN_OR_RETURN(Json summary,
                                            hub::ImplementationSummary(db, *catalogue, filter));
                   return std::pair{200, std::move(summary)};
                 }));
  http.Get("/api/v1/implementation/export",
           Route(RouteKind::kCachedRead,
                 [this](store::Connection& db, const Actor&, const http::Request& req,
                        http::Response& res) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const auto filter, FilterOf(*catalogue, req));
                   INSPIRE_ASSIGN_OR_RETURN(const std::string csv,
                                            hub::ImplementationCsv(db, *catalogue, filter));
                   res.set_header("Content-Disposition",
                                  "attachment; filename=\"implementation.csv\"");
                   res.set_content(csv, "text/csv; charset=utf-8");
                   return std::pair{200, Json()};
                 }));
  http.Get(R"(/api/v1/countries/([^/]+)/implementation)",
           Route(RouteKind::kCachedRead,
                 [this](store::Connection& db, const Actor&, const http::Request& req,
                        http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(
                       Json view, hub::CountryImplementation(db, *catalogue, req.matches[1]));
                   return std::pair{200, std::move(view)};
                 }));
}

}  // namespace inspire::web
