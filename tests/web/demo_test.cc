// `inspire serve --demo` on SQLite and PostgreSQL: an empty database gets the fictional demo
// set (every organisation type, activities in 20 countries, needs, offers and matches, three
// survey rounds of estimates with targets) and its admin can sign in; a database that already
// holds records is left as it is.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>

#include "support/server_process.h"
#include "support/test_database.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {
using testing::ServerProcess;
using testing::TestDatabase;
using testing::TestEngine;

class DemoTest : public ::testing::TestWithParam<TestEngine> {};

Json Get(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  const auto result = client.Get(path);
  EXPECT_TRUE(result) << path;
  if (!result) return Json();
  EXPECT_EQ(result->status, 200) << path << ": " << result->body;
  return Json::parse(result->body, nullptr, false);
}

TEST_P(DemoTest, FillsAnEmptyDatabaseOnceWithAFictionalButCompleteSet) {
  if (!TestDatabase::Available(GetParam())) {
    if (HasFailure()) return;
    GTEST_SKIP() << "no PostgreSQL server (set INSPIRE_TEST_POSTGRES)";
  }
  TestDatabase database(GetParam());
  std::string password;
  int organizations = 0;
  {
    ServerProcess server(database.location(), {"--demo"});
    ASSERT_GT(server.port(), 0) << server.first_line();
    const std::string& output = server.first_line();
    const std::string marker = "with the password ";
    const size_t at = output.find(marker);
    ASSERT_NE(at, std::string::npos) << output;
    password = output.substr(at + marker.size(),
                             output.find(' ', at + marker.size()) - at - marker.size());
    EXPECT_EQ(password.size(), 23u);  // four groups of five, joined by hyphens

    // The working group's year: a work plan, coming and past meetings with decisions, actions of
    // which some are overdue; the public feeds have news.
    EXPECT_GE(Get(server.port(), "/api/v1/objectives")["total"].get<int>(), 5);
    EXPECT_GE(Get(server.port(), "/api/v1/meetings?when=upcoming")["total"].get<int>(), 2);
    EXPECT_GE(Get(server.port(), "/api/v1/meetings?when=past")["total"].get<int>(), 4);
    EXPECT_GE(Get(server.port(), "/api/v1/decisions")["total"].get<int>(), 3);
    EXPECT_GE(Get(server.port(), "/api/v1/actions?overdue=true")["total"].get<int>(), 1);
    EXPECT_GE(Get(server.port(), "/api/v1/actions?status=done")["total"].get<int>(), 1);

    // The library: items in several languages; words inside the generated PDFs are found, in
    // the file's text; the living guide has two versions; the draft is not shown.
    const Json library = Get(server.port(), "/api/v1/library?per_page=100");
    EXPECT_GE(library["total"].get<int>(), 6);
    std::set<std::string> languages;
    for (const Json& item : library["items"]) {
      languages.insert(item["language"].get<std::string>());
      EXPECT_EQ(item["status"], "published");
    }
    EXPECT_GE(languages.size(), 5u);
    const Json found = Get(server.port(), "/api/v1/library?q=breathing%20exercises");
    ASSERT_EQ(found["total"], 1) << found.dump();
    EXPECT_EQ(found["items"][0]["matched"]["fields"], Json({"file"}));
    EXPECT_EQ(found["items"][0]["versions"].size(), 2u);
    EXPECT_EQ(Get(server.port(), "/api/v1/library?q=chatiment")["total"], 1);  // châtiment

    const Json orgs = Get(server.port(), "/api/v1/organizations?per_page=200");
    organizations = orgs["total"].get<int>();
    EXPECT_GE(orgs["total"].get<int>(), 30);
    std::set<std::string> types;
    for (const Json& org : orgs["items"]) {
      types.insert(org["type"].get<std::string>());
      EXPECT_NE(org["website"].get<std::string>().find(".example"), std::string::npos);
    }
    EXPECT_EQ(types.size(), 10u);  // every organisation type

    const Json activities = Get(server.port(), "/api/v1/activities?per_page=500");
    EXPECT_GE(activities["total"].get<int>(), 100);
    std::set<std::string> countries, statuses;
    for (const Json& a : activities["items"]) {
      countries.insert(a["country"].get<std::string>());
      statuses.insert(a["status"].get<std::string>());
    }
    EXPECT_GE(countries.size(), 15u);
    EXPECT_EQ(statuses.size(), 3u);
    EXPECT_GE(Get(server.port(), "/api/v1/needs")["total"].get<int>(), 20);
    EXPECT_GE(Get(server.port(), "/api/v1/offers")["total"].get<int>(), 10);
    EXPECT_GE(Get(server.port(), "/api/v1/needs?status=matched")["total"].get<int>(), 1);

    // Three survey rounds with a downward trend, each estimate with its SE; suppressed cells
    // carry no numbers.
    const Json kenya =
        Get(server.port(), "/api/v1/countries/KEN/estimates?indicator=1.3&domain=total");
    ASSERT_EQ(kenya["total"], 3);
    std::map<int, double> by_year;
    for (const Json& row : kenya["items"]) {
      EXPECT_GT(row["se"].get<double>(), 0);
      by_year[row["year"].get<int>()] = row["estimate"].get<double>();
    }
    ASSERT_EQ(by_year.size(), 3u);
    EXPECT_GT(by_year.begin()->second, by_year.rbegin()->second);
    const Json all = Get(server.port(), "/api/v1/estimates?limit=5000");
    EXPECT_GE(all["total"].get<int>(), 1000);
    for (const Json& row : all["items"]) {
      if (row["flag"] == "suppressed") {
        EXPECT_TRUE(row["estimate"].is_null()) << row.dump();
      }
    }
    const Json targets = Get(server.port(), "/api/v1/targets?country=KEN");
    ASSERT_GE(targets["total"].get<int>(), 1);
    EXPECT_TRUE(targets["items"][0]["progress"].is_number());

    httplib::Client client("127.0.0.1", server.port());
    const auto signed_in = client.Post(
        "/api/v1/session", Json{{"email", "admin@hub.example"}, {"password", password}}.dump(),
        "application/json");
    ASSERT_TRUE(signed_in);
    EXPECT_EQ(signed_in->status, 201) << signed_in->body;
  }
  // A second start leaves the records (and the admin's password) as they are.
  ServerProcess again(database.location(), {"--demo"});
  ASSERT_GT(again.port(), 0) << again.first_line();
  EXPECT_NE(again.first_line().find("left as it is"), std::string::npos) << again.first_line();
  EXPECT_EQ(again.first_line().find("password"), std::string::npos);
  EXPECT_EQ(Get(again.port(), "/api/v1/organizations")["total"].get<int>(), organizations);
  httplib::Client client("127.0.0.1", again.port());
  const auto signed_in = client.Post(
      "/api/v1/session", Json{{"email", "admin@hub.example"}, {"password", password}}.dump(),
      "application/json");
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->status, 201);
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
