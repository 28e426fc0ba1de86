// The request pipeline: the one way every route of the API, the pages and the forms passes
// (cache, connection, actor, unit of work, data version, answer, failure).
#include "hub/write.h"
#include "web/multipart.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

// No credential of any kind: the answer depends only on the URL and the data.
bool Anonymous(const http::Request& req) {
  return !req.has_header("Authorization") && CookieValue(req, kSessionCookie).empty();
}

bool DryRun(const http::Request& req) { return req.get_param_value("dry_run") == "true"; }

// The CSRF token a form sent: its csrf_token field, in a urlencoded or a multipart body.
std::string FormCsrf(const http::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (!IsMultipart(type)) return req.get_param_value("csrf_token");
  const auto fields = MultipartFields(type, req.body);
  if (!fields) return "";
  const auto token = fields->find("csrf_token");
  return token == fields->end() ? "" : token->second;
}

// Tells `error` as the route's kind of answer: a JSON error body or an HTML error page.
void Tell(http::Response& res, const core::Error& error, bool page) {
  if (page) return SendHtml(res, tl::unexpected(error), Viewer{});
  SendError(res, error);
}

// Runs `pass`; an exception it throws is told like any failure. A JSON value of an unexpected
// type that a check missed is the client's mistake (our words; the library's go to the log);
// any other exception is a server fault.
template <typename Pass>
void Guarded(const http::Request& req, http::Response& res, bool page, const Pass& pass) {
  try {
    pass();
  } catch (const nlohmann::json::exception& e) {
    std::fprintf(stderr, "inspire serve: %s %s: %s\n", req.method.c_str(), req.path.c_str(),
                 e.what());
    Tell(res,
         core::Error{ErrorCode::kInvalidArgument,
                     "a value in the request has the wrong type for its field; "
                     "/api/v1/openapi.json gives the type of every field",
                     {}},
         page);
  } catch (const std::exception& e) {
    Tell(res, core::Error{ErrorCode::kInternal, e.what(), {}}, page);
  }
}

// One request on its way: its part of the response cache and its leased connection (taken on
// first use, returned when the passage ends).
class Passage {
 public:
  // `cached`: the route is RouteKind::kCachedRead; the cache serves anonymous requests only.
  Passage(ResponseCache& cache, hub::ConnectionPool& pool,
          const std::atomic<int64_t>& pushed_version, const http::Request& req, http::Response& res,
          bool cached)
      : cache_(cache),
        pool_(pool),
        pushed_version_(pushed_version),
        req_(req),
        res_(res),
        caching_(cached && Anonymous(req)) {}

  // True when the cache answered: with the version PostgreSQL pushed, without any query; else
  // with the version the database gives.
  bool AnsweredFromCache() {
    if (!caching_) return false;
    version_ = pushed_version_.load();
    if (version_ < 0) {
      const auto current = hub::DataVersion(Db());
      if (!current) return false;
      version_ = *current;
    }
    return Serve();
  }

  store::Connection& Db() {
    if (!lease_) lease_.emplace(pool_.Acquire());
    return **lease_;
  }

  // Keeps a 200 answer in the cache under the version it was made from, with its ETag.
  void Keep() {
    if (!caching_ || version_ < 0 || res_.status != 200) return;
    const std::string etag =
        fmt::format("\"v{}-{:x}\"", version_, std::hash<std::string>{}(res_.body));
    res_.set_header("ETag", etag);
    res_.set_header("Cache-Control", "no-cache");
    cache_.Put(CacheKey(req_),
               {version_, res_.status, res_.body, etag, res_.get_header_value("Content-Type")});
  }

 private:
  // The cached answer when the data has not changed since it was made and the URL was asked
  // before (a first request only marks it); a bodiless 304 for a matching If-None-Match.
  bool Serve() {
    const auto entry = cache_.Find(CacheKey(req_), version_);
    if (!entry) return false;
    const bool revalidating = req_.get_header_value("If-None-Match") == entry->etag;
    if (!entry->whole && !revalidating) return false;
    res_.set_header("ETag", entry->etag);
    res_.set_header("Cache-Control", "no-cache");
    if (revalidating) {
      res_.status = 304;
      return true;
    }
    res_.status = entry->status;
    res_.set_content(entry->body, entry->content_type);
    return true;
  }

  ResponseCache& cache_;
  hub::ConnectionPool& pool_;
  const std::atomic<int64_t>& pushed_version_;
  const http::Request& req_;
  http::Response& res_;
  const bool caching_;
  int64_t version_ = -1;
  std::optional<hub::PooledConnection> lease_;
};

// The handler's answer, a write in one unit of work; a dry run is rolled back and answers what
// it would have done.
Reply RunHandler(RouteKind kind, const JsonHandler& handler, store::Connection& db,
                 const Actor& actor, const http::Request& req, http::Response& res) {
  if (kind != RouteKind::kWrite) return handler(db, actor, req, res);
  const bool dry_run = DryRun(req);
  Reply outcome = hub::Write<std::pair<int, Json>>(
      db, dry_run ? hub::WriteMode::kDryRun : hub::WriteMode::kCommit,
      [&](store::Connection& c) { return handler(c, actor, req, res); });
  if (dry_run && outcome) {
    outcome->second = Json{{"dry_run", true}, {"would", outcome->second}};
    if (outcome->first == 201) outcome->first = 200;
  }
  return outcome;
}

// A handler's status and body as the response: 204 without a body; a handler that wrote its
// own body (a download) keeps it.
void Answer(http::Response& res, const std::pair<int, Json>& result) {
  if (result.first == 204) {
    res.status = 204;
    return;
  }
  if (res.body.empty()) return SendJson(res, result.first, result.second);
  res.status = result.first;
}

}  // namespace

core::Result<BrowserUser> BrowserSession(store::Connection& db, const http::Request& req) {
  const std::string token = CookieValue(req, kSessionCookie);
  if (token.empty()) return Fail(ErrorCode::kUnauthenticated, "sign in first");
  INSPIRE_ASSIGN_OR_RETURN(auto session, hub::ActorFromSession(db, token));
  return BrowserUser{std::move(session.first), std::move(session.second)};
}

http::Handler Server::Impl::Route(RouteKind kind, Handler handler) {
  return [this, kind, handler](const http::Request& req, http::Response& res) {
    Guarded(req, res, false, [&] {
      Passage passage(cache, *pool, pushed_version, req, res, kind == RouteKind::kCachedRead);
      if (passage.AnsweredFromCache()) return;
      store::Connection& db = passage.Db();
      const auto actor = Authenticate(db, req);
      if (!actor) return SendError(res, actor.error());
      const Reply result = RunHandler(kind, handler, db, *actor, req, res);
      if (!result) return SendError(res, result.error());
      if (kind == RouteKind::kWrite && !DryRun(req)) Wrote(db);
      Answer(res, *result);
      passage.Keep();
    });
  };
}

http::Handler Server::Impl::PageRoute(PageBuilder build) {
  return [this, build](const http::Request& req, http::Response& res) {
    Guarded(req, res, true, [&] {
      Passage passage(cache, *pool, pushed_version, req, res, true);
      if (passage.AnsweredFromCache()) return;
      store::Connection& db = passage.Db();
      Viewer viewer;
      PageInput input;
      if (const auto user = BrowserSession(db, req)) {  // else shown as to a visitor
        viewer = user->viewer();
        input.signed_in = true;
        input.csrf = user->csrf;
        input.actor = user->actor;
      }
      for (size_t i = 1; i < req.matches.size(); ++i) input.path.push_back(req.matches[i]);
      input.query.insert(req.params.begin(), req.params.end());
      SendHtml(res, build(db, *catalogue, input), viewer);
      passage.Keep();
    });
  };
}

http::Handler Server::Impl::SignedInRoute(SignedInHandler handler) {
  return [this, handler](const http::Request& req, http::Response& res) {
    Guarded(req, res, true, [&] {
      auto lease = pool->Acquire();
      const auto user = BrowserSession(*lease, req);
      if (!user && user.error().code == ErrorCode::kUnauthenticated) {
        return res.set_redirect("/login", 303);
      }
      if (!user) return SendHtml(res, tl::unexpected(user.error()), Viewer{});
      if (req.method == "POST" && FormCsrf(req) != user->csrf) {
        return SendHtml(res, ErrorPage(403, UiStrings().value("csrf_failed", "")), user->viewer());
      }
      handler(*lease, *user, req, res);
    });
  };
}

core::Result<Json> Server::Impl::Save(
    store::Connection& db, const std::function<core::Result<Json>(store::Connection&)>& work) {
  auto saved = hub::Write<Json>(db, work);
  if (saved) Wrote(db);
  return saved;
}

void Server::Impl::Wrote(store::Connection& db) {
  if (const auto current = hub::DataVersion(db)) RaiseVersion(*current);
}

}  // namespace inspire::web
