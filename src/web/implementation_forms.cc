// The implementation review in the browser, for signed-in users and without script: the rounds
// they may see, a round's page, its own fields' form, a form per section (saved on its own),
// the review moves, comments, and two rounds side by side. Every write goes through the hub in
// one transaction; a refusal comes back next to the field or at the top of the round's page.

#include "hub/implementation_comments.h"
#include "hub/implementation_fields.h"
#include "hub/implementation_rounds.h"
#include "hub/implementation_sections.h"
#include "hub/implementation_workbook.h"
#include "web/multipart.h"
#include "web/round_forms.h"
#include "web/round_pages.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

std::string RoundPath(int64_t id) { return "/implementation/rounds/" + std::to_string(id); }

}  // namespace

void Server::Impl::SetUpImplementationForms() {
  FormRoutes rounds{
      "/implementation/rounds/new",
      R"(/implementation/rounds/([^/]+)/edit)",
      FormOf(hub::RoundFields(), "form_round"),
      [this](store::Connection& db, const Actor& actor, const Json& fields) {
        return hub::CreateRound(db, *catalogue, actor, fields);
      },
      nullptr,
      [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
        return hub::UpdateRound(db, *catalogue, actor, id, fields);
      },
      [](const Json& round) { return RoundPath(round["id"].get<int64_t>()); }};
  rounds.get_as = [](store::Connection& db, const Actor& actor, int64_t id) {
    return hub::EditableRound(db, actor, id);
  };
  AddForms(rounds);
  http.Get("/implementation/rounds",
           SignedInRoute([this](store::Connection& db, const BrowserUser& user,
                                const http::Request& req, http::Response& res) {
             PageInput input;
             input.query.insert(req.params.begin(), req.params.end());
             SendHtml(res, RoundsPage(db, *catalogue, user.actor, input), user.viewer());
           }));
  http.Get(R"(/implementation/rounds/([^/]+))",
           SignedInRoute([this](store::Connection& db, const BrowserUser& user,
                                const http::Request& req, http::Response& res) {
             SendHtml(res,
                      RoundPage(db, *catalogue, user.actor, PathId(req).value_or(0), user.csrf, ""),
                      user.viewer());
           }));
  http.Get(R"(/implementation/rounds/([^/]+)/compare)",
           SignedInRoute([this](store::Connection& db, const BrowserUser& user,
                                const http::Request& req, http::Response& res) {
             SendHtml(res,
                      CompareRoundsPage(db, *catalogue, user.actor, PathId(req).value_or(0),
                                        RecordId(req.get_param_value("with")).value_or(0)),
                      user.viewer());
           }));
  SetUpImplementationSectionForms();
  SetUpImplementationMoves();
}

void Server::Impl::SetUpImplementationSectionForms() {
  const auto handle = [this](store::Connection& db, const BrowserUser& user,
                             const http::Request& req, http::Response& res) {
    const int64_t id = PathId(req).value_or(0);
    const std::string section = req.matches[2];
    auto round = hub::EditableRound(db, user.actor, id);
    if (!round) return SendHtml(res, tl::unexpected(round.error()), user.viewer());
    auto sections = hub::ReadSections(db, id);
    if (!sections) return SendHtml(res, tl::unexpected(sections.error()), user.viewer());
    auto form = MakeSectionForm(section, sections->value(section, Json::array()), *catalogue);
    if (!form) return SendHtml(res, tl::unexpected(form.error()), user.viewer());
    form->spec.action = RoundPath(id) + "/sections/" + section;
    form->spec.title += " · " + (*round)["label"].get<std::string>();
    const auto show = [&](const Json& values, const core::Error& error, int status) {
      auto main = RenderForm(form->spec, values, user.csrf, error);
      if (!main) return SendHtml(res, tl::unexpected(main.error()), user.viewer());
      SendHtml(res, Page{status, form->spec.title, *main, "implementation"}, user.viewer());
    };
    if (req.method == "GET") return show(SectionValues(*form, (*sections)[section]), {}, 200);
    std::vector<size_t> rows;
    const Json items = SectionItems(*form, req.params, rows);
    const auto saved = Save(db, [&](store::Connection& c) {
      return hub::SaveSection(c, *catalogue, user.actor, id, section, items);
    });
    if (saved) return res.set_redirect(RoundPath(id) + "#s-" + section, 303);
    const auto [shown, status] = FormError(res, SectionError(*form, saved.error(), rows));
    show(FieldsFromForm(form->spec, req.params), shown, status);
  };
  const std::string pattern = R"(/implementation/rounds/([^/]+)/sections/([^/]+))";
  http.Get(pattern, SignedInRoute(handle));
  http.Post(pattern, SignedInRoute(handle));
}

void Server::Impl::SetUpImplementationMoves() {
  // A move or a comment, then back to the round; a refusal is told at the top of its page.
  const auto act =
      [this](const std::function<core::Result<Json>(store::Connection&, const BrowserUser&, int64_t,
                                                    const http::Request&)>& work) {
        return SignedInRoute([this, work](store::Connection& db, const BrowserUser& user,
                                          const http::Request& req, http::Response& res) {
          const int64_t id = PathId(req).value_or(0);
          const auto done = Save(db, [&](store::Connection& c) { return work(c, user, id, req); });
          if (done) return res.set_redirect(RoundPath(id), 303);
          const auto [shown, status] = FormError(res, done.error());
          auto page = RoundPage(db, *catalogue, user.actor, id, user.csrf, shown.message);
          if (page) page->status = status;
          SendHtml(res, page, user.viewer());
        });
      };
  http.Post(R"(/implementation/rounds/([^/]+)/status)",
            act([this](store::Connection& db, const BrowserUser& user, int64_t id,
                       const http::Request& req) {
              return hub::ChangeRoundStatus(db, *catalogue, user.actor, id,
                                            req.get_param_value("to"),
                                            req.get_param_value("reason"));
            }));
  http.Post(R"(/implementation/rounds/([^/]+)/workbook)",
            act([this](store::Connection& db, const BrowserUser& user, int64_t id,
                       const http::Request& req) -> core::Result<Json> {
              INSPIRE_ASSIGN_OR_RETURN(
                  const auto fields,
                  MultipartFields(req.get_header_value("Content-Type"), req.body));
              const auto file = fields.find("workbook");
              if (file == fields.end() || file->second.empty()) {
                return core::FailField(core::ErrorCode::kValidation, "workbook",
                                       "choose the filled workbook (.xlsx) to send");
              }
              return hub::ApplyRoundWorkbook(db, *catalogue, user.actor, id, file->second);
            }));
  http.Post(
      R"(/implementation/rounds/([^/]+)/comments)",
      act([](store::Connection& db, const BrowserUser& user, int64_t id, const http::Request& req) {
        return hub::AddComment(db, user.actor, id,
                               {{"section", req.get_param_value("section")},
                                {"item", req.get_param_value("item")},
                                {"body", req.get_param_value("body")}});
      }));
}

}  // namespace inspire::web
