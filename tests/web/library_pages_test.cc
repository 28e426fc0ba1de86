// The library's pages and the account page against the real server, on SQLite and PostgreSQL,
// without script: a visitor searches and each result says where its words were found (with the
// words in context); an org editor uploads the next version of a file through the item page's
// form, a disguised file is refused on that page and nothing changes; the account page shows the
// organisation's open actions and keeps what its user follows by e-mail.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalogue/loader.h"
#include "hub/accounts.h"
#include "hub/actions.h"
#include "hub/library.h"
#include "hub/library_files.h"
#include "hub/organizations.h"
#include "store/database.h"
#include "support/browser_session.h"
#include "support/html_document.h"
#include "support/hub_seed.h"
#include "support/make_document.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {
using testing::HtmlDocument;
using testing::ServerProcess;
using testing::TestDatabase;
using testing::TestEngine;

class LibraryPagesTest : public ::testing::TestWithParam<TestEngine> {};

// What the test puts in the database before the server starts: an organisation with an org
// editor, an open action it owns, and a published item with a PDF; the item's id.
int64_t Prepare(const std::string& location) {
  testing::HubSeed seed(location);
  const int64_t org_id = seed.Organization({{"name", "Families First"},
                                            {"type", "national_ngo"},
                                            {"wg_role", "member"},
                                            {"countries", {"KEN"}}});
  seed.User("editor@example.org", "org_editor", org_id);
  EXPECT_TRUE(hub::CreateAction(seed.db(), seed.catalogue(), seed.system,
                                {{"title", "Send the country notes"},
                                 {"owner_organization", org_id},
                                 {"due", "2020-01-31"}})
                  .has_value());
  const auto item = hub::CreateLibraryItem(seed.db(), seed.catalogue(), seed.system,
                                           {{"title", "Home visiting guide"},
                                            {"summary", "Sessions for parents."},
                                            {"publisher", org_id},
                                            {"status", "published"}});
  EXPECT_TRUE(item.has_value()) << item.error().message;
  const int64_t id = (*item)["id"];
  const hub::Upload upload{
      "guide.pdf", testing::MakeDocument("pdf", "Praise and calm limits build resilience"), ""};
  EXPECT_TRUE(hub::AddLibraryVersion(seed.db(), seed.system, id, upload, 1u << 20).has_value());
  return id;
}

// A multipart/form-data body with the CSRF token, a file part and a note.
std::string UploadBody(const std::string& csrf, const std::string& file_name,
                       const std::string& bytes, const std::string& note) {
  const std::string b = "--XyZ\r\nContent-Disposition: form-data; name=";
  return b + "\"csrf_token\"\r\n\r\n" + csrf + "\r\n" + b + "\"file\"; filename=\"" + file_name +
         "\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes + "\r\n" + b + "\"note\"\r\n\r\n" +
         note + "\r\n--XyZ--\r\n";
}

TEST_P(LibraryPagesTest, VisitorsSearchAndEditorsUploadVersionsThroughThePage) {
  if (!TestDatabase::Available(GetParam())) GTEST_SKIP() << "no PostgreSQL server";
  TestDatabase database(GetParam());
  const int64_t id = Prepare(database.location());
  ServerProcess server(database.location(), {});
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);
  const std::string item_path = "/library/" + std::to_string(id);

  // A visitor's search: the result, where its word was found, the word in context.
  const auto found = client.Get("/library?q=resilience");
  ASSERT_TRUE(found && found->status == 200);
  const HtmlDocument results(found->body);
  EXPECT_EQ(results.Texts("//main//h2[@class='result']/a"),
            (std::vector<std::string>{"Home visiting guide"}));
  EXPECT_NE(results.Text("//main//p[@class='why']").find("the file's text"), std::string::npos);
  EXPECT_NE(results.Text("//main//p[@class='why']/q").find("build resilience"), std::string::npos);
  EXPECT_EQ(
      HtmlDocument(client.Get("/library?q=earthquake")->body).Count("//main//h2[@class='result']"),
      0u);
  EXPECT_EQ(client.Get("/library?page=x")->status, 400);
  const auto item = client.Get(item_path);
  ASSERT_TRUE(item && item->status == 200);
  EXPECT_EQ(HtmlDocument(item->body).Count("//main//tbody/tr"), 1u);
  EXPECT_EQ(HtmlDocument(item->body).Count("//form[@enctype='multipart/form-data']"), 0u);
  EXPECT_EQ(client.Get("/library/999")->status, 404);

  // The org editor adds a version through the form; a disguised file is refused on the page.
  const std::string session = testing::SignIn(client, "editor%40example.org");
  const httplib::Headers with_session = {{"Cookie", session}};
  const auto page = client.Get(item_path, with_session);
  ASSERT_TRUE(page && page->status == 200);
  const std::string csrf = testing::CsrfOf(page->body);
  const std::string form_type = "multipart/form-data; boundary=XyZ";
  const auto refused = client.Post(
      item_path + "/versions", with_session,
      UploadBody(csrf, "notes.pdf", "<html><body>not a PDF</body></html>", "Disguised"), form_type);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(HtmlDocument(refused->body).Text("//p[@id='form-error']").find("PDF"),
            std::string::npos);
  const auto sent =
      client.Post(item_path + "/versions", with_session,
                  UploadBody(csrf, "guide-v2.pdf", testing::MakeDocument("pdf", "Second edition"),
                             "Second edition"),
                  form_type);
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->status, 303) << sent->body;
  EXPECT_EQ(sent->get_header_value("Location"), item_path);
  const HtmlDocument after(client.Get(item_path)->body);
  EXPECT_EQ(after.Texts("//main//tbody/tr/td[1]"), (std::vector<std::string>{"2", "1"}));
  EXPECT_EQ(after.Text("//main//tbody/tr[1]/td[3]"), "Second edition");
  // Without the session's token, nothing is written.
  EXPECT_EQ(client
                .Post(item_path + "/versions", with_session,
                      UploadBody("wrong", "x.pdf", testing::MakeDocument("pdf"), ""), form_type)
                ->status,
            403);
}

TEST_P(LibraryPagesTest, TheAccountPageShowsOpenActionsAndKeepsWhatItsUserFollows) {
  if (!TestDatabase::Available(GetParam())) GTEST_SKIP() << "no PostgreSQL server";
  TestDatabase database(GetParam());
  Prepare(database.location());
  ServerProcess server(database.location(), {});
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);
  EXPECT_EQ(client.Get("/account")->status, 303);  // to the sign-in form
  const httplib::Headers with_session = {
      {"Cookie", testing::SignIn(client, "editor%40example.org")}};
  const auto account = client.Get("/account", with_session);
  ASSERT_TRUE(account && account->status == 200);
  const HtmlDocument doc(account->body);
  EXPECT_EQ(doc.Texts("//ul[@id='my-actions']/li"),
            (std::vector<std::string>{"Overdue Send the country notes, due 2020-01-31"}));
  const std::string csrf = testing::CsrfOf(account->body);
  const auto follow = [&](const std::string& fields) {
    return client.Post("/account/subscriptions", with_session, "csrf_token=" + csrf + fields,
                       "application/x-www-form-urlencoded");
  };
  const auto refused = follow("&frequency=weekly&country=ATLANTIS");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(HtmlDocument(refused->body).Text("//p[@id='form-error']").find("ATLANTIS"),
            std::string::npos);
  const auto saved =
      follow("&frequency=weekly&country=KEN&country=UGA&approach=P4.1&topic=library");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  const HtmlDocument shown(client.Get(saved->get_header_value("Location"), with_session)->body);
  EXPECT_EQ(shown.Text("//select[@id='frequency']/option[@selected]/@value"), "weekly");
  EXPECT_EQ(shown.Texts("//select[@id='follow-country']/option[@selected]/@value"),
            (std::vector<std::string>{"KEN", "UGA"}));
  EXPECT_EQ(shown.Texts("//input[@name='topic' and @checked]/@value"),
            (std::vector<std::string>{"library"}));
  EXPECT_EQ(shown.Count("//p[@id='form-notice']"), 1u);
}

INSTANTIATE_TEST_SUITE_P(Engines, LibraryPagesTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
