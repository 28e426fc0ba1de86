// The browser forms of requests routed: staff assign a need (from the coordination page, the need
// prefilled) and change an assignment; both sides add updates on the assignment's page, which a
// refused update comes back to with the reason at its top.
#include "hub/assignments.h"
#include "web/assignment_pages.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

std::string AssignmentPath(int64_t id) { return fmt::format("/assignments/{}", id); }

}  // namespace

void Server::Impl::SetUpAssignmentForms() {
  AddForms({"/assignments/new", R"(/assignments/([^/]+)/edit)",
            FormOf(hub::AssignmentFields(), "form_assignment"),
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateAssignment(db, *catalogue, actor, fields);
            },
            nullptr,
            [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
              return hub::UpdateAssignment(db, *catalogue, actor, id, fields);
            },
            [](const Json& made) { return AssignmentPath(made["id"].get<int64_t>()); },
            hub::GetAssignment});
  http.Get(R"(/assignments/([^/]+))",
           SignedInRoute([this](store::Connection& db, const BrowserUser& user,
                                const http::Request& req, http::Response& res) {
             const int64_t id = PathId(req).value_or(0);
             SendHtml(res, AssignmentPage(db, *catalogue, user.actor, id, user.csrf, ""),
                      user.viewer());
           }));
  http.Post(R"(/assignments/([^/]+)/updates)",
            SignedInRoute([this](store::Connection& db, const BrowserUser& user,
                                 const http::Request& req, http::Response& res) {
              const int64_t id = PathId(req).value_or(0);
              const auto done = Save(db, [&](store::Connection& c) {
                return hub::AddAssignmentUpdate(c, user.actor, id, req.get_param_value("status"),
                                                req.get_param_value("note"));
              });
              if (done) return res.set_redirect(AssignmentPath(id), 303);
              const auto [shown, status] = FormError(res, done.error());
              auto page = AssignmentPage(db, *catalogue, user.actor, id, user.csrf, shown.message);
              if (page) page->status = status;
              SendHtml(res, page, user.viewer());
            }));
}

}  // namespace inspire::web
