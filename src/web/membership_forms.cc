// The browser forms of membership, without script: applying (any signed-in user), and the
// buttons of /membership: staff move an application on or decline it with a reason and close
// votes, working-group members vote. Each goes back to /membership; a refusal is shown as an
// error page saying why.
#include "hub/membership.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

constexpr const char* kMembership = "/membership";

}  // namespace

void Server::Impl::SetUpMembershipForms() {
  AddForms({"/membership/applications/new", "",
            FormOf(hub::ApplicationFields(), "form_application"),
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateApplication(db, *catalogue, actor, fields);
            },
            nullptr, nullptr, [](const Json&) { return std::string(kMembership); }});
  // One handler per button: the hub does the work in a transaction and decides who may.
  const auto button =
      [this](const std::function<core::Result<Json>(store::Connection&, const Actor&, int64_t,
                                                    const http::Request&)>& act) {
        return SignedInRoute([this, act](store::Connection& db, const BrowserUser& user,
                                         const http::Request& req, http::Response& res) {
          const int64_t id = PathId(req).value_or(0);
          const auto done =
              Save(db, [&](store::Connection& c) { return act(c, user.actor, id, req); });
          if (!done) return SendHtml(res, tl::unexpected(done.error()), user.viewer());
          res.set_redirect(kMembership, 303);
        });
      };
  http.Post(
      R"(/membership/applications/([^/]+)/vote)",
      button([](store::Connection& db, const Actor& actor, int64_t id, const http::Request& req) {
        return hub::CastVote(db, actor, id, req.get_param_value("vote"));
      }));
  http.Post(R"(/membership/applications/([^/]+)/move)",
            button([this](store::Connection& db, const Actor& actor, int64_t id,
                          const http::Request& req) {
              return hub::MoveApplication(db, *catalogue, actor, id, req.get_param_value("to"),
                                          req.get_param_value("note"));
            }));
  http.Post(
      R"(/membership/applications/([^/]+)/close)",
      button([this](store::Connection& db, const Actor& actor, int64_t id, const http::Request&) {
        return hub::CloseVote(db, *catalogue, actor, id);
      }));
}

}  // namespace inspire::web
