#include "web/server.h"

#include <chrono>
#include <mutex>

#include "core/json_parse.h"
#include "hub/estimate_protection.h"
#include "hub/hub_database.h"
#include "hub/write.h"
#include "web/server_impl.h"

namespace inspire::web {

void SendJson(http::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n",
                  "application/json; charset=utf-8");
}

void LogUnavailable(const std::string& message) {
  using Clock = std::chrono::steady_clock;
  static std::mutex mutex;
  static Clock::time_point last;
  static int64_t unlogged = 0;
  const std::lock_guard lock(mutex);
  const auto now = Clock::now();
  if (last != Clock::time_point() && now - last < std::chrono::seconds(5)) {
    ++unlogged;
    return;
  }
  if (unlogged > 0) {
    std::fprintf(stderr, "inspire serve: %lld more requests met the database down\n",
                 static_cast<long long>(unlogged));
  }
  std::fprintf(stderr, "inspire serve: %s\n", message.c_str());
  last = now;
  unlogged = 0;
}

Told TellFailure(http::Response& res, const core::Error& error, bool page) {
  Told told{StatusFor(error.code), error.message};
  if (told.status == 503) {
    LogUnavailable(error.message);
    told.message = page ? UiStrings().value("database_unavailable", "") : kUnavailableMessage;
  } else if (told.status >= 500) {  // details of server faults stay in the log
    std::fprintf(stderr, "inspire serve: %s\n", error.message.c_str());
    told.message =
        page ? "The server failed; the error is logged." : "the server failed; the error is logged";
  }
  const int retry_after = error.retry_after_seconds > 0 ? error.retry_after_seconds
                          : told.status == 503          ? kUnavailableRetrySeconds
                                                        : 0;
  if (retry_after > 0) res.set_header("Retry-After", std::to_string(retry_after));
  return told;
}

void SendError(http::Response& res, const core::Error& error) {
  const Told told = TellFailure(res, error, false);
  const bool fault = told.status >= 500;
  SendJson(res, told.status,
           {{"error",
             {{"code", core::ErrorCodeName(error.code)},
              {"message", told.message},
              {"field", error.field.empty() || fault ? Json() : Json(error.field)}}}});
}

std::string CookieValue(const http::Request& req, const std::string& name) {
  const std::string cookies = req.get_header_value("Cookie");
  size_t at = 0;
  while (at < cookies.size()) {
    const size_t end = std::min(cookies.find(';', at), cookies.size());
    std::string_view pair(cookies.data() + at, end - at);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    at = end + 1;
  }
  return "";
}

core::Result<int64_t> RecordId(const std::string& text) {
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Fail(ErrorCode::kNotFound, fmt::format("no record with id '{}'", text));
  }
  return id;
}

core::Result<int64_t> PathId(const http::Request& req, size_t capture) {
  return RecordId(capture < req.matches.size() ? req.matches[capture] : std::string());
}

core::Result<Json> Body(const http::Request& req) { return core::ParseJson(req.body, "the body"); }

core::Result<std::string> BodyText(const Json& body, const char* name) {
  if (!body.is_object()) {
    return Fail(ErrorCode::kValidation, "the body must be a JSON object");
  }
  if (!body.contains(name) || body[name].is_null()) return std::string();
  if (!body[name].is_string()) {
    return FailField(ErrorCode::kValidation, name, fmt::format("{} must be text", name));
  }
  return body[name].get<std::string>();
}

std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool https) {
  std::vector<std::pair<std::string, std::string>> headers = {
      // Pages have no script and no inline style; forms post to the hub only.
      {"Content-Security-Policy",
       "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
       "object-src 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "same-origin"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"}};
  if (https) headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return headers;
}

int StatusFor(core::ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kParse:
    case ErrorCode::kUnsupported:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kValidation:
      return 422;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      break;
  }
  return 500;
}

std::string CacheKey(const http::Request& req) {
  std::string key = req.path;
  for (const auto& [name, value] : req.params) {
    key += '\x1f';
    key += name;
    key += '=';
    key += value;
  }
  return key;
}

namespace {
// The error code and our wording for an answer the router or transport gives without a handler.
std::pair<ErrorCode, std::string> TransportError(int status) {
  switch (status) {
    case 404:
      return {ErrorCode::kNotFound, "no such path; the API lives under /api/v1"};
    case 405:
      return {ErrorCode::kInvalidArgument, "this method is not allowed here"};
    case 408:
      return {ErrorCode::kInvalidArgument, "the request did not arrive in time"};
    case 413:
      return {ErrorCode::kTooLarge, "the request body is too large"};
    case 431:
      return {ErrorCode::kInvalidArgument, "the request line and headers are too large"};
    case 503:
      return {ErrorCode::kRateLimited, "too many connections from this address; try again soon"};
    case 500:
      return {ErrorCode::kInternal, "the server failed"};
    default:
      return {ErrorCode::kInvalidArgument, "the request is malformed"};
  }
}
}  // namespace

void Server::Impl::SetUpRoutes() {
  SetUpPages();
  SetUpEvidence();
  SetUpService();
  SetUpSessions();
  SetUpDirectory();
  SetUpCoordination();
  SetUpUsers();
  SetUpEstimates();
  SetUpImplementationViews();
  SetUpImplementationReview();
  SetUpImplementationWorkbook();
  SetUpImplementationRounds();
  SetUpWorkingGroup();
  SetUpMembership();
  SetUpAssignments();
  SetUpFeeds();
  SetUpLibrary();
  SetUpSubscriptions();
  SetUpAudit();
  SetUpCatalogue();
  SetUpErrors();
}

void Server::Impl::SetUpService() {
  // Liveness and the database: 503 (with Retry-After) while the database does not answer, so
  // that a load balancer or monitor sees the outage.
  http.Get("/healthz", [this](const http::Request&, http::Response& res) {
    auto lease = pool->Acquire();
    if (auto answer = hub::DatabaseAnswers(*lease); !answer) {
      LogUnavailable("/healthz: " + answer.error().message);
      res.set_header("Retry-After", std::to_string(kUnavailableRetrySeconds));
      return SendJson(res, 503, {{"status", "unavailable"}, {"database", "not answering"}});
    }
    SendJson(res, 200, {{"status", "ok"}, {"database", "ok"}});
  });
  const std::string openapi = OpenApiDocument().dump() + "\n";
  http.Get("/api/v1/openapi.json", [openapi](const http::Request&, http::Response& res) {
    res.set_header("Cache-Control", "public, max-age=3600");
    res.set_content(openapi, "application/json; charset=utf-8");
  });
}

void Server::Impl::SetUpSessions() {
  // Sessions.
  // Not in a transaction: a failed sign-in must leave its attempt recorded for the rate limit.
  http.Post(
      "/api/v1/session",
      Route(RouteKind::kAttempt,
            [this](store::Connection& db, const Actor&, const http::Request& req,
                   http::Response& res) -> core::Result<std::pair<int, Json>> {
              INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
              if (!body.is_object() || !body.contains("email") || !body["email"].is_string()) {
                return FailField(ErrorCode::kValidation, "email", "email is required");
              }
              if (!body.contains("password") || !body["password"].is_string()) {
                return FailField(ErrorCode::kValidation, "password", "password is required");
              }
              INSPIRE_ASSIGN_OR_RETURN(
                  const hub::Session session,
                  hub::SignIn(db, body["email"], body["password"], req.remote_addr));
              res.set_header("Set-Cookie", SessionCookie(session.token));
              return std::pair{201, Json{{"user", session.user}, {"csrf_token", session.csrf}}};
            }));
  http.Get("/api/v1/session",
           Route(RouteKind::kRead,
                 [](store::Connection& db, const Actor& actor, const http::Request&,
                    http::Response&) -> core::Result<std::pair<int, Json>> {
                   if (!actor.user_id) return Fail(ErrorCode::kUnauthenticated, "not signed in");
                   INSPIRE_ASSIGN_OR_RETURN(Json user, hub::GetUser(db, actor, *actor.user_id));
                   return std::pair{200, Json{{"user", user}}};
                 }));
  http.Delete("/api/v1/session",
              Route(RouteKind::kWrite,
                    [this](store::Connection& db, const Actor&, const http::Request& req,
                           http::Response& res) -> core::Result<std::pair<int, Json>> {
                      const std::string token = CookieValue(req, kSessionCookie);
                      if (!token.empty()) INSPIRE_RETURN_IF_ERROR(hub::SignOut(db, token));
                      res.set_header("Set-Cookie", SessionCookie(""));
                      return std::pair{204, Json()};
                    }));
}

void Server::Impl::SetUpDirectory() {
  // Organisations and activities: list, create, read, edit, delete.
  AddCrud("/api/v1/organizations",
          {[](store::Connection& db, const Actor&, const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, OrganizationQueryFrom(req.params));
             return hub::ListOrganizations(db, query);
           },
           PublicGet<hub::GetOrganization>,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateOrganization(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateOrganization(db, *catalogue, actor, id, body);
           },
           hub::DeleteOrganization},
          {&hub::OrganizationColumns(), 200, "organizations"});
  AddCrud("/api/v1/activities",
          {[](store::Connection& db, const Actor&, const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, ActivityQueryFrom(req.params));
             return hub::ListActivities(db, query);
           },
           PublicGet<hub::GetActivity>,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateActivity(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateActivity(db, *catalogue, actor, id, body);
           },
           hub::DeleteActivity},
          {&hub::ActivityColumns(), 500, "activities"});
}

void Server::Impl::SetUpCoordination() {
  // Coordination: needs, offers, and matches between them.
  AddCrud(
      "/api/v1/needs",
      {[this](store::Connection& db, const Actor&, const http::Request& req) -> core::Result<Json> {
         INSPIRE_ASSIGN_OR_RETURN(const auto query, CoordinationQueryFrom(req.params));
         return hub::ListNeeds(db, *catalogue, query);
       },
       PublicGet<hub::GetNeed>,
       [this](store::Connection& db, const Actor& actor, const Json& body) {
         return hub::CreateNeed(db, *catalogue, actor, body);
       },
       [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
         return hub::UpdateNeed(db, *catalogue, actor, id, body);
       },
       hub::DeleteNeed});
  AddCrud(
      "/api/v1/offers",
      {[this](store::Connection& db, const Actor&, const http::Request& req) -> core::Result<Json> {
         INSPIRE_ASSIGN_OR_RETURN(const auto query, CoordinationQueryFrom(req.params));
         return hub::ListOffers(db, *catalogue, query);
       },
       PublicGet<hub::GetOffer>,
       [this](store::Connection& db, const Actor& actor, const Json& body) {
         return hub::CreateOffer(db, *catalogue, actor, body);
       },
       [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
         return hub::UpdateOffer(db, *catalogue, actor, id, body);
       },
       hub::DeleteOffer});
  AddCrud("/api/v1/targets",
          {[](store::Connection& db, const Actor&, const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, TargetQueryFrom(req.params));
             return hub::ListTargets(db, query);
           },
           PublicGet<hub::GetTarget>,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateTarget(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateTarget(db, *catalogue, actor, id, body);
           },
           hub::DeleteTarget});
  http.Get(R"(/api/v1/needs/([^/]+)/matches)",
           Route(RouteKind::kCachedRead,
                 [this](store::Connection& db, const Actor&, const http::Request& req,
                        http::Response&) -> core::Result<std::pair<int, Json>> {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(Json candidates,
                                            hub::CandidateOffers(db, *catalogue, id));
                   return std::pair{200, std::move(candidates)};
                 }));
  http.Post(R"(/api/v1/needs/([^/]+)/matches)",
            Route(RouteKind::kWrite,
                  [this](store::Connection& db, const Actor& actor, const http::Request& req,
                         http::Response&) -> core::Result<std::pair<int, Json>> {
                    INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                    INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                    if (!body.is_object() || !body.contains("offer_id") ||
                        !body["offer_id"].is_number_integer()) {
                      return FailField(ErrorCode::kValidation, "offer_id", "offer_id is required");
                    }
                    INSPIRE_ASSIGN_OR_RETURN(
                        Json match,
                        hub::MarkMatch(db, *catalogue, actor, id, body["offer_id"].get<int64_t>()));
                    return std::pair{201, std::move(match)};
                  }));
}

namespace {

// A published-estimates file from a POST body: the JSON of `inspire estimate --format json`, or
// its CSV (the rows without the JSON's provenance).
core::Result<Json> EstimateFile(const http::Request& req) {
  if (req.get_header_value("Content-Type").rfind("text/csv", 0) != 0) return Body(req);
  INSPIRE_ASSIGN_OR_RETURN(const hub::ImportRecords rows,
                           hub::RecordsFromCsv(req.body, hub::EstimateColumns(), "the CSV body"));
  return Json{{"provenance", {{"format", "csv"}}}, {"estimates", rows.records}};
}

Reply PublishEstimates(store::Connection& db, const catalogue::Catalogue& catalogue,
                       const Actor& actor, const http::Request& req) {
  hub::PublishRequest request;
  request.country = req.get_param_value("country");
  INSPIRE_ASSIGN_OR_RETURN(request.year, IntParam(req.params, "year", 0));
  request.source = req.get_param_value("source");
  request.replace = req.get_param_value("replace") == "true";
  INSPIRE_ASSIGN_OR_RETURN(request.file, EstimateFile(req));
  INSPIRE_ASSIGN_OR_RETURN(Json summary, hub::PublishEstimates(db, catalogue, actor, request));
  return std::pair{201, std::move(summary)};
}

}  // namespace

void Server::Impl::SetUpEstimates() {
  http.Post("/api/v1/estimates",
            Route(RouteKind::kWrite, [this](store::Connection& db, const Actor& actor,
                                            const http::Request& req, http::Response&) {
              return PublishEstimates(db, *catalogue, actor, req);
            }));
  http.Get("/api/v1/estimates/export",
           Route(RouteKind::kRead,
                 [](store::Connection& db, const Actor&, const http::Request& req,
                    http::Response& res) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const hub::EstimateQuery query,
                                            EstimateQueryFrom(req.params));
                   INSPIRE_ASSIGN_OR_RETURN(Json items, hub::AllEstimates(db, query));
                   return Export(req, res, std::move(items), hub::EstimateColumns(), "estimates");
                 }));
  http.Get("/api/v1/estimates", Route(RouteKind::kCachedRead,
                                      [](store::Connection& db, const Actor&,
                                         const http::Request& req, http::Response&) -> Reply {
                                        INSPIRE_ASSIGN_OR_RETURN(const hub::EstimateQuery query,
                                                                 EstimateQueryFrom(req.params));
                                        INSPIRE_ASSIGN_OR_RETURN(Json list,
                                                                 hub::ListEstimates(db, query));
                                        return std::pair{200, std::move(list)};
                                      }));
  http.Get(R"(/api/v1/countries/([^/]+)/estimates)",
           Route(RouteKind::kCachedRead,
                 [this](store::Connection& db, const Actor&, const http::Request& req,
                        http::Response&) -> Reply {
                   const std::string code = req.matches[1];
                   const catalogue::Country* country = catalogue->FindCountry(code);
                   if (country == nullptr) {
                     return Fail(ErrorCode::kNotFound,
                                 fmt::format("no country with the code '{}'", code));
                   }
                   INSPIRE_ASSIGN_OR_RETURN(hub::EstimateQuery query,
                                            EstimateQueryFrom(req.params));
                   query.country = country->iso3;
                   INSPIRE_ASSIGN_OR_RETURN(Json list, hub::ListEstimates(db, query));
                   return std::pair{200, std::move(list)};
                 }));
}

void Server::Impl::SetUpAudit() {
  // Admin and secretariat.
  http.Get("/api/v1/audit", Route(RouteKind::kRead,
                                  [](store::Connection& db, const Actor& actor,
                                     const http::Request& req, http::Response&) -> Reply {
                                    INSPIRE_ASSIGN_OR_RETURN(const hub::AuditQuery query,
                                                             AuditQueryFrom(req.params));
                                    INSPIRE_ASSIGN_OR_RETURN(Json audit,
                                                             hub::ListAudit(db, actor, query));
                                    return std::pair{200, std::move(audit)};
                                  }));
}

void Server::Impl::SetUpCatalogue() {
  // Countries and the catalogue (public, from memory).
  http.Get("/api/v1/countries", [this](const http::Request&, http::Response& res) {
    Json items = Json::array();
    for (const auto& country : catalogue->countries()) items.push_back(catalogue::ToJson(country));
    SendJson(res, 200, {{"items", items}, {"total", items.size()}});
  });
  http.Get(R"(/api/v1/countries/([^/]+))", [this](const http::Request& req, http::Response& res) {
    const catalogue::Country* country = catalogue->FindCountry(std::string(req.matches[1]));
    if (country == nullptr) {
      return SendError(res, core::Error{ErrorCode::kNotFound,
                                        fmt::format("no country with the code '{}'",
                                                    std::string(req.matches[1])),
                                        {}});
    }
    SendJson(res, 200, catalogue::ToJson(*country));
  });
  http.Get(R"(/api/v1/catalogue/(strategies|approaches|indicators|cross-cutting))",
           [this](const http::Request& req, http::Response& res) {
             const std::string kind = req.matches[1];
             Json items = Json::array();
             if (kind == "strategies") {
               for (const auto& s : catalogue->strategies()) items.push_back(catalogue::ToJson(s));
             } else if (kind == "approaches") {
               for (const auto& a : catalogue->approaches()) items.push_back(catalogue::ToJson(a));
             } else if (kind == "indicators") {
               for (const auto& i : catalogue->indicators()) items.push_back(catalogue::ToJson(i));
             } else {
               for (const auto& c : catalogue->cross_cutting()) {
                 items.push_back(catalogue::ToJson(c));
               }
             }
             SendJson(res, 200, {{"items", items}, {"total", items.size()}});
           });
}

void Server::Impl::SetUpErrors() {
  // Errors without a handler's body (no route, a request too large, too slow or malformed, too
  // many connections) get the same JSON error body as ours.
  http.set_error_handler([](const http::Request& req, http::Response& res) {
    if (res.status == 404 && req.path.rfind("/api/", 0) != 0 && !req.path.empty()) {
      const Page page = ErrorPage(404, UiStrings().value("not_found", "There is no such page."));
      auto html = RenderDocument(page, Viewer{});
      res.set_content(html ? *html : page.main, "text/html; charset=utf-8");
      return;
    }
    const auto [code, message] = TransportError(res.status);
    const int status = res.status;
    SendError(res, core::Error{code, message, {}});
    res.status = status;  // the router keeps it too; the body names the reason
  });
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

core::Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options,
                                                     const catalogue::Catalogue& catalogue) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->catalogue = &catalogue;
  {
    INSPIRE_ASSIGN_OR_RETURN(auto connection, hub::OpenHub(options.db));
    // Sets published before the hub ran complementary suppression are protected before any
    // request can read them.
    INSPIRE_RETURN_IF_ERROR(hub::Write<int64_t>(*connection, [](store::Connection& db) {
      return hub::ProtectPublishedSets(db, hub::kHubMinN);
    }));
  }
  INSPIRE_ASSIGN_OR_RETURN(impl->pool, hub::OpenHubPool(options.db, options.db_connections));
  {
    http::Headers headers;
    for (auto& [name, value] : SecurityHeaders(options.public_url.rfind("https://", 0) == 0)) {
      headers.emplace(name, value);
    }
    impl->http.set_default_headers(headers);
  }
  impl->SetUpRoutes();
  if (options.db.rfind("postgres", 0) == 0) {
    Impl* raw = impl.get();
    impl->watcher = std::thread([raw] { raw->WatchDataVersion(); });
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

core::Result<int> Server::Bind() {
  Impl& impl = *impl_;
  http::Limits limits;
  limits.max_body_bytes = impl.options.max_body_bytes;
  limits.workers = impl.options.threads;
  limits.max_connections_per_address = impl.options.max_connections_per_address;
  limits.trusted_proxy = impl.options.trusted_proxy;
  limits.idle_timeout = std::chrono::seconds(impl.options.idle_timeout_seconds);
  limits.head_timeout = std::chrono::seconds(impl.options.head_timeout_seconds);
  impl.transport = std::make_unique<http::Server>(impl.http, limits);
  auto port = impl.transport->Bind(impl.options.host, impl.options.port);
  if (port) impl.bound_port = *port;
  return port;
}

void Server::Run() {
  if (impl_->transport) impl_->transport->Run();
}

void Server::Stop() {
  if (impl_->transport) impl_->transport->Stop();
}

}  // namespace inspire::web
