// Requests routed, in the browser against the real server on SQLite and PostgreSQL, without
// script: the secretariat routes a need to a member from a form (the need prefilled from the
// coordination page's link), the member finds it on its account page, accepts it with a note on
// the request's page, and a refused update is told on that page; nobody else sees it.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalogue/loader.h"
#include "hub/accounts.h"
#include "hub/coordination.h"
#include "hub/organizations.h"
#include "store/database.h"
#include "support/browser_session.h"
#include "support/html_document.h"
#include "support/hub_seed.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {
using testing::HtmlDocument;
using testing::ServerProcess;
using testing::TestDatabase;
using testing::TestEngine;

class AssignmentPagesTest : public ::testing::TestWithParam<TestEngine> {};

// A member organisation with an org editor, another with its own, the secretariat and an open
// need from Kenya; {the member's id, the need's id}.
std::pair<int64_t, int64_t> Prepare(const std::string& location) {
  testing::HubSeed seed(location);
  const int64_t member = seed.Organization(
      {{"name", "Helping Hands"}, {"type", "national_ngo"}, {"wg_role", "member"}});
  const int64_t other =
      seed.Organization({{"name", "Other Org"}, {"type", "national_ngo"}, {"wg_role", "member"}});
  seed.User("sec@example.org", "secretariat", std::nullopt);
  seed.User("member@example.org", "org_editor", member);
  seed.User("other@example.org", "org_editor", other);
  const auto need = hub::CreateNeed(seed.db(), seed.catalogue(), seed.system,
                                    {{"country", "KEN"},
                                     {"kind", "training"},
                                     {"approaches", {"P4.1"}},
                                     {"description", "Train home visitors in two counties"}});
  EXPECT_TRUE(need.has_value()) << need.error().message;
  return {member, (*need)["id"]};
}

std::string Form(const std::string& csrf, const std::string& fields) {
  return "csrf_token=" + csrf + fields;
}

TEST_P(AssignmentPagesTest, TheSecretariatRoutesANeedAndTheMemberFollowsItUp) {
  if (!TestDatabase::Available(GetParam())) GTEST_SKIP() << "no PostgreSQL server";
  TestDatabase database(GetParam());
  const auto [member, need] = Prepare(database.location());
  ServerProcess server(database.location(), {});
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);
  const std::string form_type = "application/x-www-form-urlencoded";

  // The secretariat: the coordination page links to the form, which comes prefilled.
  const httplib::Headers secretariat = {{"Cookie", testing::SignIn(client, "sec%40example.org")}};
  const std::string route = "/assignments/new?need=" + std::to_string(need);
  EXPECT_EQ(HtmlDocument(client.Get("/coordination", secretariat)->body)
                .Count("//a[@href='" + route + "']"),
            1u);
  const auto form = client.Get(route, secretariat);
  ASSERT_TRUE(form && form->status == 200);
  EXPECT_EQ(HtmlDocument(form->body).Text("//input[@name='need']/@value"), std::to_string(need));
  const std::string csrf = testing::CsrfOf(form->body);
  const auto routed = client.Post(
      "/assignments/new", secretariat,
      Form(csrf, fmt::format("&need={}&organization={}&due=2031-01-31", need, member)), form_type);
  ASSERT_TRUE(routed);
  ASSERT_EQ(routed->status, 303) << routed->body;
  const std::string path = routed->get_header_value("Location");
  ASSERT_EQ(path.rfind("/assignments/", 0), 0u) << path;

  // Nobody else: a visitor is sent to sign in, another organisation gets 404.
  EXPECT_EQ(client.Get(path)->status, 303);
  const httplib::Headers other = {{"Cookie", testing::SignIn(client, "other%40example.org")}};
  EXPECT_EQ(client.Get(path, other)->status, 404);

  // The member: its account page links to it; it accepts with a note.
  const httplib::Headers mine = {{"Cookie", testing::SignIn(client, "member%40example.org")}};
  EXPECT_EQ(HtmlDocument(client.Get("/account", mine)->body)
                .Count("//ul[@id='my-requests']/li/a[@href='" + path + "']"),
            1u);
  const auto page = client.Get(path, mine);
  ASSERT_TRUE(page && page->status == 200);
  const std::string member_csrf = testing::CsrfOf(page->body);
  const auto empty =
      client.Post(path + "/updates", mine, Form(member_csrf, "&status=&note="), form_type);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 422);
  EXPECT_EQ(HtmlDocument(empty->body).Count("//p[@id='form-error']"), 1u);
  const auto accepted =
      client.Post(path + "/updates", mine,
                  Form(member_csrf, "&status=accepted&note=We+start+in+March"), form_type);
  ASSERT_TRUE(accepted);
  ASSERT_EQ(accepted->status, 303) << accepted->body;
  const HtmlDocument after(client.Get(path, mine)->body);
  const auto updates = after.Texts("//ol[@id='updates']/li");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_NE(updates[0].find("accepted: We start in March"), std::string::npos) << updates[0];
  EXPECT_NE(updates[0].find("Helping Hands"), std::string::npos) << updates[0];
}

INSTANTIATE_TEST_SUITE_P(Engines, AssignmentPagesTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
