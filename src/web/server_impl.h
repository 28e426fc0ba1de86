// Internal to the web module: the server's implementation, shared by the files that set up its
// routes (server.cc: the API and the process; server_crud.cc: the routes of a record kind with
// bulk export and import; server_pages.cc: pages and forms; evidence_routes.cc: studies and the
// evidence pages). Not included outside src/web.
#ifndef INSPIRE_WEB_SERVER_IMPL_H_
#define INSPIRE_WEB_SERVER_IMPL_H_

#include <fmt/format.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "catalogue/catalogue_json.h"
#include "hub/accounts.h"
#include "hub/activities.h"
#include "hub/audit.h"
#include "hub/bulk.h"
#include "hub/coordination.h"
#include "hub/estimates.h"
#include "hub/organizations.h"
#include "hub/overview.h"
#include "hub/targets.h"
#include "web/embedded.h"
#include "web/forms.h"
#include "web/http/server.h"
#include "web/openapi.h"
#include "web/pages.h"
#include "web/response_cache.h"
#include "web/server.h"
#include "web/templates.h"

namespace inspire::web {

using core::ErrorCode;
using core::Fail;
using core::FailField;
using hub::Actor;
using Json = nlohmann::ordered_json;
// What a JSON route answers: a status and a body, or the failure to tell the client.
using Reply = core::Result<std::pair<int, Json>>;

inline constexpr const char* kSessionCookie = "inspire_session";
// The cookie that pairs the sign-in form with the browser it was sent to (login CSRF).
inline constexpr const char* kLoginCookie = "inspire_login";

// What a client is told while the database does not answer (503), and when to try again.
inline constexpr const char* kUnavailableMessage =
    "the database does not answer at the moment; try again in a few seconds";
inline constexpr int kUnavailableRetrySeconds = 2;

// Logs that the database did not answer: the first at once, then at most one line every 5 s
// saying how many more came (an outage under load would otherwise write a line per request).
void LogUnavailable(const std::string& message);

void SendJson(http::Response& res, int status, const Json& body);

// How a failure is told to a client, alike on the API, the pages, the forms and the sign-in
// form: the HTTP status of its code; for a server fault our words instead of the error's (the
// error goes to the log; while the database is down, once per 5 s) in English for the API or in
// the reader's strings for a page; a Retry-After header on `res` when the error carries one or
// the database does not answer (503).
struct Told {
  int status = 500;
  std::string message;
};
Told TellFailure(http::Response& res, const core::Error& error, bool page);

// A JSON error body {"error": {code, message, field}} as TellFailure words it.
void SendError(http::Response& res, const core::Error& error);

// `page` in the layout for `viewer`, or (an error) the error page as TellFailure words it; a
// page that cannot be rendered is a logged plain-text 500.
void SendHtml(http::Response& res, const core::Result<Page>& page, const Viewer& viewer);
std::string CookieValue(const http::Request& req, const std::string& name);
// An integer query parameter, `fallback` when absent; an error names it when it is not one.
core::Result<int64_t> IntParam(const http::Request& req, const char* name, int64_t fallback);
// The record id of the path's first capture.
core::Result<int64_t> PathId(const http::Request& req);
// The request body as JSON.
core::Result<Json> Body(const http::Request& req);

// The cache key of a request: its path and decoded query parameters, in name order.
std::string CacheKey(const http::Request& req);

// The bulk routes of a record kind (Server::Impl::AddCrud).
struct Bulk {
  const std::vector<hub::BulkColumn>* columns = nullptr;
  int64_t max_per_page = 100;
  std::string file_name;  // of the CSV download
};

struct Server::Impl {
  ServerOptions options;
  ResponseCache cache;
  const catalogue::Catalogue* catalogue = nullptr;
  std::unique_ptr<store::Pool> pool;
  http::Router http;
  std::unique_ptr<http::Server> transport;

  // The session cookie's Set-Cookie value (`token` empty: the one that clears it); Secure when
  // the hub is reached over https (ServerOptions::public_url).
  std::string SessionCookie(const std::string& token) const {
    const bool secure = options.public_url.rfind("https://", 0) == 0;
    return fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}", kSessionCookie,
                       token, token.empty() ? 0 : hub::kSessionSeconds, secure ? "; Secure" : "");
  }

  // A fresh sign-in token: set as the login cookie on `res`, returned for the form.
  std::string NewLoginToken(http::Response& res) const;

  // The actor of the request: an API token, a session cookie, or anonymous. For a write with a
  // session cookie the CSRF token must come back in X-CSRF-Token.
  core::Result<Actor> Authenticate(store::Connection& db, const http::Request& req) {
    const std::string authorization = req.get_header_value("Authorization");
    if (!authorization.empty()) {
      if (authorization.rfind("Bearer ", 0) != 0) {
        return Fail(ErrorCode::kUnauthenticated, "Authorization must be 'Bearer <token>'");
      }
      return hub::ActorFromApiToken(db, authorization.substr(7));
    }
    const std::string token = CookieValue(req, kSessionCookie);
    if (token.empty()) return Actor::Anonymous();
    INSPIRE_ASSIGN_OR_RETURN(auto session, hub::ActorFromSession(db, token));
    const bool write = req.method != "GET" && req.method != "HEAD";
    if (write && req.get_header_value("X-CSRF-Token") != session.second) {
      return FailField(ErrorCode::kForbidden, "X-CSRF-Token",
                       "the request lacks this session's CSRF token (X-CSRF-Token)");
    }
    return session.first;
  }

  using Handler = std::function<core::Result<std::pair<int, Json>>(
      store::Connection&, const Actor&, const http::Request&, http::Response&)>;

  // Serves a public GET from the cache when the data has not changed since it was made; else
  // fills the cache. Anonymous requests only: their answer depends on nothing but the URL. An
  // ETag lets browsers and scripts revalidate with If-None-Match and get a bodiless 304.
  bool ServeCached(const http::Request& req, http::Response& res, int64_t version) {
    const auto entry = cache.Find(CacheKey(req), version);
    if (!entry) return false;
    const bool revalidating = req.get_header_value("If-None-Match") == entry->etag;
    if (!entry->whole && !revalidating) return false;  // seen once: the body is made again
    res.set_header("ETag", entry->etag);
    res.set_header("Cache-Control", "no-cache");
    if (revalidating) {
      res.status = 304;
      return true;
    }
    res.status = entry->status;
    res.set_content(entry->body, entry->content_type);
    return true;
  }

  // PostgreSQL: the data version as pushed by the database (LISTEN on kDataVersionChannel), so
  // that a cache hit needs no query at all; -1 while unknown (then each request asks). A write
  // through this process raises it at once; one through another process arrives with
  // PostgreSQL's notification, a moment after its commit.
  std::atomic<int64_t> pushed_version{-1};
  std::atomic<bool> stopping{false};
  std::thread watcher;

  void RaiseVersion(int64_t version) {
    int64_t known = pushed_version.load();
    while (known >= 0 && version > known && !pushed_version.compare_exchange_weak(known, version)) {
    }
  }

  void WatchDataVersion() {
    while (!stopping) {
      auto connection = store::Open(options.db);
      bool listening = connection.has_value() &&
                       (*connection)
                           ->ExecuteScript(std::string("LISTEN ") + store::kDataVersionChannel)
                           .has_value();
      // Notifications sent while no listener was connected are lost: start from an empty cache.
      if (listening) cache.Clear();
      while (listening && !stopping) {
        const auto version = hub::DataVersion(**connection);
        if (!version) break;
        const int64_t known = pushed_version.load();
        if (version.value() > known) pushed_version.store(version.value());
        // Wake for a notification, or every half second to see whether to stop.
        core::Result<bool> notified = false;
        for (int i = 0; i < 10 && !stopping; ++i) {
          notified = (*connection)->WaitForNotification(500);
          if (!notified || *notified) break;
        }
        if (!notified) break;
      }
      pushed_version.store(-1);  // lost the connection: ask per request until it is back
      for (int i = 0; i < 10 && !stopping; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  }

  ~Impl() {
    stopping = true;
    if (watcher.joinable()) watcher.join();
  }

  // Wraps a handler: connection, actor, transaction for writes, errors as JSON bodies.
  // `cacheable`: a public GET whose answer depends only on the URL and the data.
  http::Handler Route(bool write, Handler handler, bool cacheable = false) {
    return [this, write, handler, cacheable](const http::Request& req, http::Response& res) {
      try {
        const bool anonymous =
            !req.has_header("Authorization") && CookieValue(req, kSessionCookie).empty();
        int64_t version = cacheable && anonymous ? pushed_version.load() : -1;
        if (version >= 0 && ServeCached(req, res, version)) return;  // no database at all
        auto lease = pool->Acquire();
        store::Connection& db = *lease;
        if (cacheable && anonymous && version < 0) {
          if (auto current = hub::DataVersion(db)) {
            version = *current;
            if (ServeCached(req, res, version)) return;
          }
        }
        auto actor = Authenticate(db, req);
        if (!actor) return SendError(res, actor.error());
        // ?dry_run=true runs a write to the end, reports what it would do, and rolls back.
        const bool dry_run = write && req.get_param_value("dry_run") == "true";
        core::Result<std::pair<int, Json>> result = [&]() -> core::Result<std::pair<int, Json>> {
          if (!write) return handler(db, *actor, req, res);
          if (!dry_run) {
            return store::InTransaction<std::pair<int, Json>>(
                db, [&](store::Connection& c) { return handler(c, *actor, req, res); });
          }
          INSPIRE_RETURN_IF_ERROR(db.BeginWrite());
          auto outcome = handler(db, *actor, req, res);
          INSPIRE_RETURN_IF_ERROR(db.Rollback());
          if (outcome) outcome->second = Json{{"dry_run", true}, {"would", outcome->second}};
          if (outcome && outcome->first == 201) outcome->first = 200;
          return outcome;
        }();
        if (!result) return SendError(res, result.error());
        if (write && !dry_run) {
          if (auto current = hub::DataVersion(db)) RaiseVersion(*current);
        }
        if (result->first == 204) {
          res.status = 204;
          return;
        }
        if (res.body.empty()) {
          SendJson(res, result->first, result->second);
        } else {
          res.status = result->first;  // the handler wrote its own body (a CSV export)
        }
        if (cacheable && anonymous && version >= 0 && result->first == 200) {
          const std::string etag =
              fmt::format("\"v{}-{:x}\"", version, std::hash<std::string>{}(res.body));
          res.set_header("ETag", etag);
          res.set_header("Cache-Control", "no-cache");
          cache.Put(CacheKey(req),
                    {version, res.status, res.body, etag, res.get_header_value("Content-Type")});
        }
      } catch (const nlohmann::json::exception& e) {
        // A field of an unexpected JSON type that a check missed: our words, the library's in
        // the log.
        std::fprintf(stderr, "inspire serve: %s %s: %s\n", req.method.c_str(), req.path.c_str(),
                     e.what());
        SendError(res, core::Error{ErrorCode::kInvalidArgument,
                                   "a value in the request has the wrong type for its field; "
                                   "/api/v1/openapi.json gives the type of every field",
                                   {}});
      } catch (const std::exception& e) {
        SendError(res, core::Error{ErrorCode::kInternal, e.what(), {}});
      }
    };
  }

  // Wraps a page builder: the signed-in user's email for the menu, HTML errors, and (for
  // visitors who are not signed in) the same data-version cache as the API.
  http::Handler PageRoute(PageBuilder build) {
    return [this, build](const http::Request& req, http::Response& res) {
      try {
        const std::string token = CookieValue(req, kSessionCookie);
        const bool anonymous = token.empty();
        int64_t version = anonymous ? pushed_version.load() : -1;
        if (version >= 0 && ServeCached(req, res, version)) return;
        auto lease = pool->Acquire();
        store::Connection& db = *lease;
        if (anonymous && version < 0) {
          if (auto current = hub::DataVersion(db)) {
            version = *current;
            if (ServeCached(req, res, version)) return;
          }
        }
        Viewer viewer;
        PageInput input;
        if (!anonymous) {
          if (auto session = hub::ActorFromSession(db, token)) {
            viewer = {session->first.email, session->second};
            input.signed_in = true;
            input.csrf = session->second;
          }
        }
        for (size_t i = 1; i < req.matches.size(); ++i) input.path.push_back(req.matches[i]);
        input.query.insert(req.params.begin(), req.params.end());
        SendHtml(res, build(db, *catalogue, input), viewer);
        if (anonymous && version >= 0 && res.status == 200) {
          const std::string etag =
              fmt::format("\"v{}-{:x}\"", version, std::hash<std::string>{}(res.body));
          res.set_header("ETag", etag);
          res.set_header("Cache-Control", "no-cache");
          cache.Put(CacheKey(req), {version, 200, res.body, etag, "text/html; charset=utf-8"});
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "inspire serve: %s\n", e.what());
        res.status = 500;
        res.set_content("The server failed; the error is logged.", "text/plain; charset=utf-8");
      }
    };
  }

  void SetUpPages();

  // A form that creates records at `new_path` and edits them at `edit_pattern` (one capture:
  // the id), for signed-in users; saving goes through the hub in one transaction.
  struct FormRoutes {
    std::string new_path;
    std::string edit_pattern;  // empty: no edit form
    std::function<FormSpec(store::Connection&)> spec;
    std::function<core::Result<Json>(store::Connection&, const Actor&, const Json&)> create;
    std::function<core::Result<Json>(store::Connection&, int64_t)> get;
    std::function<core::Result<Json>(store::Connection&, const Actor&, int64_t, const Json&)>
        update;
    std::function<std::string(const Json&)> after;  // where to go once saved
  };
  void AddForms(const FormRoutes& routes);
  void SetUpForms();

  // The five routes of a record kind under `base`: GET list, POST, GET/PATCH/DELETE base/{id}.
  struct Crud {
    std::function<core::Result<Json>(store::Connection&, const http::Request&)> list;
    std::function<core::Result<Json>(store::Connection&, int64_t)> get;
    std::function<core::Result<Json>(store::Connection&, const Actor&, const Json&)> create;
    std::function<core::Result<Json>(store::Connection&, const Actor&, int64_t, const Json&)>
        update;
    std::function<core::Result<void>(store::Connection&, const Actor&, int64_t)> remove;
  };
  // With `bulk`: also base/export (GET, ?format=csv|json, the list's filters) and base/import
  // (POST a CSV or JSON body; all records or none), ahead of base/{id}.
  void AddCrud(const std::string& base, const Crud& crud, const Bulk& bulk = {});

  void SetUpRoutes();
  // The evidence: studies, the evidence map and analyses, their pages (evidence_routes.cc).
  void SetUpEvidence();
  // Users, their passwords and API tokens (user_routes.cc).
  void SetUpUsers();
  void SetUpTokens();
};

// The records of an export as JSON ({"items", "total"}) or, with ?format=csv|xlsx, a download.
core::Result<std::pair<int, Json>> Export(const http::Request& req, http::Response& res, Json items,
                                          const std::vector<hub::BulkColumn>& columns,
                                          const std::string& file_name);

// The records of an import body: CSV when the Content-Type says text/csv, else JSON.
core::Result<hub::ImportRecords> ImportBody(const http::Request& req,
                                            const std::vector<hub::BulkColumn>& columns);

// The signed-in user of a browser request and the session's CSRF token.
core::Result<std::pair<Actor, std::string>> BrowserSession(store::Connection& db,
                                                           const http::Request& req);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_SERVER_IMPL_H_
