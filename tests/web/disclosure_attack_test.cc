// The disclosure attacker against the hub (DESIGN.md invariant 2): everything the API and its
// exports publish about a survey is gathered, every linear relation between the cells written,
// and no suppressed cell may be determined. On the demo data and on random tables published
// with only their small cells flagged (the hub must not trust the file to be protected).
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <random>

#include "core/csv_records.h"
#include "support/disclosure_attacker.h"
#include "web/api_fixture.h"

namespace inspire::web {
namespace {

using testing::RecoverableCells;
using testing::SeenCell;

// The cells of an API listing (or a CSV export read into the same shape).
std::vector<SeenCell> Seen(const Json& items) {
  std::vector<SeenCell> cells;
  for (const Json& item : items) {
    cells.push_back({fmt::format("{}/{}", item["set_id"].dump(), item["indicator_id"].dump()),
                     item["domain"], item["domain_code"], item["flag"] == "suppressed"});
  }
  return cells;
}

// Every number a suppressed row carries (none may).
void ExpectNoNumbersInSuppressedRows(const Json& items) {
  for (const Json& item : items) {
    if (item["flag"] != "suppressed") continue;
    for (const char* field : {"n_unweighted", "n_missing", "n_weighted", "estimate", "se", "ci_low",
                              "ci_high", "deff", "df"}) {
      EXPECT_TRUE(item[field].is_null()) << field << " of " << item.dump();
    }
  }
}

// The CSV export as rows of the listing's shape (set_id from the publication time is not in
// the export, so the survey is keyed by country, year and source).
std::vector<SeenCell> SeenInCsv(const std::string& csv) {
  const auto records = core::ReadCsvRecords(csv, "export").value();
  const auto column = [&](const char* name) {
    return static_cast<size_t>(std::find(records.header.begin(), records.header.end(), name) -
                               records.header.begin());
  };
  std::vector<SeenCell> cells;
  for (const auto& row : records.rows) {
    cells.push_back({row[column("country")] + "/" + row[column("year")] + "/" +
                         row[column("source")] + "/" + row[column("indicator_id")],
                     row[column("domain")], row[column("domain_code")],
                     row[column("flag")] == "suppressed"});
    if (row[column("flag")] == "suppressed") {
      EXPECT_EQ(row[column("n_unweighted")], "");
      EXPECT_EQ(row[column("n_weighted")], "");
      EXPECT_EQ(row[column("estimate")], "");
    }
  }
  return cells;
}

TEST(DisclosureAttacker, FindsACellThatOnlyPrimarySuppressionLeavesOpen) {
  // The attack of the issue: one region suppressed, the total and the other regions shown.
  const std::vector<SeenCell> cells = {{"s", "total", "", false},
                                       {"s", "region", "1", false},
                                       {"s", "region", "2", false},
                                       {"s", "region", "3", true}};
  EXPECT_EQ(RecoverableCells(cells).size(), 1u);
  // Male = Male*Urban + Male*Rural with no "sex" table published still gives Male*Urban away
  // through the total and the other sex.
  const std::vector<SeenCell> crossed = {{"s", "total", "", false},
                                         {"s", "sex*urban", "1*1", true},
                                         {"s", "sex*urban", "1*2", false},
                                         {"s", "sex*urban", "2*1", false},
                                         {"s", "sex*urban", "2*2", false}};
  EXPECT_EQ(RecoverableCells(crossed).size(), 1u);
}

class DisclosureApiTest : public ApiTest {
 protected:
  Json AllEstimates(const std::string& query = "") {
    const Reply reply = Send("GET", "/api/v1/estimates?limit=10000" + query);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.body["items"];
  }
};

// A random indicator's rows: a total, 1-4 disaggregations with 2-5 groups, maybe a crossed
// pair, n drawn so that some groups are small; flagged as a careless file would (only n < 25).
Json RandomTables(std::mt19937& random, const std::string& indicator) {
  Json rows = Json::array();
  const auto row = [&](const std::string& domain, const std::string& code, int n) {
    const bool small = n < 25;
    Json r = {{"indicator_id", indicator},
              {"domain", domain},
              {"domain_code", code},
              {"n_unweighted", n},
              {"n_weighted", n * 10.5},
              {"estimate", 0.3},
              {"se", 0.05},
              {"flag", small ? "suppressed" : "ok"}};
    rows.push_back(r);
  };
  const auto draw = [&] {
    return random() % 4 == 0 ? 3 + static_cast<int>(random() % 20)
                             : 30 + static_cast<int>(random() % 400);
  };
  row("total", "", 2000);
  const int variables = 1 + static_cast<int>(random() % 4);
  std::vector<int> levels;
  for (int v = 0; v < variables; ++v) {
    levels.push_back(2 + static_cast<int>(random() % 4));
    for (int l = 1; l <= levels.back(); ++l) row(fmt::format("v{}", v), std::to_string(l), draw());
  }
  if (variables >= 2 && random() % 2 == 0) {
    for (int a = 1; a <= levels[0]; ++a) {
      for (int b = 1; b <= levels[1]; ++b) row("v0*v1", fmt::format("{}*{}", a, b), draw());
    }
  }
  return rows;
}

TEST_P(DisclosureApiTest, RandomTablesPublishedWithOnlyTheirSmallCellsFlaggedStaySafe) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  std::mt19937 random(2026);
  for (int survey = 0; survey < 12; ++survey) {
    Json estimates = Json::array();
    for (const char* indicator : {"1.1", "1.3", "1.4"}) {
      for (Json& row : RandomTables(random, indicator)) estimates.push_back(std::move(row));
    }
    const Json file = {{"provenance", {{"options", {{"min_n", 25}}}}}, {"estimates", estimates}};
    const Reply published =
        Send("POST", fmt::format("/api/v1/estimates?country=KEN&year=2020&source=R{}", survey),
             admin_token_, file);
    ASSERT_EQ(published.status, 201) << published.raw;
  }
  const Json items = AllEstimates("&country=KEN");
  ASSERT_GT(items.size(), 12u * 3u * 5u);
  ExpectNoNumbersInSuppressedRows(items);
  EXPECT_EQ(RecoverableCells(Seen(items)), std::vector<std::string>());
  const Reply csv = Send("GET", "/api/v1/estimates/export?format=csv&country=KEN");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(RecoverableCells(SeenInCsv(csv.raw)), std::vector<std::string>());
}

TEST_P(DisclosureApiTest, SuppressedCellsSayWhyAndCarryNoCount) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  Json file = EstimateFile();
  // Three regions, one small: the hub adds the smallest other region, not the total.
  file["estimates"] = Json::array();
  const auto row = [](const std::string& domain, const std::string& code, int n) {
    return Json{{"indicator_id", "1.3"}, {"domain", domain}, {"domain_code", code},
                {"n_unweighted", n},     {"estimate", 0.2},  {"se", 0.02},
                {"flag", "ok"}};
  };
  file["estimates"].push_back(row("total", "", 300));
  file["estimates"].push_back(row("region", "1", 150));
  file["estimates"].push_back(row("region", "2", 127));
  file["estimates"].push_back(row("region", "3", 23));
  const Reply published =
      Send("POST", "/api/v1/estimates?country=KEN&year=2021&source=S", admin_token_, file);
  ASSERT_EQ(published.status, 201) << published.raw;
  EXPECT_EQ(published.body["suppressed"], 2);
  EXPECT_EQ(published.body["complementary"], 1);
  const Json items = AllEstimates("&country=KEN&year=2021");
  ASSERT_EQ(items.size(), 4u);
  std::map<std::string, Json> by_code;
  for (const Json& item : items) by_code[item["domain_code"]] = item;
  EXPECT_EQ(by_code["3"]["suppression"], "primary");
  EXPECT_EQ(by_code["2"]["suppression"], "complementary");
  EXPECT_TRUE(by_code["2"]["n_unweighted"].is_null());
  EXPECT_EQ(by_code["1"]["flag"], "ok");
  EXPECT_EQ(by_code[""]["n_unweighted"], 300);
}

INSTANTIATE_TEST_SUITE_P(Engines, DisclosureApiTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

TEST(DisclosureDemo, NothingTheDemoHubPublishesGivesASuppressedCellAway) {
  testing::TestDatabase database(TestEngine::kSqlite);
  ServerProcess server(database.location(), {"--demo"});
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(60, 0);
  const auto listing = client.Get("/api/v1/estimates?limit=10000");
  ASSERT_TRUE(listing && listing->status == 200);
  const Json items = Json::parse(listing->body)["items"];
  size_t primary = 0, complementary = 0;
  for (const Json& item : items) {
    primary += item["suppression"] == "primary" ? 1 : 0;
    complementary += item["suppression"] == "complementary" ? 1 : 0;
  }
  EXPECT_GT(primary, 0u);
  EXPECT_GT(complementary, 0u);
  std::printf("demo: %zu estimates, %zu suppressed as small, %zu more to protect them\n",
              items.size(), primary, complementary);
  ExpectNoNumbersInSuppressedRows(items);
  EXPECT_EQ(RecoverableCells(Seen(items)), std::vector<std::string>());
  const auto csv = client.Get("/api/v1/estimates/export?format=csv");
  ASSERT_TRUE(csv && csv->status == 200);
  EXPECT_EQ(RecoverableCells(SeenInCsv(csv->body)), std::vector<std::string>());
}

}  // namespace
}  // namespace inspire::web
