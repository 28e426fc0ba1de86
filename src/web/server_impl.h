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
#include "hub/hub_database.h"
#include "hub/organizations.h"
#include "hub/overview.h"
#include "hub/targets.h"
#include "web/embedded.h"
#include "web/forms.h"
#include "web/http/server.h"
#include "web/list_queries.h"
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

// A failed save as its form shows it: the error worded by TellFailure (a server fault without
// its field), and the status.
std::pair<core::Error, int> FormError(http::Response& res, core::Error error);

// A JSON error body {"error": {code, message, field}} as TellFailure words it.
void SendError(http::Response& res, const core::Error& error);

// `page` in the layout for `viewer`, or (an error) the error page as TellFailure words it; a
// page that cannot be rendered is a logged plain-text 500.
void SendHtml(http::Response& res, const core::Result<Page>& page, const Viewer& viewer);
std::string CookieValue(const http::Request& req, const std::string& name);
// The record id written as `text` (a whole number); kNotFound naming it otherwise.
core::Result<int64_t> RecordId(const std::string& text);
// The record id in the path's capture `capture` (the first by default); kNotFound when it is not
// a whole number.
core::Result<int64_t> PathId(const http::Request& req, size_t capture = 1);
// The request body as JSON.
core::Result<Json> Body(const http::Request& req);
// A body's member `name` as text ("" when absent or null); kValidation when the body is not an
// object or the member is not text.
core::Result<std::string> BodyText(const Json& body, const char* name);

// The cache key of a request: its path and decoded query parameters, in name order.
std::string CacheKey(const http::Request& req);

// The bulk routes of a record kind (Server::Impl::AddCrud).
struct Bulk {
  const std::vector<hub::BulkColumn>* columns = nullptr;
  int64_t max_per_page = 100;
  std::string file_name;  // of the CSV download
};

// What a JSON route does with the request, given the connection and actor the pipeline found
// for it; its answer's status and body (or an error) go back as JSON.
using JsonHandler =
    std::function<Reply(store::Connection&, const Actor&, const http::Request&, http::Response&)>;

// How a route passes through the request pipeline (Server::Impl::Route).
enum class RouteKind {
  // Reads; answered afresh on every request.
  kRead,
  // A GET whose answer to a visitor who is not signed in depends only on its URL and the data:
  // served from the response cache (with an ETag) while the data version is unchanged.
  kCachedRead,
  // Writes in one transaction (hub::Write): all or nothing; ?dry_run=true runs it to the end,
  // rolls it back and answers 200 {"dry_run": true, "would": ...}; a success raises the data
  // version.
  kWrite,
  // Writes outside a transaction because a failure must stay recorded for the rate limits
  // (sign-in, password change); the hub commits what it keeps itself.
  kAttempt,
};

// A record-kind route's read of one record whose kind anyone may read whole (Server::Impl::Crud):
// `Get(db, id)`, whoever asks.
template <core::Result<Json> (*Get)(store::Connection&, int64_t)>
core::Result<Json> PublicGet(store::Connection& db, const Actor&, int64_t id) {
  return Get(db, id);
}

// A signed-in browser user and the session's CSRF token.
struct BrowserUser {
  Actor actor;
  std::string csrf;
  Viewer viewer() const { return {actor.email, csrf}; }
};

struct Server::Impl {
  ServerOptions options;
  ResponseCache cache;
  const catalogue::Catalogue* catalogue = nullptr;
  int bound_port = 0;  // the port listened on, once bound
  // Where readers reach the hub, without a trailing slash: the public URL when given, else the
  // address listened on (never a client's Host header).
  std::string SiteUrl() const;
  std::unique_ptr<hub::ConnectionPool> pool;
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

  // What a JSON route does with the request, given the connection and actor the pipeline
  // found for it; its answer's status and body (or an error) go back as JSON.
  using Handler =
      std::function<Reply(store::Connection&, const Actor&, const http::Request&, http::Response&)>;

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
      auto connection = hub::DataVersionListener(options.db);
      bool listening = connection.has_value();
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

  // The request pipeline (server_pipeline.cc), one for the API, the pages and the forms: it
  // answers from the response cache when it can (kCachedRead, visitors who are not signed
  // in), leases a connection, finds the actor, runs the handler (a write through hub::Write),
  // raises the data version after a write, fills the cache, and tells a failure, an exception
  // included, as JSON or as an HTML page.

  // A JSON route of `kind`.
  http::Handler Route(RouteKind kind, Handler handler);
  // A page for everyone, kCachedRead: the signed-in user's email for the menu and links to the
  // forms; HTML errors.
  http::Handler PageRoute(PageBuilder build);
  // A page or form for signed-in users: without a session the browser goes to /login; a POST
  // must carry the session's CSRF token in its csrf_token field (else a 403 page). The handler
  // writes the answer; it saves through Save.
  using SignedInHandler = std::function<void(store::Connection&, const BrowserUser&,
                                             const http::Request&, http::Response&)>;
  http::Handler SignedInRoute(SignedInHandler handler);
  // Runs a form's write through hub::Write and, when it succeeds, raises the data version.
  core::Result<Json> Save(store::Connection& db,
                          const std::function<core::Result<Json>(store::Connection&)>& work);
  // After a committed write on `db`: the data version this process serves from moves on.
  void Wrote(store::Connection& db);

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
    // Reads the record to edit as `actor` may see it (when set, instead of `get`).
    std::function<core::Result<Json>(store::Connection&, const Actor&, int64_t)> get_as{};
  };
  void AddForms(const FormRoutes& routes);
  // The form of a record kind (RecordForm) with the organisations read from the database.
  std::function<FormSpec(store::Connection&)> FormOf(const hub::RecordFields& fields,
                                                     const char* title) const;
  // The forms of every record kind, then SetUpSignedInPages.
  void SetUpForms();
  // Targets and studies.
  void SetUpMonitoringForms();
  // Work-plan objectives, meetings, decisions and actions (working_group_forms.cc).
  void SetUpWorkingGroupForms();
  // Requests routed: the assignment forms, its page and its updates (assignment_forms.cc).
  void SetUpAssignmentForms();
  // A library item and the upload of its next file (library_forms.cc).
  void SetUpLibraryForms();
  // Applying for membership, and the moves and votes of /membership (membership_forms.cc).
  void SetUpMembershipForms();
  // A new user (admins).
  void SetUpUserForm();
  // Marking a match, the account page and the admin page.
  void SetUpSignedInPages();

  // The five routes of a record kind under `base`: GET list, POST, GET/PATCH/DELETE base/{id}.
  struct Crud {
    // The list and one record as `actor` may see them.
    std::function<core::Result<Json>(store::Connection&, const Actor&, const http::Request&)> list;
    std::function<core::Result<Json>(store::Connection&, const Actor&, int64_t)> get;
    std::function<core::Result<Json>(store::Connection&, const Actor&, const Json&)> create;
    std::function<core::Result<Json>(store::Connection&, const Actor&, int64_t, const Json&)>
        update;
    std::function<core::Result<void>(store::Connection&, const Actor&, int64_t)> remove;
  };
  // With `bulk`: also base/export (GET, ?format=csv|json, the list's filters) and base/import
  // (POST a CSV or JSON body; all records or none), ahead of base/{id}.
  void AddCrud(const std::string& base, const Crud& crud, const Bulk& bulk = {});

  // Every route, in the order the router tries them (server.cc).
  void SetUpRoutes();
  // /healthz and the OpenAPI document.
  void SetUpService();
  // /api/v1/session: sign in, who is signed in, sign out.
  void SetUpSessions();
  // Organisations and activities (who does what where), with bulk export and import.
  void SetUpDirectory();
  // Needs, offers, targets, and matches between needs and offers.
  void SetUpCoordination();
  // Publishing estimate files; the published estimates, their export and per country.
  void SetUpEstimates();
  // The audit trail (admin and secretariat).
  void SetUpAudit();
  // Countries and the INSPIRE catalogue, from memory.
  void SetUpCatalogue();
  // The JSON (API) or HTML (pages) answer when no handler gave one.
  void SetUpErrors();
  // The evidence: studies, the evidence map and analyses, their pages (evidence_routes.cc).
  void SetUpEvidence();
  // The review's pages and forms for signed-in users: rounds, a round, its sections, moves,
  // comments and the side-by-side view (implementation_forms.cc).
  void SetUpImplementationForms();
  void SetUpImplementationSectionForms();
  void SetUpImplementationMoves();
  // Implementation rounds: their records; their sections, review moves and comments; the
  // summary, the long export and each country's picture (implementation_routes.cc).
  void SetUpImplementationRounds();
  // The working group's work plan, meetings (and their calendars), decisions and actions.
  void SetUpWorkingGroup();
  // Membership applications, votes, and organisations' role histories.
  void SetUpMembership();
  // Support needs routed to members, and the updates of both sides.
  void SetUpAssignments();
  // The Atom feeds of what is new.
  void SetUpFeeds();
  // The library: its items, searched; the upload and download of their files.
  void SetUpLibrary();
  // The signed-in user's digest settings and the unsubscribe link.
  void SetUpSubscriptions();
  void SetUpImplementationReview();
  void SetUpImplementationViews();
  void SetUpImplementationWorkbook();
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

// The signed-in user of a browser request (kUnauthenticated without a valid session cookie).
core::Result<BrowserUser> BrowserSession(store::Connection& db, const http::Request& req);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_SERVER_IMPL_H_
