// Hostile clients against the real server (issue 12): JSON nested far deeper than any record
// on every endpoint that takes a body and inside CSV cells, and spreadsheet formulas in
// exported text. Each must get a clean refusal (or harmless text) while the server keeps serving.
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>
#include <set>

#include "core/csv_records.h"
#include "web/api_fixture.h"

namespace inspire::web {
namespace {

std::string Nested(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

class HostileTest : public ApiTest {
 protected:
  httplib::Result Raw(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& type = "application/json") {
    httplib::Client client("127.0.0.1", port());
    client.set_read_timeout(30, 0);
    const httplib::Headers headers = {{"Authorization", "Bearer " + admin_token_}};
    if (method == "PATCH") return client.Patch(path, headers, body, type);
    return client.Post(path, headers, body, type);
  }

  void ExpectAlive() {
    httplib::Client client("127.0.0.1", port());
    const auto health = client.Get("/healthz");
    ASSERT_TRUE(health) << "the server no longer answers";
    EXPECT_EQ(health->status, 200);
  }
};

TEST_P(HostileTest, DeeplyNestedJsonIsRefusedOnEveryEndpointThatTakesABody) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Reply document = Send("GET", "/api/v1/openapi.json");
  const std::string deep = R"({"name": "x", "focal_points": )" + Nested(100000) + "}";
  size_t endpoints = 0;
  for (const auto& [pattern, item] : document.body["paths"].items()) {
    const std::string path = std::regex_replace(pattern, std::regex("\\{[a-z_]+\\}"), "1");
    for (const char* method : {"post", "patch"}) {
      if (!item.contains(method)) continue;
      ++endpoints;
      const auto result = Raw(method == std::string("post") ? "POST" : "PATCH", path, deep);
      ASSERT_TRUE(result) << method << " " << path << ": no answer (the server died?)";
      EXPECT_GE(result->status, 400) << method << " " << path;
      EXPECT_LT(result->status, 500) << method << " " << path << ": " << result->body;
      if (result->status == 400) {
        EXPECT_NE(result->body.find("levels deep"), std::string::npos) << result->body;
      }
    }
  }
  EXPECT_GT(endpoints, 15u);
  ExpectAlive();
}

TEST_P(HostileTest, DeeplyNestedJsonInsideACsvCellOrAPublishedFileIsRefused) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string csv =
      "name,type,wg_role,focal_points\nDeep,academia,member,\"" + Nested(50000) + "\"\n";
  const auto imported = Raw("POST", "/api/v1/organizations/import", csv, "text/csv");
  ASSERT_TRUE(imported);
  EXPECT_EQ(imported->status, 422) << imported->body;
  EXPECT_NE(imported->body.find("levels deep"), std::string::npos) << imported->body;
  Json file = EstimateFile();
  const std::string text = file.dump();
  const std::string deep_file =
      R"({"provenance": {"x": )" + Nested(100000) + R"(}, "estimates": [])" + "}";
  const auto published = Raw("POST", "/api/v1/estimates?country=KEN&year=2020&source=S", deep_file);
  ASSERT_TRUE(published);
  EXPECT_EQ(published->status, 400) << published->body;
  ExpectAlive();
  // Nesting within the limit still works.
  EXPECT_EQ(Raw("POST", "/api/v1/estimates?country=KEN&year=2020&source=S", text)->status, 201);
}

TEST_P(HostileTest, CsvExportsNeutraliseTextThatASpreadsheetWouldRunAsAFormula) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::vector<std::string> formulas = {"=HYPERLINK(\"http://x\",\"click\")",
                                             "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"};
  for (const std::string& name : formulas) {
    ASSERT_EQ(Send("POST", "/api/v1/organizations", admin_token_,
                   {{"name", name}, {"type", "academia"}, {"wg_role", "member"}})
                  .status,
              201);
  }
  ASSERT_EQ(Send("POST", "/api/v1/activities", admin_token_,
                 {{"organization_id", own_org_},
                  {"title", "=1+1"},
                  {"country", "KEN"},
                  {"status", "ongoing"},
                  {"approaches", {"P4.1"}}})
                .status,
            201);
  for (const char* path :
       {"/api/v1/organizations/export?format=csv", "/api/v1/activities/export?format=csv"}) {
    const Reply exported = Send("GET", path);
    ASSERT_EQ(exported.status, 200) << path;
    const auto records = core::ReadCsvRecords(exported.raw, path).value();
    for (const auto& row : records.rows) {
      for (const std::string& cell : row) {
        if (cell.empty()) continue;
        const bool formula_start = std::string("=+-@\t\r").find(cell[0]) != std::string::npos;
        EXPECT_FALSE(formula_start &&
                     cell.find_first_not_of("0123456789.-+eE") != std::string::npos)
            << path << ": " << cell;
      }
    }
    EXPECT_NE(exported.raw.find("'="), std::string::npos) << path;
  }
  // The hub's own import undoes the protection: export then import changes no name.
  const Reply exported = Send("GET", "/api/v1/organizations/export?format=csv");
  const Reply imported = Send("POST", "/api/v1/organizations/import", admin_token_, Json(),
                              exported.raw, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(imported.status, 200) << imported.raw;
  std::set<std::string> names;
  const Reply listed = Send("GET", "/api/v1/organizations?per_page=50");
  for (const Json& org : listed.body["items"]) {
    names.insert(org["name"].get<std::string>());
  }
  for (const std::string& name : formulas) {
    EXPECT_EQ(names.count(name), 1u)
        << name << " among " << fmt::format("{}", fmt::join(names, " | "));
  }
}

void ExpectSecurityHeaders(const httplib::Result& result, const std::string& what) {
  ASSERT_TRUE(result) << what;
  EXPECT_EQ(result->get_header_value("Content-Security-Policy")
                .rfind("default-src 'self'; frame-ancestors 'none'", 0),
            0u)
      << what;
  EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(result->get_header_value("X-Frame-Options"), "DENY") << what;
  EXPECT_FALSE(result->get_header_value("Referrer-Policy").empty()) << what;
}

TEST_P(HostileTest, EveryAnswerCarriesTheSecurityHeaders) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  httplib::Client client("127.0.0.1", port());
  for (const char* path :
       {"/", "/countries/KEN", "/login", "/api/v1/organizations", "/api/v1/openapi.json",
        "/healthz", "/no/such/page", "/api/v1/organizations/999999", "/static/style.css"}) {
    ExpectSecurityHeaders(client.Get(path), path);
  }
  ExpectSecurityHeaders(client.Post("/api/v1/session", "{", "application/json"), "bad JSON");
  EXPECT_TRUE(client.Get("/")->get_header_value("Strict-Transport-Security").empty());
}

TEST_P(HostileTest, BehindHttpsCookiesAreSecureAndHstsIsSent) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  ServerProcess https(database_->location(), {"--public-url", "https://hub.example.org"});
  ASSERT_GT(https.port(), 0) << https.first_line();
  httplib::Client client("127.0.0.1", https.port());
  const auto page = client.Get("/");
  ExpectSecurityHeaders(page, "/");
  EXPECT_EQ(page->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  {
    auto db = store::Open(database_->location());
    ASSERT_TRUE(db.has_value());
    hub::NewUser user{"secure@example.org", "another long password", "viewer", std::nullopt, ""};
    ASSERT_TRUE(
        hub::CreateUser(**db, testing::ShippedCatalogue(), hub::Actor::System(), user).has_value());
  }
  const auto signed_in = client.Post(
      "/api/v1/session", R"({"email": "secure@example.org", "password": "another long password"})",
      "application/json");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 201) << signed_in->body;
  EXPECT_NE(signed_in->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  EXPECT_NE(signed_in->get_header_value("Set-Cookie").find("HttpOnly"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, HostileTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
