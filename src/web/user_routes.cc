// Users (/api/v1/users: admins list, create, change, disable and delete them and set their
// passwords), one's own password (/api/v1/session/password), and API tokens
// (/api/v1/users/{id}/tokens: the user itself or an admin lists, makes and revokes them).
#include "hub/accounts.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

// The string `name` of a JSON object body, or kValidation naming it.
core::Result<std::string> StringField(const Json& body, const char* name) {
  if (!body.is_object() || !body.contains(name) || !body[name].is_string()) {
    return FailField(ErrorCode::kValidation, name, fmt::format("{} is required (a string)", name));
  }
  return body[name].get<std::string>();
}

Reply CreateUser(store::Connection& db, const catalogue::Catalogue& catalogue, const Actor& actor,
                 const http::Request& req) {
  INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
  INSPIRE_ASSIGN_OR_RETURN(const std::string email, StringField(body, "email"));
  INSPIRE_ASSIGN_OR_RETURN(const std::string password, StringField(body, "password"));
  INSPIRE_ASSIGN_OR_RETURN(const std::string role, StringField(body, "role"));
  hub::NewUser user{email, password, role, std::nullopt, ""};
  if (body.contains("organization_id") && !body["organization_id"].is_null()) {
    if (!body["organization_id"].is_number_integer()) {
      return FailField(ErrorCode::kValidation, "organization_id",
                       "organization_id must be an organisation's id");
    }
    user.organization = body["organization_id"].get<int64_t>();
  }
  if (body.contains("country") && !body["country"].is_null()) {
    INSPIRE_ASSIGN_OR_RETURN(user.country_iso3, StringField(body, "country"));
  }
  INSPIRE_ASSIGN_OR_RETURN(Json created, hub::CreateUser(db, catalogue, actor, user));
  return std::pair{201, std::move(created)};
}

Reply CreateToken(store::Connection& db, const Actor& actor, const http::Request& req) {
  INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
  INSPIRE_ASSIGN_OR_RETURN(const Json user, hub::GetUser(db, actor, id));  // self or admin
  INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
  if (!body.is_object()) return Fail(ErrorCode::kValidation, "the body must be a JSON object");
  int days = hub::kApiTokenDays;
  if (body.contains("days")) {
    if (!body["days"].is_number_integer() || body["days"].get<int64_t>() < 1 ||
        body["days"].get<int64_t>() > hub::kMaxApiTokenDays) {
      return FailField(
          ErrorCode::kValidation, "days",
          fmt::format("days must be a whole number from 1 to {}", hub::kMaxApiTokenDays));
    }
    days = body["days"].get<int>();
  }
  std::string label;
  if (body.contains("label")) {
    INSPIRE_ASSIGN_OR_RETURN(label, StringField(body, "label"));
  }
  INSPIRE_ASSIGN_OR_RETURN(const std::string token,
                           hub::CreateApiToken(db, user["email"], days, label));
  INSPIRE_ASSIGN_OR_RETURN(Json tokens, hub::ListApiTokens(db, actor, id));
  Json created = tokens["items"].at(0);  // the newest
  created["token"] = token;
  return std::pair{201, std::move(created)};
}

}  // namespace

void Server::Impl::SetUpUsers() {
  http.Get("/api/v1/users", Route(RouteKind::kRead,
                                  [](store::Connection& db, const Actor& actor,
                                     const http::Request&, http::Response&) -> Reply {
                                    INSPIRE_ASSIGN_OR_RETURN(Json users, hub::ListUsers(db, actor));
                                    return std::pair{200, std::move(users)};
                                  }));
  http.Post("/api/v1/users", Route(RouteKind::kWrite,
                                   [this](store::Connection& db, const Actor& actor,
                                          const http::Request& req, http::Response&) -> Reply {
                                     return CreateUser(db, *catalogue, actor, req);
                                   }));
  http.Get(R"(/api/v1/users/([^/]+))",
           Route(RouteKind::kRead,
                 [](store::Connection& db, const Actor& actor, const http::Request& req,
                    http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(Json user, hub::GetUser(db, actor, id));
                   return std::pair{200, std::move(user)};
                 }));
  http.Patch(R"(/api/v1/users/([^/]+))",
             Route(RouteKind::kWrite,
                   [this](store::Connection& db, const Actor& actor, const http::Request& req,
                          http::Response&) -> Reply {
                     INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                     INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                     INSPIRE_ASSIGN_OR_RETURN(Json user,
                                              hub::UpdateUser(db, *catalogue, actor, id, body));
                     return std::pair{200, std::move(user)};
                   }));
  http.Delete(R"(/api/v1/users/([^/]+))",
              Route(RouteKind::kWrite,
                    [](store::Connection& db, const Actor& actor, const http::Request& req,
                       http::Response&) -> Reply {
                      INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                      INSPIRE_RETURN_IF_ERROR(hub::DeleteUser(db, actor, id));
                      return std::pair{204, Json()};
                    }));
  http.Put(R"(/api/v1/users/([^/]+)/password)",
           Route(RouteKind::kWrite,
                 [](store::Connection& db, const Actor& actor, const http::Request& req,
                    http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                   INSPIRE_ASSIGN_OR_RETURN(const std::string password,
                                            StringField(body, "password"));
                   INSPIRE_RETURN_IF_ERROR(hub::ResetPassword(db, actor, id, password));
                   return std::pair{204, Json()};
                 }));
  // Not in a transaction: a wrong current password must leave its attempt recorded for the
  // rate limit (hub::ChangeOwnPassword writes in its own).
  http.Put("/api/v1/session/password",
           Route(RouteKind::kAttempt,
                 [this](store::Connection& db, const Actor& actor, const http::Request& req,
                        http::Response& res) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                   INSPIRE_ASSIGN_OR_RETURN(const std::string current,
                                            StringField(body, "current_password"));
                   INSPIRE_ASSIGN_OR_RETURN(const std::string next,
                                            StringField(body, "new_password"));
                   INSPIRE_RETURN_IF_ERROR(
                       hub::ChangeOwnPassword(db, actor, current, next, req.remote_addr));
                   res.set_header("Set-Cookie", SessionCookie(""));  // every session ended: sign in
                   return std::pair{204, Json()};
                 }));
  SetUpTokens();
}

void Server::Impl::SetUpTokens() {
  http.Get(R"(/api/v1/users/([^/]+)/tokens)",
           Route(RouteKind::kRead,
                 [](store::Connection& db, const Actor& actor, const http::Request& req,
                    http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(Json tokens, hub::ListApiTokens(db, actor, id));
                   return std::pair{200, std::move(tokens)};
                 }));
  http.Post(R"(/api/v1/users/([^/]+)/tokens)",
            Route(RouteKind::kWrite,
                  [](store::Connection& db, const Actor& actor, const http::Request& req,
                     http::Response&) -> Reply { return CreateToken(db, actor, req); }));
  http.Delete(R"(/api/v1/users/([^/]+)/tokens/([^/]+))",
              Route(RouteKind::kWrite,
                    [](store::Connection& db, const Actor& actor, const http::Request& req,
                       http::Response&) -> Reply {
                      INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                      INSPIRE_RETURN_IF_ERROR(hub::RevokeApiToken(db, actor, id, req.matches[2]));
                      return std::pair{204, Json()};
                    }));
}

}  // namespace inspire::web
