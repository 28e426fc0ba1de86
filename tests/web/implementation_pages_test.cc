// The implementation pages against the real server on the demo database, on SQLite and
// PostgreSQL: the summary's figures, charts (each an image with its words) and tables agree with
// the API; a country whose latest round is still under review shows its previous validated round
// and nothing of the one under review; filters keep what was chosen and refuse what is unknown.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

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

class ImplementationPagesTest : public ::testing::TestWithParam<TestEngine> {};

Json GetJson(httplib::Client& client, const std::string& path) {
  const auto reply = client.Get(path);
  EXPECT_TRUE(reply && reply->status == 200) << path;
  return reply ? Json::parse(reply->body, nullptr, false) : Json();
}

TEST_P(ImplementationPagesTest, PagesShowTheValidatedPictureWithItsNumbers) {
  if (!TestDatabase::Available(GetParam())) GTEST_SKIP() << "no PostgreSQL server";
  TestDatabase database(GetParam());
  ServerProcess server(database.location(), {"--demo"});
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);
  const Json summary = GetJson(client, "/api/v1/implementation/summary");
  ASSERT_EQ(summary["countries"], 20);

  const auto page = client.Get("/implementation");
  ASSERT_TRUE(page && page->status == 200);
  const HtmlDocument doc(page->body);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.Text("//ul[@class='figures']/li/strong"), "20");
  const size_t charts = doc.Count("//svg[@role='img']");
  EXPECT_EQ(charts, 3u);  // laws, strategies, the grid
  EXPECT_EQ(doc.Count("//svg[@role='img'][title[contains(../@aria-labelledby, @id)]]"
                      "[desc[contains(../@aria-labelledby, @id)]]"),
            charts);
  // The grid's table: a row per country with an answer per approach.
  EXPECT_EQ(doc.Count("//table[contains(@class, 'matrix')]/tbody/tr"), 20u);
  EXPECT_EQ(doc.Count("//table[contains(@class, 'matrix')]/tbody/tr[1]/td"), 25u);
  // The law table says what the API says.
  const Json& first_law = summary["laws"][0];
  const std::string cell = doc.Text("//table[1]/tbody/tr[1]/td[1]");
  EXPECT_NE(cell.find("(" + std::to_string(first_law["in_place"]["count"].get<int>()) + " of " +
                      std::to_string(first_law["in_place"]["of"].get<int>()) + ")"),
            std::string::npos)
      << cell;

  // Zimbabwe's 2024 review is a draft: its page shows the 2019 baseline and nothing newer.
  const auto zimbabwe = client.Get("/countries/ZWE/implementation");
  ASSERT_TRUE(zimbabwe && zimbabwe->status == 200);
  EXPECT_NE(zimbabwe->body.find("2019 baseline"), std::string::npos);
  EXPECT_EQ(zimbabwe->body.find("2024 review"), std::string::npos);
  const Json rounds = GetJson(client, "/api/v1/implementation/rounds?country=ZWE");
  EXPECT_EQ(rounds["total"], 1);
  // Kenya's review is validated: compared with the baseline, gaps listed, partners counted.
  const auto kenya = client.Get("/countries/KEN/implementation");
  const HtmlDocument kenya_doc(kenya->body);
  EXPECT_NE(kenya->body.find("compared with 2019 baseline"), std::string::npos);
  EXPECT_EQ(kenya_doc.Count("//main//section/h2/a[starts-with(@href, '/strategies/')]"), 7u);
  const Json picture = GetJson(client, "/api/v1/countries/KEN/implementation");
  // The country page says it in a sentence and links to it; Zimbabwe's names its baseline.
  const auto profile = client.Get("/countries/KEN");
  EXPECT_NE(profile->body.find("Latest validated implementation round, 2024 review:"),
            std::string::npos);
  EXPECT_EQ(HtmlDocument(profile->body).Count("//a[@href='/countries/KEN/implementation']"), 1u);
  EXPECT_NE(client.Get("/countries/ZWE")->body.find("round, 2019 baseline:"), std::string::npos);
  EXPECT_EQ(kenya_doc.Count("//tr[contains(@class, 'gap-row')]"), picture["gaps"].size());
  // A surveyed demo country's survey of a year with estimates in the hub links to them.
  bool linked = false;
  for (const char* code : {"KEN", "UGA", "TZA", "RWA", "MWI", "ZMB", "ZWE", "NGA", "CIV"}) {
    const Json country =
        GetJson(client, std::string("/api/v1/countries/") + code + "/implementation");
    if (country["surveys"].empty()) continue;
    ASSERT_EQ(country["surveys"][0]["published"].size(), 1u) << code;
    const auto shown = client.Get(std::string("/countries/") + code + "/implementation");
    EXPECT_EQ(
        HtmlDocument(shown->body).Count(std::string("//td/a[@href='/countries/") + code + "']"), 1u)
        << code;
    linked = true;
    break;
  }
  EXPECT_TRUE(linked);

  const auto filtered = client.Get("/implementation?region=EMR");
  const HtmlDocument filtered_doc(filtered->body);
  EXPECT_EQ(filtered_doc.Texts("//select/option[@selected]/@value"),
            (std::vector<std::string>{"EMR"}));
  EXPECT_EQ(filtered_doc.Text("//ul[@class='figures']/li/strong"), "1");  // Jordan
  EXPECT_EQ(client.Get("/implementation?region=MARS")->status, 400);
  EXPECT_EQ(client.Get("/countries/XXX/implementation")->status, 404);
}

INSTANTIATE_TEST_SUITE_P(Engines, ImplementationPagesTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
