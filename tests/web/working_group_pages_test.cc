// The working group's pages and forms against the real server on the demo database, on SQLite
// and PostgreSQL: a visitor sees the public business (coming meetings, the work plan, open
// actions with the overdue ones marked, decisions) and nothing of the members' meetings; a
// signed-in secretariat sees those too, plans a meeting and records a decision through the forms
// without script, and a refused field is said next to it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <tuple>
#include <vector>

#include "catalogue/loader.h"
#include "hub/accounts.h"
#include "store/database.h"
#include "support/browser_session.h"
#include "support/html_document.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {
using testing::HtmlDocument;
using testing::ServerProcess;
using testing::TestDatabase;
using testing::TestEngine;

class WorkingGroupPagesTest : public ::testing::TestWithParam<TestEngine> {};

// A form body of `fields` (already URL-encoded values) with the session's CSRF token.
std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields,
                     const std::string& csrf) {
  std::string body = "csrf_token=" + csrf;
  for (const auto& [name, value] : fields) body.append("&").append(name).append("=").append(value);
  return body;
}

TEST_P(WorkingGroupPagesTest, VisitorsSeeThePublicBusinessAndTheSecretariatRunsItThroughForms) {
  if (!TestDatabase::Available(GetParam())) GTEST_SKIP() << "no PostgreSQL server";
  TestDatabase database(GetParam());
  ServerProcess server(database.location(), {"--demo"});
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);

  // A visitor: the public business, no members' meeting.
  const auto page = client.Get("/working-group");
  ASSERT_TRUE(page && page->status == 200);
  const HtmlDocument doc(page->body);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(page->body.find("Secretariat check-in"), std::string::npos);
  EXPECT_GT(doc.Count("//main//a[starts-with(@href, '/meetings/')]"), 0u);
  EXPECT_GT(doc.Count("//main//strong[@class='flag' and .='Overdue']"), 0u);
  EXPECT_EQ(doc.Count("//main//h3[.='Data and monitoring']"), 1u);
  EXPECT_EQ(client.Get("/meetings/1")->status, 404);  // the demo's first is the secretariat's
  EXPECT_EQ(client.Get("/meetings/x")->status, 404);
  const auto decisions = client.Get("/api/v1/decisions?per_page=500");
  const Json decided = Json::parse(decisions->body);
  ASSERT_GT(decided["total"].get<int>(), 0);
  const int64_t held = decided["items"][0]["meeting"];
  size_t at_held = 0;
  for (const Json& d : decided["items"]) at_held += d["meeting"] == held ? 1 : 0;
  const auto meeting = client.Get("/meetings/" + std::to_string(held));
  ASSERT_TRUE(meeting && meeting->status == 200);
  const HtmlDocument meeting_doc(meeting->body);
  EXPECT_EQ(meeting_doc.Count("//main//ol/li"), at_held);
  EXPECT_EQ(
      meeting_doc.Count("//a[@href='/api/v1/meetings/" + std::to_string(held) + "/calendar.ics']"),
      1u);

  // The secretariat, signed in: the members' meetings too, and the forms.
  {
    auto db = store::Open(database.location());
    ASSERT_TRUE(db.has_value());
    const auto catalogue =
        catalogue::LoadCatalogue(catalogue::LoadOptions{INSPIRE_SOURCE_DATA_DIR, {}});
    ASSERT_TRUE(hub::CreateUser(
                    **db, *catalogue, hub::Actor::System(),
                    {"sec@example.org", "a long enough password", "secretariat", std::nullopt, ""})
                    .has_value());
  }
  const std::string session = testing::SignIn(client, "sec%40example.org");
  const httplib::Headers with_session = {{"Cookie", session}};
  const auto signed_in = client.Get("/working-group", with_session);
  ASSERT_TRUE(signed_in && signed_in->status == 200);
  EXPECT_NE(signed_in->body.find("Secretariat check-in"), std::string::npos);
  EXPECT_EQ(client.Get("/meetings/1", with_session)->status, 200);

  const auto form = client.Get("/meetings/new", with_session);
  ASSERT_TRUE(form && form->status == 200);
  const std::string csrf = testing::CsrfOf(form->body);
  const auto refused = client.Post("/meetings/new", with_session,
                                   FormBody({{"title", "Planning+call"},
                                             {"kind", "webinar"},
                                             {"starts_at", "2031-05-05T10%3A00"},
                                             {"time_zone", "Atlantis%2FCapital"}},
                                            csrf),
                                   "application/x-www-form-urlencoded");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find("Atlantis/Capital"), std::string::npos);  // the typed value kept
  const auto planned = client.Post("/meetings/new", with_session,
                                   FormBody({{"title", "Planning+call"},
                                             {"kind", "webinar"},
                                             {"starts_at", "2031-05-05T10%3A00"},
                                             {"time_zone", "America%2FBogota"},
                                             {"visibility", "public"}},
                                            csrf),
                                   "application/x-www-form-urlencoded");
  ASSERT_TRUE(planned);
  ASSERT_EQ(planned->status, 303) << planned->body;
  const std::string where = planned->get_header_value("Location");
  ASSERT_EQ(where.rfind("/meetings/", 0), 0u) << where;
  const std::string id = where.substr(std::string("/meetings/").size());
  const auto recorded = client.Post(
      "/decisions/new", with_session,
      FormBody({{"meeting", id}, {"text", "Hold+the+webinar+in+three+languages"}}, csrf),
      "application/x-www-form-urlencoded");
  ASSERT_TRUE(recorded);
  EXPECT_EQ(recorded->status, 303);
  EXPECT_EQ(recorded->get_header_value("Location"), where);
  const auto shown = client.Get(where);  // a visitor: the meeting is public
  ASSERT_TRUE(shown && shown->status == 200);
  const HtmlDocument shown_doc(shown->body);
  EXPECT_EQ(
      shown_doc.Texts("//main//ol/li"),
      (std::vector<std::string>{"decision 1: Hold the webinar in three languages (Adopted)"}));
  EXPECT_NE(shown->body.find("2031-05-05 10:00 (America/Bogota), 15:00 UTC"), std::string::npos);
}

TEST_P(WorkingGroupPagesTest, MembersVoteAndTheSecretariatMovesApplicationsWithoutScript) {
  if (!TestDatabase::Available(GetParam())) GTEST_SKIP() << "no PostgreSQL server";
  TestDatabase database(GetParam());
  ServerProcess server(database.location(), {"--demo"});
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);
  // A visitor is told how to join and sees no application.
  const auto visitor = client.Get("/membership");
  ASSERT_TRUE(visitor && visitor->status == 200);
  EXPECT_EQ(visitor->body.find("Institute for Family Studies"), std::string::npos);
  EXPECT_EQ(HtmlDocument(visitor->body).Count("//main//a[@href='/login']"), 1u);
  {
    auto db = store::Open(database.location());
    ASSERT_TRUE(db.has_value());
    const auto catalogue =
        catalogue::LoadCatalogue(catalogue::LoadOptions{INSPIRE_SOURCE_DATA_DIR, {}});
    const auto org = (*db)->Query("SELECT id FROM organizations WHERE acronym = 'ANS'", {});
    ASSERT_TRUE(org.has_value() && !org->rows.empty());
    for (const auto& [email, role, org_id] :
         std::vector<std::tuple<std::string, std::string, std::optional<int64_t>>>{
             {"sec@example.org", "secretariat", std::nullopt},
             {"member@example.org", "org_editor", org->rows[0].Int(0)}}) {
      ASSERT_TRUE(hub::CreateUser(**db, *catalogue, hub::Actor::System(),
                                  {email, "a long enough password", role, org_id, ""})
                      .has_value());
    }
  }
  // A working-group member votes on the application being voted on.
  const httplib::Headers member = {{"Cookie", testing::SignIn(client, "member%40example.org")}};
  const auto page = client.Get("/membership", member);
  ASSERT_TRUE(page && page->status == 200);
  const HtmlDocument doc(page->body);
  const std::string action = doc.Text("//form[.//button[@value='yes']]/@action");
  ASSERT_EQ(action.rfind("/membership/applications/", 0), 0u) << page->body;
  const auto voted =
      client.Post(action, member, "csrf_token=" + testing::CsrfOf(page->body) + "&vote=yes",
                  "application/x-www-form-urlencoded");
  ASSERT_TRUE(voted);
  EXPECT_EQ(voted->status, 303);
  const auto after = client.Get("/membership", member);
  EXPECT_NE(after->body.find("2 yes, 0 no"), std::string::npos);
  EXPECT_NE(after->body.find("your organisation&apos;s vote: Yes"), std::string::npos)
      << after->body;
  // Without the session's CSRF token the vote is refused.
  EXPECT_EQ(client.Post(action, member, "vote=no", "application/x-www-form-urlencoded")->status,
            403);
  // The secretariat checks the application waiting for it.
  const httplib::Headers staff = {{"Cookie", testing::SignIn(client, "sec%40example.org")}};
  const auto queue = client.Get("/membership", staff);
  const HtmlDocument queue_doc(queue->body);
  const std::string move = queue_doc.Text(
      "//li[strong='Neighbourhood Youth Forum (demo)']//form[.//input[@value='checked']]/@action");
  ASSERT_FALSE(move.empty()) << queue->body;
  const auto moved =
      client.Post(move, staff, "csrf_token=" + testing::CsrfOf(queue->body) + "&to=checked",
                  "application/x-www-form-urlencoded");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, 303);
  const auto checked = client.Get("/membership?status=checked", staff);
  EXPECT_NE(checked->body.find("Neighbourhood Youth Forum (demo)"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, WorkingGroupPagesTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
