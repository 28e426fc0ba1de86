// The pages and the forms that write through them.
#include "hub/studies.h"
#include "hub/subscriptions.h"
#include "web/account_pages.h"
#include "web/implementation_pages.h"
#include "web/library_pages.h"
#include "web/membership_pages.h"
#include "web/page_text.h"
#include "web/server_impl.h"
#include "web/working_group_pages.h"

namespace inspire::web {

void SendHtml(http::Response& res, const core::Result<Page>& page, const Viewer& viewer) {
  core::Result<Page> shown = page;
  if (!shown) {
    const Told told = TellFailure(res, page.error(), true);
    shown = ErrorPage(told.status, told.message);
  }
  auto html = shown ? RenderDocument(*shown, viewer) : tl::unexpected(shown.error());
  if (!html) {
    std::fprintf(stderr, "inspire serve: %s\n", html.error().message.c_str());
    res.status = 500;
    res.set_content("The server failed; the error is logged.", "text/plain; charset=utf-8");
    return;
  }
  res.status = shown->status;
  res.set_content(*html, "text/html; charset=utf-8");
}

// The sign-in page: never stored by a shared cache, since it carries this browser's token.
void SendLogin(http::Response& res, const core::Result<Page>& page) {
  res.set_header("Cache-Control", "no-store");
  SendHtml(res, page, Viewer{});
}

std::string Server::Impl::NewLoginToken(http::Response& res) const {
  std::string token = hub::RandomHex(16);
  const bool secure = options.public_url.rfind("https://", 0) == 0;
  res.set_header("Set-Cookie",
                 fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/login; Max-Age=3600{}",
                             kLoginCookie, token, secure ? "; Secure" : ""));
  return token;
}

std::pair<core::Error, int> FormError(http::Response& res, core::Error error) {
  const Told told = TellFailure(res, error, true);
  error.message = told.message;
  if (told.status >= 500) error.field.clear();
  return {std::move(error), told.status};
}

namespace {

// The organisations a form offers to choose from, by id (none when they cannot be read).
std::map<int64_t, std::string> OrganizationChoices(store::Connection& db) {
  auto names = hub::OrganizationNames(db);
  return names ? *names : std::map<int64_t, std::string>();
}

}  // namespace

std::function<FormSpec(store::Connection&)> Server::Impl::FormOf(const hub::RecordFields& fields,
                                                                 const char* title) const {
  return [this, &fields, title](store::Connection& db) {
    const auto organizations = OrganizationChoices(db);
    return RecordForm(fields, title, {*catalogue, organizations});
  };
}

void Server::Impl::AddForms(const FormRoutes& routes) {
  // Renders the form (new when id is 0) with values and an error.
  const auto show = [routes](http::Response& res, store::Connection& db, const BrowserUser& user,
                             int64_t id, const Json& values, const core::Error& error, int status) {
    FormSpec spec = routes.spec(db);
    spec.action = routes.new_path;
    if (id != 0) {
      spec.action = routes.edit_pattern;
      spec.action.replace(spec.action.find("([^/]+)"), 7, std::to_string(id));
    }
    auto main = RenderForm(spec, values, user.csrf, error);
    if (!main) return SendHtml(res, tl::unexpected(main.error()), user.viewer());
    SendHtml(res, Page{status, spec.title, *main, ""}, user.viewer());
  };
  const auto handle = [this, routes, show](store::Connection& db, const BrowserUser& user,
                                           const http::Request& req, http::Response& res,
                                           bool editing) {
    int64_t id = 0;
    if (editing) {
      const std::string text = req.matches[1];
      if (std::from_chars(text.data(), text.data() + text.size(), id).ptr !=
          text.data() + text.size()) {
        return SendHtml(res, ErrorPage(404, "There is no such record."), user.viewer());
      }
    }
    if (req.method == "GET") {
      Json values = Json::object();
      if (editing) {
        auto record = routes.get_as ? routes.get_as(db, user.actor, id) : routes.get(db, id);
        if (!record) return SendHtml(res, tl::unexpected(record.error()), user.viewer());
        values = *record;
      } else {
        for (const auto& [name, value] : req.params) values[name] = value;  // prefilled
      }
      return show(res, db, user, id, values, core::Error{}, 200);
    }
    const Json fields = FieldsFromForm(routes.spec(db), req.params);
    auto saved = Save(db, [&](store::Connection& c) {
      return editing ? routes.update(c, user.actor, id, fields)
                     : routes.create(c, user.actor, fields);
    });
    if (!saved) {
      const auto [shown, status] = FormError(res, saved.error());
      return show(res, db, user, id, fields, shown, status);
    }
    res.set_redirect(routes.after(*saved), 303);
  };
  const auto route = [this, handle](bool editing) {
    return SignedInRoute(
        [handle, editing](store::Connection& db, const BrowserUser& user, const http::Request& req,
                          http::Response& res) { handle(db, user, req, res, editing); });
  };
  http.Get(routes.new_path, route(false));
  http.Post(routes.new_path, route(false));
  if (!routes.edit_pattern.empty()) {
    http.Get(routes.edit_pattern, route(true));
    http.Post(routes.edit_pattern, route(true));
  }
}

void Server::Impl::SetUpForms() {
  AddForms(
      {"/members/new", R"(/members/([^/]+)/edit)",
       FormOf(hub::OrganizationFields(), "form_organization"),
       [this](store::Connection& db, const Actor& actor, const Json& fields) {
         return hub::CreateOrganization(db, *catalogue, actor, fields);
       },
       hub::GetOrganization,
       [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
         return hub::UpdateOrganization(db, *catalogue, actor, id, fields);
       },
       [](const Json& record) { return fmt::format("/members/{}", record["id"].get<int64_t>()); }});
  AddForms({"/activities/new", R"(/activities/([^/]+)/edit)",
            FormOf(hub::ActivityFields(), "form_activity"),
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
            FormOf(hub::NeedFields(), "form_need"),
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateNeed(db, *catalogue, actor, fields);
            },
            hub::GetNeed,
            [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
              return hub::UpdateNeed(db, *catalogue, actor, id, fields);
            },
            [](const Json&) { return std::string("/coordination"); }});
  AddForms({"/coordination/offers/new", R"(/coordination/offers/([^/]+)/edit)",
            FormOf(hub::OfferFields(), "form_offer"),
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateOffer(db, *catalogue, actor, fields);
            },
            hub::GetOffer,
            [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
              return hub::UpdateOffer(db, *catalogue, actor, id, fields);
            },
            [](const Json&) { return std::string("/coordination"); }});
  SetUpMonitoringForms();
  SetUpWorkingGroupForms();
  SetUpLibraryForms();
  SetUpAssignmentForms();
  SetUpMembershipForms();
  SetUpUserForm();
  SetUpSignedInPages();
}

void Server::Impl::SetUpMonitoringForms() {
  AddForms({"/targets/new", R"(/targets/([^/]+)/edit)", FormOf(hub::TargetFields(), "form_target"),
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
  AddForms({"/evidence/studies/new", R"(/evidence/studies/([^/]+)/edit)",
            FormOf(hub::StudyFields(), "form_study"),
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateStudy(db, *catalogue, actor, fields);
            },
            hub::GetStudy,
            [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
              return hub::UpdateStudy(db, *catalogue, actor, id, fields);
            },
            [](const Json& record) {
              return fmt::format("/approaches/{}", record["approaches"][0].get<std::string>());
            }});
}

void Server::Impl::SetUpUserForm() {
  AddForms({"/admin/users/new", "",
            [this](store::Connection& db) { return UserForm(OrganizationChoices(db), *catalogue); },
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
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
              return hub::CreateUser(db, *catalogue, actor, user);
            },
            nullptr, nullptr, [](const Json&) { return std::string("/admin"); }});
}

void Server::Impl::SetUpSignedInPages() {
  // Staff mark a match from the coordination page.
  http.Post(R"(/coordination/needs/([^/]+)/match)",
            SignedInRoute([this](store::Connection& db, const BrowserUser& user,
                                 const http::Request& req, http::Response& res) {
              int64_t need = 0;
              int64_t offer = 0;
              const std::string need_text = req.matches[1];
              const std::string offer_text = req.get_param_value("offer_id");
              std::from_chars(need_text.data(), need_text.data() + need_text.size(), need);
              std::from_chars(offer_text.data(), offer_text.data() + offer_text.size(), offer);
              const auto marked = Save(db, [&](store::Connection& c) {
                return hub::MarkMatch(c, *catalogue, user.actor, need, offer);
              });
              if (!marked) return SendHtml(res, tl::unexpected(marked.error()), user.viewer());
              res.set_redirect("/coordination", 303);
            }));
  http.Get(
      "/account", SignedInRoute([this](store::Connection& db, const BrowserUser& user,
                                       const http::Request& req, http::Response& res) {
        const std::string notice =
            req.get_param_value("saved") == "following" ? Label("", "account_following_saved") : "";
        SendHtml(res, AccountPage(db, *catalogue, user.actor, user.csrf, notice), user.viewer());
      }));
  http.Post("/account/subscriptions",
            SignedInRoute([this](store::Connection& db, const BrowserUser& user,
                                 const http::Request& req, http::Response& res) {
              const Json settings = SubscriptionsFromForm(req.params);
              const auto done = Save(db, [&](store::Connection& c) {
                return hub::SetSubscriptions(c, *catalogue, user.actor, settings);
              });
              if (done) return res.set_redirect("/account?saved=following", 303);
              const auto [shown, status] = FormError(res, done.error());
              auto page = AccountPage(db, *catalogue, user.actor, user.csrf, shown.message, true);
              if (page) page->status = status;
              SendHtml(res, page, user.viewer());
            }));
  http.Get("/admin", SignedInRoute([this](store::Connection& db, const BrowserUser& user,
                                          const http::Request& req, http::Response& res) {
             PageInput input;
             input.query.insert(req.params.begin(), req.params.end());
             input.signed_in = true;
             input.csrf = user.csrf;
             SendHtml(res, AdminPage(db, *catalogue, input, user.actor), user.viewer());
           }));
}

void Server::Impl::SetUpPages() {
  SetUpForms();
  SetUpImplementationForms();
  http.Get("/", PageRoute(HomePage));
  http.Get(R"(/countries/([^/]+))", PageRoute(CountryPage));
  http.Get(R"(/countries/([^/]+)/implementation)", PageRoute(CountryImplementationPage));
  http.Get("/implementation", PageRoute(ImplementationPage));
  http.Get("/working-group", PageRoute(WorkingGroupPage));
  http.Get(R"(/meetings/([^/]+))", PageRoute(MeetingPage));
  http.Get("/membership", PageRoute(MembershipPage));
  http.Get("/library", PageRoute(LibraryPage));
  http.Get(R"(/library/([^/]+))", PageRoute(LibraryItemPage));
  http.Get(R"(/indicators/([^/]+))", PageRoute(IndicatorPage));
  http.Get(R"(/strategies/([^/]+))", PageRoute(StrategyPage));
  http.Get(R"(/approaches/([^/]+))", PageRoute(ApproachPage));
  http.Get("/members", PageRoute(MembersPage));
  http.Get(R"(/members/([^/]+))", PageRoute(MemberPage));
  http.Get("/activities", PageRoute(ActivitiesPage));
  http.Get("/coordination", PageRoute(CoordinationPage));
  http.Get("/static/style.css", [](const http::Request& req, http::Response& res) {
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
  http.Get("/login", [this](const http::Request&, http::Response& res) {
    SendLogin(res, LoginPage("", "", NewLoginToken(res)));
  });
  // The sign-in form (no script needed): a session cookie and back to the overview, or the
  // form again with the reason. The form's login_token must equal the login cookie (set with
  // the form, SameSite=Strict), so another site cannot sign a browser in to its own account.
  http.Post("/login", [this](const http::Request& req, http::Response& res) {
    const std::string email = req.get_param_value("email");
    const std::string sent = req.get_param_value("login_token");
    if (sent.empty() || sent != CookieValue(req, kLoginCookie)) {
      auto page = LoginPage(UiStrings().value("csrf_failed", ""), email, NewLoginToken(res));
      if (page) page->status = 403;
      return SendLogin(res, page);
    }
    auto lease = pool->Acquire();
    auto session = hub::SignIn(*lease, email, req.get_param_value("password"), req.remote_addr);
    if (!session) {
      const Told told = TellFailure(res, session.error(), true);
      auto page = LoginPage(told.message, email, sent);
      if (page) page->status = told.status;
      return SendLogin(res, page);
    }
    res.set_header("Set-Cookie", SessionCookie(session->token));
    res.set_redirect("/", 303);
  });
  // Sign-out takes the session's CSRF token too: another site cannot sign the user out.
  http.Post("/logout", [this](const http::Request& req, http::Response& res) {
    const std::string token = CookieValue(req, kSessionCookie);
    if (!token.empty()) {
      auto lease = pool->Acquire();
      auto session = hub::ActorFromSession(*lease, token);
      if (session && req.get_param_value("csrf_token") != session->second) {
        return SendHtml(res, ErrorPage(403, UiStrings().value("csrf_failed", "")),
                        Viewer{session->first.email, session->second});
      }
      (void)hub::SignOut(*lease, token);
    }
    res.set_header("Set-Cookie", SessionCookie(""));
    res.set_redirect("/", 303);
  });
}

}  // namespace inspire::web
