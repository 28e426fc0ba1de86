// The HTML pages against the real server on 127.0.0.1, on SQLite and PostgreSQL: every page of
// the demo database answers, is whole and under 150 KB; text from users is escaped; suppressed
// cells are shown as suppressed; the sign-in form works without script; pages revalidate with
// ETags; unknown pages get an HTML 404.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "catalogue/loader.h"
#include "hub/accounts.h"
#include "hub/actor.h"
#include "hub/estimates.h"
#include "hub/organizations.h"
#include "store/database.h"
#include "support/browser_session.h"
#include "support/html_document.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {
using testing::CsrfOf;
using testing::HtmlDocument;
using testing::LoginForm;
using testing::OpenLoginForm;
using testing::ServerProcess;
using testing::SignIn;
using testing::TestDatabase;
using testing::TestEngine;

class PagesTest : public ::testing::TestWithParam<TestEngine> {};

// An XPath test for elements whose class attribute lists `name`.
std::string HasClass(const std::string& name) {
  return "contains(concat(' ', normalize-space(@class), ' '), ' " + name + " ')";
}

// How many <main> elements of `html` hold `text` (decoded, anywhere inside): 1 when it is shown.
size_t MainSays(const std::string& html, const std::string& text) {
  return HtmlDocument(html).Count("//main[contains(., '" + text + "')]");
}

#define INSPIRE_SKIP_WITHOUT_ENGINE()                                     \
  do {                                                                    \
    if (!TestDatabase::Available(GetParam())) {                           \
      if (HasFailure()) return;                                           \
      GTEST_SKIP() << "no PostgreSQL server (set INSPIRE_TEST_POSTGRES)"; \
    }                                                                     \
  } while (false)

TEST_P(PagesTest, EveryDemoPageAnswersWholeAndUnder150Kilobytes) {
  INSPIRE_SKIP_WITHOUT_ENGINE();
  TestDatabase database(GetParam());
  ServerProcess server(database.location(), {"--demo"});
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);
  for (const char* path : {"/",
                           "/countries/KEN",
                           "/countries/ken",
                           "/countries/GHA",
                           "/indicators/1.3",
                           "/indicators/1.1",
                           "/strategies/P4",
                           "/approaches/P4.1",
                           "/members",
                           "/members?type=academia",
                           "/members/1",
                           "/activities",
                           "/activities?country=KEN&status=ongoing&approach=P4.1",
                           "/activities?page=2",
                           "/coordination",
                           "/login",
                           "/evidence",
                           "/implementation",
                           "/implementation?region=AFR&income=LMIC",
                           "/countries/KEN/implementation",
                           "/countries/COL/implementation",
                           "/working-group",
                           "/meetings/14",
                           "/library",
                           "/library?q=violence&language=fr",
                           "/library/1",
                           "/approaches/E7.5",
                           "/approaches/S3.1",
                           "/approaches/I1.1"}) {
    const auto page = client.Get(path);
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->status, 200) << path;
    EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_LT(page->body.size(), 150u * 1024) << path;
    EXPECT_EQ(page->body.rfind("<!DOCTYPE html>", 0), 0u) << path;
    const HtmlDocument doc(page->body);
    ASSERT_TRUE(doc.ok()) << path;
    EXPECT_EQ(page->body.substr(page->body.find_last_not_of(" \n") - 6), "</html>\n") << path;
    EXPECT_EQ(doc.Count("/html/head/title"), 1u) << path;
    EXPECT_EQ(doc.Count("//main[@id='main']"), 1u) << path;
    // Nothing from elsewhere: no CDN, no external font or script.
    EXPECT_EQ(doc.Count("//script"), 0u) << path;
    EXPECT_EQ(doc.Count("//*[@src and (contains(@src, '//') or starts-with(@src, 'http'))]"), 0u)
        << path;
    EXPECT_EQ(doc.Count("//link[contains(@href, '//')] | //*[starts-with(@href, '//')]"), 0u)
        << path;
  }
  // The overview has the matrix with gaps and the headline chart; the country page its charts,
  // each with a text alternative and the numbers as a table.
  const auto home = client.Get("/");
  const HtmlDocument home_doc(home->body);
  EXPECT_EQ(home_doc.Count("//table[" + HasClass("matrix") + "]"), 1u);
  EXPECT_GT(home_doc.Count("//table[" + HasClass("matrix") + "]//*[" + HasClass("gap") + "]"), 0u);
  const auto kenya = client.Get("/countries/KEN");
  const HtmlDocument kenya_doc(kenya->body);
  // Each chart is an image with its description, and its numbers are in a table too.
  const size_t charts = kenya_doc.Count("//svg[@role='img']");
  EXPECT_GT(charts, 0u);
  EXPECT_EQ(kenya_doc.Count("//svg[@role='img'][title[contains(../@aria-labelledby, "
                            "@id)]][desc[contains(../@aria-labelledby, @id)]]"),
            charts);
  EXPECT_EQ(MainSays(kenya->body, "Target 2030"), 1u);
  EXPECT_GT(kenya_doc.Count("//main//table"), 0u);
  // The evidence map: counts and pooled effects, gaps visible; an approach page with studies has
  // its forest plot (text alternative, numbers as a table, SVG download), one without says so.
  const auto evidence = client.Get("/evidence");
  const HtmlDocument evidence_doc(evidence->body);
  const std::string map = "//table[" + HasClass("matrix") + " and " + HasClass("evidence") + "]";
  EXPECT_EQ(evidence_doc.Count(map), 1u);
  EXPECT_GT(evidence_doc.Count(map + "//*[" + HasClass("gap") + "]"), 0u);
  EXPECT_EQ(MainSays(evidence->body, "7 studies"), 1u);
  EXPECT_EQ(MainSays(evidence->body, "OR 0."), 1u);
  EXPECT_GT(
      evidence_doc.Count(map + "//a[@href='/approaches/P4.1#o-violent-discipline-by-caregivers']"),
      0u);
  const auto filtered = client.Get("/evidence?income=LMIC&exclude_high_risk=true");
  EXPECT_EQ(filtered->status, 200);
  const HtmlDocument filtered_doc(filtered->body);
  EXPECT_EQ(filtered_doc.Texts("//select/option[@selected]/@value"),
            (std::vector<std::string>{"LMIC"}));
  EXPECT_EQ(MainSays(filtered->body, "Studies that match the filters:"), 1u);
  EXPECT_GT(filtered_doc.Count(
                "//a[starts-with(@href, '/approaches/P4.1?income=LMIC&exclude_high_risk=true#')]"),
            0u);
  EXPECT_EQ(client.Get("/evidence?income=rich")->status, 400);
  const auto approach = client.Get("/approaches/P4.1");
  const HtmlDocument approach_doc(approach->body);
  EXPECT_EQ(approach_doc.Count("//*[@id='o-violent-discipline-by-caregivers']"), 1u);
  EXPECT_EQ(MainSays(approach->body, "Forest plot: Odds ratio"), 1u);
  EXPECT_EQ(MainSays(approach->body, "Pooled odds ratio"), 1u);
  EXPECT_GT(approach_doc.Count(
                "//a[starts-with(@href, '/api/v1/evidence/forest.svg?approach=P4.1&outcome=')]"),
            0u);
  const auto single = client.Get("/approaches/S3.1");
  EXPECT_EQ(MainSays(single->body, "One study so far"), 1u);
  EXPECT_EQ(MainSays(single->body, "Forest plot"), 0u);
  const auto none = client.Get("/approaches/I1.1");
  EXPECT_EQ(MainSays(none->body, "no study of this approach yet"), 1u);
  const auto missing = client.Get("/countries/XXX");
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_EQ(client.Get("/no/such/page")->status, 404);
  EXPECT_EQ(client.Get("/members/999999")->status, 404);
  EXPECT_EQ(client.Get("/members/abc")->status, 404);
  const auto css = client.Get("/static/style.css");
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  // A second visit revalidates: 304 without a body.
  const auto first = client.Get("/members");
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  const auto again = client.Get("/members", {{"If-None-Match", etag}});
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
}

TEST_P(PagesTest, UserTextIsEscapedSuppressedCellsShowAsSuppressedAndSignInWorks) {
  INSPIRE_SKIP_WITHOUT_ENGINE();
  TestDatabase database(GetParam());
  const auto catalogue =
      catalogue::LoadCatalogue(catalogue::LoadOptions{INSPIRE_SOURCE_DATA_DIR, {}});
  ASSERT_TRUE(catalogue.has_value());
  {
    auto db = store::Open(database.location());
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(store::Migrate(**db).has_value());
    const auto system = hub::Actor::System();
    ASSERT_TRUE(hub::CreateOrganization(**db, *catalogue, system,
                                        {{"name", "<script>alert('x')</script> & Co"},
                                         {"type", "academia"},
                                         {"wg_role", "member"},
                                         {"countries", {"KEN"}}})
                    .has_value());
    const auto row = [](const std::string& code, double n) {
      return Json{{"indicator_id", "1.3"},
                  {"indicator_name", "Sexual violence before 18"},
                  {"domain", code.empty() ? "total" : "region"},
                  {"domain_code", code},
                  {"domain_label", code.empty() ? "" : "Region " + code},
                  {"n_unweighted", n},
                  {"n_missing", 0},
                  {"n_weighted", 100.0},
                  {"estimate", 0.25},
                  {"se", 0.02},
                  {"ci_low", 0.21},
                  {"ci_high", 0.29},
                  {"deff", 1.5},
                  {"df", 40},
                  {"flag", "ok"}};
    };
    hub::PublishRequest publish;
    publish.country = "KEN";
    publish.year = 2019;
    publish.source = "VACS 2019";
    publish.file = {{"provenance", Json::object()}, {"estimates", {row("", 800), row("7", 9)}}};
    ASSERT_TRUE(hub::PublishEstimates(**db, *catalogue, system, publish).has_value());
    ASSERT_TRUE(hub::CreateUser(**db, *catalogue, system,
                                {"editor@example.org", "a long enough password", "secretariat",
                                 std::nullopt, ""})
                    .has_value());
  }
  ServerProcess server(database.location());
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client client("127.0.0.1", server.port());
  const auto members = client.Get("/members");
  ASSERT_TRUE(members);
  // The name is shown as the text it is, and no element comes of it.
  const HtmlDocument members_doc(members->body);
  EXPECT_EQ(members_doc.Count("//script"), 0u);
  const auto texts = members_doc.Texts("//main//a");
  EXPECT_NE(std::find(texts.begin(), texts.end(), "<script>alert('x')</script> & Co"), texts.end());
  const auto kenya = client.Get("/countries/KEN");
  ASSERT_TRUE(kenya);
  EXPECT_EQ(MainSays(kenya->body, "suppressed (too few respondents)"), 1u);
  // The suppressed rows are named and carry no estimate, interval or count.
  const HtmlDocument kenya_doc(kenya->body);
  EXPECT_EQ(
      kenya_doc.Texts("//tr[" + HasClass("suppressed") + "]/td[1]"),
      (std::vector<std::string>{"Total", "region: Region 7"}));  // the total would give it away
  for (const std::string& cell : kenya_doc.Texts("//tr[" + HasClass("suppressed") +
                                                 "]/td[position() >= 2 and position() <= 4]")) {
    EXPECT_EQ(cell.find_first_of("0123456789"), std::string::npos) << cell;
  }

  // Sign in with the form: a session cookie and back to the overview; a wrong password: the
  // form again, with the reason; a post without the form's login token (another site's): 403.
  const LoginForm form = OpenLoginForm(client);
  ASSERT_FALSE(form.token.empty());
  const auto forged =
      client.Post("/login", "email=editor%40example.org&password=a+long+enough+password",
                  "application/x-www-form-urlencoded");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_TRUE(forged->get_header_value("Set-Cookie").find("inspire_session=") == std::string::npos);
  const auto wrong =
      client.Post("/login", {{"Cookie", form.cookie}},
                  "email=editor%40example.org&password=nope&login_token=" + form.token,
                  "application/x-www-form-urlencoded");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  const HtmlDocument wrong_doc(wrong->body);
  EXPECT_GT(wrong_doc.Count("//*[@role='alert']"), 0u);
  EXPECT_EQ(wrong_doc.Text("//input[@name='email']/@value"), "editor@example.org");
  const std::string session = SignIn(client, "editor%40example.org");
  ASSERT_NE(session.find("inspire_session="), std::string::npos);
  const auto home = client.Get("/", {{"Cookie", session}});
  ASSERT_TRUE(home);
  EXPECT_EQ(HtmlDocument(home->body).Count("//body[contains(., 'editor@example.org')]"), 1u);
  EXPECT_TRUE(home->get_header_value("ETag").empty());  // pages for a user are not cached

  // Sign-out needs the session's CSRF token (in the layout's form); without it nothing ends.
  const auto forced =
      client.Post("/logout", {{"Cookie", session}}, "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(forced);
  EXPECT_EQ(forced->status, 403);
  EXPECT_NE(client.Get("/account", {{"Cookie", session}})->status, 303);
  const auto out = client.Post("/logout", {{"Cookie", session}}, "csrf_token=" + CsrfOf(home->body),
                               "application/x-www-form-urlencoded");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(client.Get("/account", {{"Cookie", session}})->status, 303);  // back to /login
}

// Signs in with the form; returns the session cookie ("inspire_session=...").
TEST_P(PagesTest, FormsCreateRecordsWithMessagesNextToTheFieldAndCsrfChecks) {
  INSPIRE_SKIP_WITHOUT_ENGINE();
  TestDatabase database(GetParam());
  int64_t org = 0;
  {
    auto db = store::Open(database.location());
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(store::Migrate(**db).has_value());
    const auto catalogue =
        catalogue::LoadCatalogue(catalogue::LoadOptions{INSPIRE_SOURCE_DATA_DIR, {}});
    const auto system = hub::Actor::System();
    auto created = hub::CreateOrganization(
        **db, *catalogue, system,
        {{"name", "Form Org"}, {"type", "academia"}, {"wg_role", "member"}});
    ASSERT_TRUE(created.has_value());
    org = (*created)["id"];
    for (const auto& [email, role] : std::vector<std::pair<std::string, std::string>>{
             {"sec@example.org", "secretariat"}, {"viewer@example.org", "viewer"}}) {
      ASSERT_TRUE(hub::CreateUser(**db, *catalogue, system,
                                  {email, "a long enough password", role, std::nullopt, ""})
                      .has_value());
    }
  }
  ServerProcess server(database.location());
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client client("127.0.0.1", server.port());
  // Not signed in: to the sign-in form.
  const auto anonymous = client.Get("/activities/new");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 303);
  EXPECT_EQ(anonymous->get_header_value("Location"), "/login");

  const std::string session = SignIn(client, "sec%40example.org");
  const httplib::Headers with_session = {{"Cookie", session}};
  const auto form = client.Get("/activities/new?country=KEN", with_session);
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200);
  const HtmlDocument form_doc(form->body);
  EXPECT_EQ(form_doc.Count("//label[@for='f-title'] | //input[@id='f-title'][@name='title']"), 2u);
  EXPECT_EQ(form_doc.Texts("//select[@name='country']/option[@selected]/@value"),
            (std::vector<std::string>{"KEN"}));  // prefilled
  const std::string csrf = CsrfOf(form->body);
  ASSERT_EQ(csrf.size(), 32u);

  const std::string base =
      "csrf_token=" + csrf + "&organization_id=" + std::to_string(org) +
      "&title=Parenting+%3Cgroups%3E&country=KEN&status=ongoing&_multi=approaches";
  // No approach chosen: the form again, the message next to the approaches field.
  const auto refused =
      client.Post("/activities/new", with_session, base, "application/x-www-form-urlencoded");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  const HtmlDocument refused_doc(refused->body);
  EXPECT_EQ(refused_doc.Count("//*[@id='f-approaches-error'][@role='alert']"), 1u);
  // The field at fault, and only it, is marked and points at its message.
  EXPECT_EQ(refused_doc.Texts("//*[@aria-invalid='true']/@name"),
            (std::vector<std::string>{"approaches"}));
  EXPECT_NE(
      refused_doc.Text("//select[@name='approaches']/@aria-describedby").find("f-approaches-error"),
      std::string::npos);
  EXPECT_EQ(refused_doc.Text("//input[@name='title']/@value"), "Parenting <groups>");  // kept
  // A bad number is named too.
  const auto bad_budget =
      client.Post("/activities/new", with_session, base + "&approaches=P4.1&budget=lots",
                  "application/x-www-form-urlencoded");
  EXPECT_EQ(bad_budget->status, 422);
  EXPECT_EQ(HtmlDocument(bad_budget->body).Texts("//*[@aria-invalid='true']/@name"),
            (std::vector<std::string>{"budget"}));
  // Right: saved, and on to the country's activities.
  const auto saved = client.Post("/activities/new", with_session,
                                 base + "&approaches=P4.1&approaches=E7.2&budget=1000&currency=USD",
                                 "application/x-www-form-urlencoded");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 303);
  EXPECT_EQ(saved->get_header_value("Location"), "/activities?country=KEN");
  const auto listed = client.Get("/activities?country=KEN");
  EXPECT_EQ(MainSays(listed->body, "Parenting <groups>"), 1u);
  // A form from elsewhere (no or a wrong CSRF token) changes nothing.
  const auto forged = client.Post("/activities/new", with_session,
                                  "csrf_token=0&organization_id=1&title=X&country=KEN",
                                  "application/x-www-form-urlencoded");
  EXPECT_EQ(forged->status, 403);
  // A study through its form: the numbers checked against the measure and named, then saved
  // and shown with its effect on the approach's page.
  const auto study_form = client.Get("/evidence/studies/new?approaches=P4.1", with_session);
  ASSERT_TRUE(study_form);
  ASSERT_EQ(study_form->status, 200);
  EXPECT_EQ(
      HtmlDocument(study_form->body).Texts("//select[@name='approaches']/option[@selected]/@value"),
      (std::vector<std::string>{"P4.1"}));
  const std::string study =
      "csrf_token=" + CsrfOf(study_form->body) +
      "&study=Amani+2014&year=2014&design=RCT&risk_of_bias=low&_multi=approaches"
      "&approaches=P4.1&outcome=Violent+discipline&measure=OR&favourable=lower&ai=12&n1i=80"
      "&n2i=82&m1i=&sd1i=&m2i=&sd2i=&yi=&vi=&sei=";
  const auto missing_ci = client.Post("/evidence/studies/new", with_session,
                                      study + "&ci=", "application/x-www-form-urlencoded");
  ASSERT_TRUE(missing_ci);
  EXPECT_EQ(missing_ci->status, 422);
  EXPECT_EQ(HtmlDocument(missing_ci->body).Texts("//*[@aria-invalid='true']/@name"),
            (std::vector<std::string>{"ci"}));
  const auto study_saved = client.Post("/evidence/studies/new", with_session, study + "&ci=25",
                                       "application/x-www-form-urlencoded");
  ASSERT_TRUE(study_saved);
  EXPECT_EQ(study_saved->status, 303);
  EXPECT_EQ(study_saved->get_header_value("Location"), "/approaches/P4.1");
  const auto approach_page = client.Get("/approaches/P4.1", with_session);
  EXPECT_EQ(MainSays(approach_page->body, "Amani 2014"), 1u);
  EXPECT_EQ(MainSays(approach_page->body, "0.40 [0.19, 0.87]"), 1u);
  EXPECT_GT(HtmlDocument(approach_page->body).Count("//a[@href='/evidence/studies/1/edit']"), 0u);
  EXPECT_EQ(client.Get("/evidence/studies/1/edit", with_session)->status, 200);

  // The edit form shows the record; the admin page its audit.
  const auto edit = client.Get("/activities/1/edit", with_session);
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->status, 200);
  EXPECT_EQ(HtmlDocument(edit->body).Texts("//select[@name='approaches']/option[@selected]/@value"),
            (std::vector<std::string>{"P4.1", "E7.2"}));  // in catalogue order
  const auto account = client.Get("/account", with_session);
  ASSERT_TRUE(account);
  EXPECT_EQ(account->status, 200);
  const HtmlDocument account_doc(account->body);
  EXPECT_EQ(account_doc.Count("//dd[. = 'sec@example.org']"), 1u);
  EXPECT_EQ(account_doc.Count("//dd[. = 'Secretariat']"), 1u);
  EXPECT_EQ(client.Get("/account")->status, 303);  // not signed in
  const auto admin = client.Get("/admin", with_session);
  EXPECT_EQ(admin->status, 200);
  EXPECT_EQ(MainSays(admin->body, "activity 1"), 1u);

  // A viewer may look but not write: the form says why, and the admin page is closed.
  const std::string viewer = SignIn(client, "viewer%40example.org");
  const auto viewer_form = client.Get("/activities/new", {{"Cookie", viewer}});
  const auto denied = client.Post(
      "/activities/new", {{"Cookie", viewer}},
      "csrf_token=" + CsrfOf(viewer_form->body) + "&organization_id=" + std::to_string(org) +
          "&title=X&country=KEN&status=ongoing&_multi=approaches&approaches=P4.1",
      "application/x-www-form-urlencoded");
  EXPECT_EQ(denied->status, 403);
  EXPECT_EQ(HtmlDocument(denied->body).Count("//*[@id='form-error']"), 1u);
  EXPECT_EQ(client.Get("/admin", {{"Cookie", viewer}})->status, 403);
}

INSTANTIATE_TEST_SUITE_P(Engines, PagesTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
