#include "web/server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

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
#include "web/openapi.h"
#include "web/pages.h"
#include "web/templates.h"

namespace inspire::web {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;
using hub::Actor;
using Json = nlohmann::ordered_json;

constexpr const char* kSessionCookie = "inspire_session";

void SendJson(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n",
                  "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, const core::Error& error) {
  Json body = {{"error",
                {{"code", core::ErrorCodeName(error.code)},
                 {"message", error.message},
                 {"field", error.field.empty() ? Json() : Json(error.field)}}}};
  const int status = StatusFor(error.code);
  if (status >= 500) {  // details of server faults stay in the log
    std::fprintf(stderr, "inspire serve: %s\n", error.message.c_str());
    body["error"]["message"] = "the server failed; the error is logged";
  }
  SendJson(res, status, body);
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
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

core::Result<int64_t> IntParam(const httplib::Request& req, const char* name, int64_t fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return FailField(ErrorCode::kInvalidArgument, name,
                     fmt::format("{} must be a whole number, not '{}'", name, text));
  }
  return value;
}

core::Result<int64_t> PathId(const httplib::Request& req) {
  int64_t id = 0;
  const std::string text = req.matches[1];
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Fail(ErrorCode::kNotFound, fmt::format("no record with id '{}'", text));
  }
  return id;
}

core::Result<Json> Body(const httplib::Request& req) {
  Json body = Json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    return Fail(ErrorCode::kParse, "the body is not valid JSON (UTF-8)");
  }
  return body;
}

}  // namespace

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
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      break;
  }
  return 500;
}

// Answers to public GET requests, keyed by path and query, each with the data version it was
// made at (hub::DataVersion). A hit costs one small query instead of the request's work; any
// write, by any server process, makes every entry stale. Bounded: cleared when full.
class ResponseCache {
 public:
  struct Entry {
    int64_t version = -1;
    int status = 200;
    std::string body;
    std::string etag;
    std::string content_type = "application/json; charset=utf-8";
  };
  std::optional<Entry> Find(const std::string& key, int64_t version) {
    const std::shared_lock lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end() || it->second.version != version) return std::nullopt;
    return it->second;
  }
  void Put(const std::string& key, Entry entry) {
    const std::unique_lock lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[key] = std::move(entry);
  }

 private:
  static constexpr size_t kMaxEntries = 2000;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

std::string CacheKey(const httplib::Request& req) {
  std::string key = req.path;
  for (const auto& [name, value] : req.params) {
    key += '\x1f';
    key += name;
    key += '=';
    key += value;
  }
  return key;
}

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
  httplib::Server http;
  int bound_port = -1;

  // The actor of the request: an API token, a session cookie, or anonymous. For a write with a
  // session cookie the CSRF token must come back in X-CSRF-Token.
  core::Result<Actor> Authenticate(store::Connection& db, const httplib::Request& req) {
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
      store::Connection&, const Actor&, const httplib::Request&, httplib::Response&)>;

  // Serves a public GET from the cache when the data has not changed since it was made; else
  // fills the cache. Anonymous requests only: their answer depends on nothing but the URL. An
  // ETag lets browsers and scripts revalidate with If-None-Match and get a bodiless 304.
  bool ServeCached(const httplib::Request& req, httplib::Response& res, int64_t version) {
    const auto entry = cache.Find(CacheKey(req), version);
    if (!entry) return false;
    res.set_header("ETag", entry->etag);
    res.set_header("Cache-Control", "no-cache");
    if (req.get_header_value("If-None-Match") == entry->etag) {
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
  httplib::Server::Handler Route(bool write, Handler handler, bool cacheable = false) {
    return [this, write, handler, cacheable](const httplib::Request& req, httplib::Response& res) {
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
                    {version, res.status, res.body, etag, "application/json; charset=utf-8"});
        }
      } catch (const nlohmann::json::exception& e) {
        SendError(res, core::Error{ErrorCode::kInvalidArgument,
                                   std::string("a value has the wrong type: ") + e.what(),
                                   {}});
      } catch (const std::exception& e) {
        SendError(res, core::Error{ErrorCode::kInternal, e.what(), {}});
      }
    };
  }

  // Wraps a page builder: the signed-in user's email for the menu, HTML errors, and (for
  // visitors who are not signed in) the same data-version cache as the API.
  httplib::Server::Handler PageRoute(PageBuilder build) {
    return [this, build](const httplib::Request& req, httplib::Response& res) {
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
        std::string email;
        PageInput input;
        if (!anonymous) {
          if (auto session = hub::ActorFromSession(db, token)) {
            email = session->first.email;
            input.signed_in = true;
            input.csrf = session->second;
          }
        }
        for (size_t i = 1; i < req.matches.size(); ++i) input.path.push_back(req.matches[i]);
        input.query.insert(req.params.begin(), req.params.end());
        auto page = build(db, *catalogue, input);
        if (!page) {
          const int status = StatusFor(page.error().code);
          if (status >= 500)
            std::fprintf(stderr, "inspire serve: %s\n", page.error().message.c_str());
          page = ErrorPage(status, status >= 500 ? "The server failed; the error is logged."
                                                 : page.error().message);
        }
        auto html = RenderDocument(*page, email);
        if (!html) {
          std::fprintf(stderr, "inspire serve: %s\n", html.error().message.c_str());
          res.status = 500;
          res.set_content("The server failed; the error is logged.", "text/plain; charset=utf-8");
          return;
        }
        res.status = page->status;
        res.set_content(*html, "text/html; charset=utf-8");
        if (anonymous && version >= 0 && page->status == 200) {
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
    std::function<core::Result<Json>(store::Connection&, const httplib::Request&)> list;
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
};

// The records of an export as JSON ({"items", "total"}) or, with ?format=csv|xlsx, a download.
core::Result<std::pair<int, Json>> Export(const httplib::Request& req, httplib::Response& res,
                                          Json items, const std::vector<hub::BulkColumn>& columns,
                                          const std::string& file_name) {
  const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
  if (format == "csv") {
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"{}.csv\"", file_name));
    res.set_content(hub::RecordsToCsv(items, columns), "text/csv; charset=utf-8");
    return std::pair{200, Json()};
  }
  if (format == "xlsx") {
    INSPIRE_ASSIGN_OR_RETURN(const std::string workbook,
                             hub::RecordsToXlsx(items, columns, file_name));
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"{}.xlsx\"", file_name));
    res.set_content(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return std::pair{200, Json()};
  }
  if (format != "json") {
    return FailField(ErrorCode::kInvalidArgument, "format",
                     fmt::format("format must be csv, xlsx or json, not '{}'", format));
  }
  const size_t total = items.size();
  return std::pair{200, Json{{"items", std::move(items)}, {"total", total}}};
}

// The records of an import body: CSV when the Content-Type says text/csv, else JSON.
core::Result<hub::ImportRecords> ImportBody(const httplib::Request& req,
                                            const std::vector<hub::BulkColumn>& columns) {
  if (req.get_header_value("Content-Type").rfind("text/csv", 0) == 0) {
    return hub::RecordsFromCsv(req.body, columns, "the CSV body");
  }
  INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
  return hub::RecordsFromJson(body);
}

void Server::Impl::AddCrud(const std::string& base, const Crud& crud, const Bulk& bulk) {
  using Reply = core::Result<std::pair<int, Json>>;
  const std::string item = base + "/([^/]+)";
  if (bulk.columns != nullptr) {
    http.Get(base + "/export",
             Route(false,
                   [crud, bulk](store::Connection& db, const Actor&, const httplib::Request& req,
                                httplib::Response& res) -> Reply {
                     // Every page of the list with the request's filters.
                     httplib::Request paged = req;
                     paged.params.erase("page");
                     paged.params.erase("per_page");
                     paged.params.emplace("per_page", std::to_string(bulk.max_per_page));
                     Json items = Json::array();
                     for (int64_t page = 1;; ++page) {
                       paged.params.erase("page");
                       paged.params.emplace("page", std::to_string(page));
                       INSPIRE_ASSIGN_OR_RETURN(Json list, crud.list(db, paged));
                       for (Json& record : list["items"]) items.push_back(std::move(record));
                       if (static_cast<int64_t>(items.size()) >= list["total"].get<int64_t>() ||
                           list["items"].empty()) {
                         break;
                       }
                     }
                     return Export(req, res, std::move(items), *bulk.columns, bulk.file_name);
                   }));
    http.Post(
        base + "/import",
        Route(true,
              [crud, bulk](store::Connection& db, const Actor& actor, const httplib::Request& req,
                           httplib::Response&) -> Reply {
                INSPIRE_ASSIGN_OR_RETURN(const hub::ImportRecords records,
                                         ImportBody(req, *bulk.columns));
                INSPIRE_ASSIGN_OR_RETURN(
                    Json report,
                    hub::ApplyImport(
                        records, [&](const Json& fields) { return crud.create(db, actor, fields); },
                        [&](int64_t id, const Json& fields) {
                          return crud.update(db, actor, id, fields);
                        }));
                return std::pair{200, std::move(report)};
              }));
  }
  http.Get(base, Route(
                     false,
                     [crud](store::Connection& db, const Actor&, const httplib::Request& req,
                            httplib::Response&) -> Reply {
                       INSPIRE_ASSIGN_OR_RETURN(Json list, crud.list(db, req));
                       return std::pair{200, std::move(list)};
                     },
                     true));
  http.Post(base, Route(true,
                        [crud](store::Connection& db, const Actor& actor,
                               const httplib::Request& req, httplib::Response&) -> Reply {
                          INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                          INSPIRE_ASSIGN_OR_RETURN(Json created, crud.create(db, actor, body));
                          return std::pair{201, std::move(created)};
                        }));
  http.Get(item, Route(
                     false,
                     [crud](store::Connection& db, const Actor&, const httplib::Request& req,
                            httplib::Response&) -> Reply {
                       INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                       INSPIRE_ASSIGN_OR_RETURN(Json record, crud.get(db, id));
                       return std::pair{200, std::move(record)};
                     },
                     true));
  http.Patch(item, Route(true,
                         [crud](store::Connection& db, const Actor& actor,
                                const httplib::Request& req, httplib::Response&) -> Reply {
                           INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                           INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                           INSPIRE_ASSIGN_OR_RETURN(Json record, crud.update(db, actor, id, body));
                           return std::pair{200, std::move(record)};
                         }));
  http.Delete(item, Route(true,
                          [crud](store::Connection& db, const Actor& actor,
                                 const httplib::Request& req, httplib::Response&) -> Reply {
                            INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                            INSPIRE_RETURN_IF_ERROR(crud.remove(db, actor, id));
                            return std::pair{204, Json()};
                          }));
}

namespace {

// The signed-in user of a browser request and the session's CSRF token.
core::Result<std::pair<Actor, std::string>> BrowserSession(store::Connection& db,
                                                           const httplib::Request& req) {
  const std::string token = CookieValue(req, kSessionCookie);
  if (token.empty()) return Fail(ErrorCode::kUnauthenticated, "sign in first");
  return hub::ActorFromSession(db, token);
}

void SendHtml(httplib::Response& res, const core::Result<Page>& page, const std::string& email) {
  auto html = page ? RenderDocument(*page, email) : core::Result<std::string>("");
  res.status = page ? page->status : 500;
  res.set_content(html ? *html : std::string("The server failed; the error is logged."),
                  "text/html; charset=utf-8");
}

}  // namespace

void Server::Impl::AddForms(const FormRoutes& routes) {
  // Renders the form (new when id is 0) with values and an error.
  const auto show = [routes](httplib::Response& res, store::Connection& db,
                             const std::pair<Actor, std::string>& session, int64_t id,
                             const Json& values, const core::Error& error, int status) {
    FormSpec spec = routes.spec(db);
    spec.action = routes.new_path;
    if (id != 0) {
      spec.action = routes.edit_pattern;
      spec.action.replace(spec.action.find("([^/]+)"), 7, std::to_string(id));
    }
    auto main = RenderForm(spec, values, session.second, error);
    if (!main) return SendHtml(res, tl::unexpected(main.error()), session.first.email);
    SendHtml(res, Page{status, spec.title, *main, ""}, session.first.email);
  };
  const auto handle = [this, routes, show](const httplib::Request& req, httplib::Response& res,
                                           bool editing) {
    try {
      auto lease = pool->Acquire();
      store::Connection& db = *lease;
      auto session = BrowserSession(db, req);
      if (!session) return res.set_redirect("/login", 303);
      int64_t id = 0;
      if (editing) {
        const std::string text = req.matches[1];
        if (std::from_chars(text.data(), text.data() + text.size(), id).ptr !=
            text.data() + text.size()) {
          return SendHtml(res, ErrorPage(404, "There is no such record."), session->first.email);
        }
      }
      if (req.method == "GET") {
        Json values = Json::object();
        if (editing) {
          auto record = routes.get(db, id);
          if (!record) {
            return SendHtml(res, ErrorPage(StatusFor(record.error().code), record.error().message),
                            session->first.email);
          }
          values = *record;
        } else {
          for (const auto& [name, value] : req.params) values[name] = value;  // prefilled
        }
        return show(res, db, *session, id, values, core::Error{}, 200);
      }
      if (req.get_param_value("csrf_token") != session->second) {
        return SendHtml(res, ErrorPage(403, UiStrings().value("csrf_failed", "")),
                        session->first.email);
      }
      const FormSpec spec = routes.spec(db);
      const Json fields = FieldsFromForm(spec, req.params);
      auto saved = store::InTransaction<Json>(db, [&](store::Connection& c) {
        return editing ? routes.update(c, session->first, id, fields)
                       : routes.create(c, session->first, fields);
      });
      if (!saved) {
        return show(res, db, *session, id, fields, saved.error(), StatusFor(saved.error().code));
      }
      if (auto current = hub::DataVersion(db)) RaiseVersion(*current);
      res.set_redirect(routes.after(*saved), 303);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "inspire serve: %s\n", e.what());
      SendHtml(res, ErrorPage(500, "The server failed; the error is logged."), "");
    }
  };
  http.Get(routes.new_path, [handle](const httplib::Request& req, httplib::Response& res) {
    handle(req, res, false);
  });
  http.Post(routes.new_path, [handle](const httplib::Request& req, httplib::Response& res) {
    handle(req, res, false);
  });
  if (!routes.edit_pattern.empty()) {
    http.Get(routes.edit_pattern, [handle](const httplib::Request& req, httplib::Response& res) {
      handle(req, res, true);
    });
    http.Post(routes.edit_pattern, [handle](const httplib::Request& req, httplib::Response& res) {
      handle(req, res, true);
    });
  }
}

void Server::Impl::SetUpForms() {
  const auto organizations = [](store::Connection& db) {
    auto names = hub::OrganizationNames(db);
    return names ? *names : std::map<int64_t, std::string>();
  };
  AddForms(
      {"/members/new", R"(/members/([^/]+)/edit)",
       [this](store::Connection&) { return OrganizationForm(*catalogue); },
       [this](store::Connection& db, const Actor& actor, const Json& fields) {
         return hub::CreateOrganization(db, *catalogue, actor, fields);
       },
       hub::GetOrganization,
       [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
         return hub::UpdateOrganization(db, *catalogue, actor, id, fields);
       },
       [](const Json& record) { return fmt::format("/members/{}", record["id"].get<int64_t>()); }});
  AddForms({"/activities/new", R"(/activities/([^/]+)/edit)",
            [this, organizations](store::Connection& db) {
              return ActivityForm(*catalogue, organizations(db));
            },
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateActivity(db, *catalogue, actor, fields);
            },
            hub::GetActivity,
            [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
              return hub::UpdateActivity(db, *catalogue, actor, id, fields);
            },
            [](const Json& record) {
              return fmt::format("/activities?country={}", record["country"].get<std::string>());
            }});
  AddForms({"/coordination/needs/new", R"(/coordination/needs/([^/]+)/edit)",
            [this, organizations](store::Connection& db) {
              return NeedForm(*catalogue, organizations(db));
            },
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateNeed(db, *catalogue, actor, fields);
            },
            hub::GetNeed,
            [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
              return hub::UpdateNeed(db, *catalogue, actor, id, fields);
            },
            [](const Json&) { return std::string("/coordination"); }});
  AddForms({"/coordination/offers/new", R"(/coordination/offers/([^/]+)/edit)",
            [this, organizations](store::Connection& db) {
              return OfferForm(*catalogue, organizations(db));
            },
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateOffer(db, *catalogue, actor, fields);
            },
            hub::GetOffer,
            [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
              return hub::UpdateOffer(db, *catalogue, actor, id, fields);
            },
            [](const Json&) { return std::string("/coordination"); }});
  AddForms({"/targets/new", R"(/targets/([^/]+)/edit)",
            [this](store::Connection&) { return TargetForm(*catalogue); },
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateTarget(db, *catalogue, actor, fields);
            },
            hub::GetTarget,
            [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
              return hub::UpdateTarget(db, *catalogue, actor, id, fields);
            },
            [](const Json& record) {
              return fmt::format("/countries/{}", record["country"].get<std::string>());
            }});
  AddForms({"/admin/users/new", "",
            [this, organizations](store::Connection& db) {
              return UserForm(organizations(db), *catalogue);
            },
            [](store::Connection& db, const Actor& actor, const Json& fields) {
              hub::NewUser user;
              user.email = fields.value("email", "");
              user.password = fields.value("password", "");
              user.role = fields.value("role", "");
              if (fields.contains("organization_id") &&
                  fields["organization_id"].is_number_integer()) {
                user.organization = fields["organization_id"].get<int64_t>();
              }
              if (fields.contains("country") && fields["country"].is_string()) {
                user.country_iso3 = fields["country"];
              }
              return hub::CreateUser(db, actor, user);
            },
            nullptr, nullptr, [](const Json&) { return std::string("/admin"); }});
  // Staff mark a match from the coordination page.
  http.Post(R"(/coordination/needs/([^/]+)/match)", [this](const httplib::Request& req,
                                                           httplib::Response& res) {
    auto lease = pool->Acquire();
    auto session = BrowserSession(*lease, req);
    if (!session) return res.set_redirect("/login", 303);
    if (req.get_param_value("csrf_token") != session->second) {
      return SendHtml(res, ErrorPage(403, UiStrings().value("csrf_failed", "")),
                      session->first.email);
    }
    int64_t need = 0;
    int64_t offer = 0;
    const std::string need_text = req.matches[1];
    const std::string offer_text = req.get_param_value("offer_id");
    std::from_chars(need_text.data(), need_text.data() + need_text.size(), need);
    std::from_chars(offer_text.data(), offer_text.data() + offer_text.size(), offer);
    auto marked = store::InTransaction<Json>(*lease, [&](store::Connection& c) {
      return hub::MarkMatch(c, *catalogue, session->first, need, offer);
    });
    if (!marked) {
      return SendHtml(res, ErrorPage(StatusFor(marked.error().code), marked.error().message),
                      session->first.email);
    }
    if (auto current = hub::DataVersion(*lease)) RaiseVersion(*current);
    res.set_redirect("/coordination", 303);
  });
  http.Get("/account", [this](const httplib::Request& req, httplib::Response& res) {
    auto lease = pool->Acquire();
    auto session = BrowserSession(*lease, req);
    if (!session) return res.set_redirect("/login", 303);
    SendHtml(res, AccountPage(*lease, *catalogue, session->first, session->second),
             session->first.email);
  });
  http.Get("/admin", [this](const httplib::Request& req, httplib::Response& res) {
    auto lease = pool->Acquire();
    auto session = BrowserSession(*lease, req);
    if (!session) return res.set_redirect("/login", 303);
    PageInput input;
    input.query.insert(req.params.begin(), req.params.end());
    input.signed_in = true;
    input.csrf = session->second;
    auto page = AdminPage(*lease, *catalogue, input, session->first);
    if (!page) page = ErrorPage(StatusFor(page.error().code), page.error().message);
    SendHtml(res, page, session->first.email);
  });
}

void Server::Impl::SetUpPages() {
  SetUpForms();
  http.Get("/", PageRoute(HomePage));
  http.Get(R"(/countries/([^/]+))", PageRoute(CountryPage));
  http.Get(R"(/indicators/([^/]+))", PageRoute(IndicatorPage));
  http.Get(R"(/strategies/([^/]+))", PageRoute(StrategyPage));
  http.Get(R"(/approaches/([^/]+))", PageRoute(ApproachPage));
  http.Get("/members", PageRoute(MembersPage));
  http.Get(R"(/members/([^/]+))", PageRoute(MemberPage));
  http.Get("/activities", PageRoute(ActivitiesPage));
  http.Get("/coordination", PageRoute(CoordinationPage));
  http.Get("/static/style.css", [](const httplib::Request& req, httplib::Response& res) {
    static const std::string css(EmbeddedFile("static/style.css").value_or(""));
    static const std::string etag = fmt::format("\"{:x}\"", std::hash<std::string>{}(css));
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "public, max-age=86400");
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    res.set_content(css, "text/css; charset=utf-8");
  });
  http.Get("/login", [](const httplib::Request&, httplib::Response& res) {
    SendHtml(res, LoginPage("", ""), "");
  });
  // The sign-in form (no script needed): a session cookie and back to the overview, or the
  // form again with the reason.
  http.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string email = req.get_param_value("email");
    auto lease = pool->Acquire();
    auto session = hub::SignIn(*lease, email, req.get_param_value("password"), req.remote_addr);
    if (!session) {
      auto page = LoginPage(session.error().message, email);
      if (page) page->status = StatusFor(session.error().code);
      return SendHtml(res, page, "");
    }
    res.set_header("Set-Cookie", fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}",
                                             kSessionCookie, session->token, hub::kSessionSeconds));
    res.set_redirect("/", 303);
  });
  http.Post("/logout", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string token = CookieValue(req, kSessionCookie);
    if (!token.empty()) {
      auto lease = pool->Acquire();
      (void)hub::SignOut(*lease, token);
    }
    res.set_header("Set-Cookie", fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0",
                                             kSessionCookie));
    res.set_redirect("/", 303);
  });
}

void Server::Impl::SetUpRoutes() {
  SetUpPages();
  const auto ok = [](Json body) -> core::Result<std::pair<int, Json>> {
    return std::pair{200, std::move(body)};
  };
  http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, {{"status", "ok"}});
  });
  const std::string openapi = OpenApiDocument().dump() + "\n";
  http.Get("/api/v1/openapi.json", [openapi](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=3600");
    res.set_content(openapi, "application/json; charset=utf-8");
  });

  // Sessions.
  // Not in a transaction: a failed sign-in must leave its attempt recorded for the rate limit.
  http.Post(
      "/api/v1/session",
      Route(false,
            [](store::Connection& db, const Actor&, const httplib::Request& req,
               httplib::Response& res) -> core::Result<std::pair<int, Json>> {
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
              res.set_header("Set-Cookie",
                             fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}",
                                         kSessionCookie, session.token, hub::kSessionSeconds));
              return std::pair{201, Json{{"user", session.user}, {"csrf_token", session.csrf}}};
            }));
  http.Get("/api/v1/session",
           Route(false,
                 [](store::Connection& db, const Actor& actor, const httplib::Request&,
                    httplib::Response&) -> core::Result<std::pair<int, Json>> {
                   if (!actor.user_id) return Fail(ErrorCode::kUnauthenticated, "not signed in");
                   INSPIRE_ASSIGN_OR_RETURN(Json user, hub::GetUser(db, actor, *actor.user_id));
                   return std::pair{200, Json{{"user", user}}};
                 }));
  http.Delete("/api/v1/session",
              Route(true,
                    [](store::Connection& db, const Actor&, const httplib::Request& req,
                       httplib::Response& res) -> core::Result<std::pair<int, Json>> {
                      const std::string token = CookieValue(req, kSessionCookie);
                      if (!token.empty()) INSPIRE_RETURN_IF_ERROR(hub::SignOut(db, token));
                      res.set_header("Set-Cookie", fmt::format("{}=; HttpOnly; SameSite=Strict; "
                                                               "Path=/; Max-Age=0",
                                                               kSessionCookie));
                      return std::pair{204, Json()};
                    }));

  // Organisations and activities: list, create, read, edit, delete.
  AddCrud("/api/v1/organizations",
          {[](store::Connection& db, const httplib::Request& req) -> core::Result<Json> {
             hub::ListQuery query;
             query.type = req.get_param_value("type");
             query.wg_role = req.get_param_value("wg_role");
             query.country = req.get_param_value("country");
             query.q = req.get_param_value("q");
             if (req.has_param("sort")) query.sort = req.get_param_value("sort");
             INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(req, "page", 1));
             INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(req, "per_page", 50));
             return hub::ListOrganizations(db, query);
           },
           hub::GetOrganization,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateOrganization(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateOrganization(db, *catalogue, actor, id, body);
           },
           hub::DeleteOrganization},
          {&hub::OrganizationColumns(), 200, "organizations"});
  AddCrud("/api/v1/activities",
          {[](store::Connection& db, const httplib::Request& req) -> core::Result<Json> {
             hub::ActivityQuery query;
             query.country = req.get_param_value("country");
             query.approach = req.get_param_value("approach");
             query.strategy = req.get_param_value("strategy");
             query.status = req.get_param_value("status");
             query.organization_type = req.get_param_value("organization_type");
             if (req.has_param("sort")) query.sort = req.get_param_value("sort");
             INSPIRE_ASSIGN_OR_RETURN(query.organization, IntParam(req, "organization", 0));
             INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(req, "page", 1));
             INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(req, "per_page", 50));
             return hub::ListActivities(db, query);
           },
           hub::GetActivity,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateActivity(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateActivity(db, *catalogue, actor, id, body);
           },
           hub::DeleteActivity},
          {&hub::ActivityColumns(), 500, "activities"});

  // Coordination: needs, offers, and matches between them.
  const auto coordination_query =
      [](const httplib::Request& req) -> core::Result<hub::CoordinationQuery> {
    hub::CoordinationQuery query;
    query.country = req.get_param_value("country");
    query.approach = req.get_param_value("approach");
    query.kind = req.get_param_value("kind");
    query.status = req.get_param_value("status");
    INSPIRE_ASSIGN_OR_RETURN(query.organization, IntParam(req, "organization", 0));
    INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(req, "page", 1));
    INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(req, "per_page", 50));
    return query;
  };
  AddCrud("/api/v1/needs",
          {[this, coordination_query](store::Connection& db,
                                      const httplib::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, coordination_query(req));
             return hub::ListNeeds(db, *catalogue, query);
           },
           hub::GetNeed,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateNeed(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateNeed(db, *catalogue, actor, id, body);
           },
           hub::DeleteNeed});
  AddCrud("/api/v1/offers",
          {[this, coordination_query](store::Connection& db,
                                      const httplib::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, coordination_query(req));
             return hub::ListOffers(db, *catalogue, query);
           },
           hub::GetOffer,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateOffer(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateOffer(db, *catalogue, actor, id, body);
           },
           hub::DeleteOffer});
  AddCrud("/api/v1/targets",
          {[](store::Connection& db, const httplib::Request& req) -> core::Result<Json> {
             hub::TargetQuery query;
             query.country = req.get_param_value("country");
             query.indicator = req.get_param_value("indicator");
             INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(req, "page", 1));
             INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(req, "per_page", 100));
             return hub::ListTargets(db, query);
           },
           hub::GetTarget,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateTarget(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateTarget(db, *catalogue, actor, id, body);
           },
           hub::DeleteTarget});
  http.Get(R"(/api/v1/needs/([^/]+)/matches)",
           Route(
               false,
               [this, ok](store::Connection& db, const Actor&, const httplib::Request& req,
                          httplib::Response&) -> core::Result<std::pair<int, Json>> {
                 INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                 INSPIRE_ASSIGN_OR_RETURN(Json candidates,
                                          hub::CandidateOffers(db, *catalogue, id));
                 return ok(std::move(candidates));
               },
               true));
  http.Post(R"(/api/v1/needs/([^/]+)/matches)",
            Route(true,
                  [this](store::Connection& db, const Actor& actor, const httplib::Request& req,
                         httplib::Response&) -> core::Result<std::pair<int, Json>> {
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

  // Users (admin).
  http.Get("/api/v1/users",
           Route(false,
                 [ok](store::Connection& db, const Actor& actor, const httplib::Request&,
                      httplib::Response&) -> core::Result<std::pair<int, Json>> {
                   INSPIRE_ASSIGN_OR_RETURN(Json users, hub::ListUsers(db, actor));
                   return ok(std::move(users));
                 }));
  http.Post(
      "/api/v1/users",
      Route(true,
            [](store::Connection& db, const Actor& actor, const httplib::Request& req,
               httplib::Response&) -> core::Result<std::pair<int, Json>> {
              INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
              if (!body.is_object()) {
                return Fail(ErrorCode::kValidation, "the body must be a JSON object");
              }
              hub::NewUser user;
              user.email = body.value("email", "");
              user.password = body.value("password", "");
              user.role = body.value("role", "");
              if (body.contains("organization_id") && body["organization_id"].is_number_integer()) {
                user.organization = body["organization_id"].get<int64_t>();
              }
              user.country_iso3 = body.value("country", "");
              INSPIRE_ASSIGN_OR_RETURN(Json created, hub::CreateUser(db, actor, user));
              return std::pair{201, std::move(created)};
            }));
  http.Get(R"(/api/v1/users/([^/]+))",
           Route(false,
                 [ok](store::Connection& db, const Actor& actor, const httplib::Request& req,
                      httplib::Response&) -> core::Result<std::pair<int, Json>> {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(Json user, hub::GetUser(db, actor, id));
                   return ok(std::move(user));
                 }));
  http.Delete(R"(/api/v1/users/([^/]+))",
              Route(true,
                    [](store::Connection& db, const Actor& actor, const httplib::Request& req,
                       httplib::Response&) -> core::Result<std::pair<int, Json>> {
                      INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                      INSPIRE_RETURN_IF_ERROR(hub::DeleteUser(db, actor, id));
                      return std::pair{204, Json()};
                    }));

  // Estimates: publish a file of `inspire estimate --format json`, and query.
  http.Post(
      "/api/v1/estimates",
      Route(
          true,
          [this](store::Connection& db, const Actor& actor, const httplib::Request& req,
                 httplib::Response&) -> core::Result<std::pair<int, Json>> {
            hub::PublishRequest request;
            request.country = req.get_param_value("country");
            INSPIRE_ASSIGN_OR_RETURN(request.year, IntParam(req, "year", 0));
            request.source = req.get_param_value("source");
            request.replace = req.get_param_value("replace") == "true";
            if (req.get_header_value("Content-Type").rfind("text/csv", 0) == 0) {
              // The CSV of `inspire estimate`: its rows, without the JSON's provenance.
              INSPIRE_ASSIGN_OR_RETURN(
                  const hub::ImportRecords rows,
                  hub::RecordsFromCsv(req.body, hub::EstimateColumns(), "the CSV body"));
              request.file = Json{{"provenance", {{"format", "csv"}}}, {"estimates", rows.records}};
            } else {
              INSPIRE_ASSIGN_OR_RETURN(request.file, Body(req));
            }
            INSPIRE_ASSIGN_OR_RETURN(Json summary,
                                     hub::PublishEstimates(db, *catalogue, actor, request));
            return std::pair{201, std::move(summary)};
          }));
  const auto list_estimates =
      [ok](store::Connection& db, const httplib::Request& req,
           const std::string& country) -> core::Result<std::pair<int, Json>> {
    hub::EstimateQuery query;
    query.indicator = req.get_param_value("indicator");
    query.country = country;
    query.domain = req.get_param_value("domain");
    INSPIRE_ASSIGN_OR_RETURN(query.year, IntParam(req, "year", 0));
    INSPIRE_ASSIGN_OR_RETURN(query.limit, IntParam(req, "limit", 1000));
    INSPIRE_ASSIGN_OR_RETURN(query.offset, IntParam(req, "offset", 0));
    INSPIRE_ASSIGN_OR_RETURN(Json list, hub::ListEstimates(db, query));
    return ok(std::move(list));
  };
  http.Get("/api/v1/estimates/export",
           Route(false,
                 [](store::Connection& db, const Actor&, const httplib::Request& req,
                    httplib::Response& res) -> core::Result<std::pair<int, Json>> {
                   hub::EstimateQuery query;
                   query.indicator = req.get_param_value("indicator");
                   query.country = req.get_param_value("country");
                   query.domain = req.get_param_value("domain");
                   INSPIRE_ASSIGN_OR_RETURN(query.year, IntParam(req, "year", 0));
                   query.limit = 10000;
                   Json items = Json::array();
                   for (;; query.offset += query.limit) {
                     INSPIRE_ASSIGN_OR_RETURN(Json list, hub::ListEstimates(db, query));
                     for (Json& row : list["items"]) items.push_back(std::move(row));
                     if (static_cast<int64_t>(items.size()) >= list["total"].get<int64_t>() ||
                         list["items"].empty()) {
                       break;
                     }
                   }
                   return Export(req, res, std::move(items), hub::EstimateColumns(), "estimates");
                 }));
  http.Get("/api/v1/estimates",
           Route(
               false,
               [list_estimates](store::Connection& db, const Actor&, const httplib::Request& req,
                                httplib::Response&) {
                 return list_estimates(db, req, req.get_param_value("country"));
               },
               true));
  http.Get(
      R"(/api/v1/countries/([^/]+)/estimates)",
      Route(
          false,
          [this, list_estimates](store::Connection& db, const Actor&, const httplib::Request& req,
                                 httplib::Response&) -> core::Result<std::pair<int, Json>> {
            const catalogue::Country* country = catalogue->FindCountry(std::string(req.matches[1]));
            if (country == nullptr) {
              return Fail(ErrorCode::kNotFound, fmt::format("no country with the code '{}'",
                                                            std::string(req.matches[1])));
            }
            return list_estimates(db, req, country->iso3);
          },
          true));

  // Audit (admin and secretariat).
  http.Get("/api/v1/audit",
           Route(false,
                 [ok](store::Connection& db, const Actor& actor, const httplib::Request& req,
                      httplib::Response&) -> core::Result<std::pair<int, Json>> {
                   hub::AuditQuery query;
                   query.entity = req.get_param_value("entity");
                   query.entity_id = req.get_param_value("entity_id");
                   INSPIRE_ASSIGN_OR_RETURN(query.limit, IntParam(req, "limit", 100));
                   INSPIRE_ASSIGN_OR_RETURN(query.offset, IntParam(req, "offset", 0));
                   if (query.limit < 1 || query.limit > 1000 || query.offset < 0) {
                     return FailField(ErrorCode::kInvalidArgument, "limit",
                                      "limit must be 1 to 1000 and offset at least 0");
                   }
                   INSPIRE_ASSIGN_OR_RETURN(Json audit, hub::ListAudit(db, actor, query));
                   return ok(std::move(audit));
                 }));

  // Countries and the catalogue (public, from memory).
  http.Get("/api/v1/countries", [this](const httplib::Request&, httplib::Response& res) {
    Json items = Json::array();
    for (const auto& country : catalogue->countries()) items.push_back(catalogue::ToJson(country));
    SendJson(res, 200, {{"items", items}, {"total", items.size()}});
  });
  http.Get(
      R"(/api/v1/countries/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
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
           [this](const httplib::Request& req, httplib::Response& res) {
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

  // Errors httplib raises itself (no route, body too large, malformed request) get the same
  // JSON error body as ours.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404 && req.path.rfind("/api/", 0) != 0) {
      const Page page = ErrorPage(404, UiStrings().value("not_found", "There is no such page."));
      auto html = RenderDocument(page, "");
      res.set_content(html ? *html : page.main, "text/html; charset=utf-8");
      return;
    }
    ErrorCode code = ErrorCode::kInvalidArgument;
    std::string message = "the request is malformed";
    if (res.status == 404) {
      code = ErrorCode::kNotFound;
      message = "no such path; the API lives under /api/v1";
    } else if (res.status == 413) {
      code = ErrorCode::kTooLarge;
      message = "the request body is too large";
    } else if (res.status == 405) {
      message = "this method is not allowed here";
    }
    const int status = res.status;
    SendError(res, core::Error{code, message, {}});
    if (status == 405 || status == 400) res.status = status;
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
    INSPIRE_ASSIGN_OR_RETURN(auto connection, store::Open(options.db));
    INSPIRE_RETURN_IF_ERROR(store::Migrate(*connection));
  }
  INSPIRE_ASSIGN_OR_RETURN(impl->pool, store::Pool::Open(options.db, options.db_connections));
  // A keep-alive connection holds its thread between requests, so threads outnumber the
  // connections a client opens; database connections are fewer and shared.
  const size_t threads = options.threads;
  impl->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl->http.set_tcp_nodelay(true);  // small answers go out at once, not after a delayed ACK
  impl->http.set_payload_max_length(options.max_body_bytes);
  impl->http.set_keep_alive_max_count(1000);
  impl->SetUpRoutes();
  if (options.db.rfind("postgres", 0) == 0) {
    Impl* raw = impl.get();
    impl->watcher = std::thread([raw] { raw->WatchDataVersion(); });
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

core::Result<int> Server::Bind() {
  Impl& impl = *impl_;
  if (impl.options.port == 0) {
    impl.bound_port = impl.http.bind_to_any_port(impl.options.host);
  } else if (impl.http.bind_to_port(impl.options.host, impl.options.port)) {
    impl.bound_port = impl.options.port;
  }
  if (impl.bound_port <= 0) {
    return Fail(ErrorCode::kIo, fmt::format("cannot listen on {}:{} (in use, or not an address "
                                            "of this machine)",
                                            impl.options.host, impl.options.port));
  }
  return impl.bound_port;
}

void Server::Run() { impl_->http.listen_after_bind(); }

void Server::Stop() { impl_->http.stop(); }

}  // namespace inspire::web
