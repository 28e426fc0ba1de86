// The signed-in user's digest settings (/api/v1/session/subscriptions: what they follow and how
// often they hear of it) and the one-click unsubscribe link of every digest (/unsubscribe).
#include "hub/subscriptions.h"
#include "hub/write.h"
#include "web/page_text.h"
#include "web/server_impl.h"
#include "web/templates.h"

namespace inspire::web {

void Server::Impl::SetUpSubscriptions() {
  constexpr const char* kPath = "/api/v1/session/subscriptions";
  http.Get(kPath, Route(RouteKind::kRead,
                        [](store::Connection& db, const Actor& actor, const http::Request&,
                           http::Response&) -> Reply {
                          INSPIRE_ASSIGN_OR_RETURN(Json settings, hub::GetSubscriptions(db, actor));
                          return std::pair{200, std::move(settings)};
                        }));
  http.Put(kPath, Route(RouteKind::kWrite,
                        [this](store::Connection& db, const Actor& actor, const http::Request& req,
                               http::Response&) -> Reply {
                          INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                          INSPIRE_ASSIGN_OR_RETURN(
                              Json settings, hub::SetSubscriptions(db, *catalogue, actor, body));
                          return std::pair{200, std::move(settings)};
                        }));
  // A link in an e-mail: no session, no CSRF token; it can do nothing but stop the digests.
  http.Get("/unsubscribe", [this](const http::Request& req, http::Response& res) {
    auto lease = pool->Acquire();
    const auto done = hub::Write<std::string>(*lease, [&](store::Connection& c) {
      return hub::Unsubscribe(c, req.get_param_value("token"));
    });
    if (!done && done.error().code == ErrorCode::kNotFound) {
      return SendHtml(res, ErrorPage(404, Label("", "unsubscribe_unknown")), Viewer{});
    }
    if (!done) return SendHtml(res, tl::unexpected(done.error()), Viewer{});
    const std::string title = Label("", "unsubscribe_title");
    auto main = RenderTemplate(
        "message",
        {{"title", title}, {"text", FilledLabel("unsubscribe_done", {{"email", *done}})}});
    if (!main) return SendHtml(res, tl::unexpected(main.error()), Viewer{});
    SendHtml(res, Page{200, title, std::move(*main), ""}, Viewer{});
  });
}

}  // namespace inspire::web
