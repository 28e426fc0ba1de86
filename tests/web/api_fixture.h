// The fixture of the JSON API tests: the real `inspire serve` on 127.0.0.1 (port 0) over a fresh
// SQLite file or PostgreSQL database with one user per role and two organisations, and Send(),
// which checks every answer against the server's OpenAPI document. With
// INSPIRE_TEST_THROUGH_NGINX=1 every request goes through Debian's nginx with the shipped site
// configuration (deploy/nginx), the production setup, and the server trusts it as its proxy.
#ifndef INSPIRE_TESTS_WEB_API_FIXTURE_H_
#define INSPIRE_TESTS_WEB_API_FIXTURE_H_

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <csignal>
#include <cstdlib>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "hub/accounts.h"
#include "store/database.h"
#include "support/nginx_process.h"
#include "support/openapi_check.h"
#include "support/server_process.h"
#include "support/shipped_catalogue.h"
#include "support/test_database.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

// The engine is unavailable: skipped (or failed, under INSPIRE_REQUIRE_POSTGRES=1, in SetUp).
#define INSPIRE_SKIP_WITHOUT_DATABASE()                                   \
  do {                                                                    \
    if (database_ == nullptr) {                                           \
      if (HasFailure()) return;                                           \
      GTEST_SKIP() << "no PostgreSQL server (set INSPIRE_TEST_POSTGRES)"; \
    }                                                                     \
  } while (false)

using testing::ServerProcess;
using testing::TestDatabase;
using testing::TestEngine;

struct Reply {
  int status = 0;
  Json body;
  std::string raw;
  std::string set_cookie;
  std::string content_type;
  std::string retry_after;
  httplib::Headers headers;  // every header of the answer
};

class ApiTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    // A client that writes after the server closed must see an error, not die of SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    if (!TestDatabase::Available(GetParam())) return;
    database_ = std::make_unique<TestDatabase>(GetParam());
    auto db = store::Open(database_->location());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    ASSERT_TRUE(store::Migrate(**db).has_value());
    // Two organisations first, so that org editors can be tied to them.
    admin_token_ = AddUser(**db, "admin@example.org", "admin", std::nullopt, "");
    std::vector<std::string> options = ServerOptions();
    if (ThroughNginx()) {
      ASSERT_TRUE(testing::NginxProcess::Available()) << "INSPIRE_TEST_THROUGH_NGINX needs nginx";
      options.insert(options.end(), {"--trusted-proxy", "127.0.0.1"});
    }
    server_ = std::make_unique<ServerProcess>(database_->location(), options);
    ASSERT_GT(server_->port(), 0) << "the server did not start: " << server_->first_line();
    if (ThroughNginx()) {
      nginx_ = std::make_unique<testing::NginxProcess>(server_->port(),
                                                       std::map<std::string, std::string>{});
      ASSERT_GT(nginx_->port(), 0) << "nginx did not start: " << nginx_->error_log();
    }
    {
      httplib::Client client("127.0.0.1", port());
      const auto document = client.Get("/api/v1/openapi.json");
      ASSERT_TRUE(document && document->status == 200);
      openapi_ = std::make_unique<testing::OpenApiCheck>(Json::parse(document->body));
    }
    own_org_ = Send("POST", "/api/v1/organizations", admin_token_,
                    {{"name", "Own Org"}, {"type", "national_ngo"}, {"wg_role", "member"}})
                   .body["id"];
    other_org_ = Send("POST", "/api/v1/organizations", admin_token_,
                      {{"name", "Other Org"}, {"type", "academia"}, {"wg_role", "member"}})
                     .body["id"];
    tokens_["admin"] = admin_token_;
    tokens_["secretariat"] = AddUser(**db, "sec@example.org", "secretariat", std::nullopt, "");
    tokens_["org_editor"] = AddUser(**db, "editor@example.org", "org_editor", own_org_, "");
    tokens_["country_focal_point"] =
        AddUser(**db, "kenya@example.org", "country_focal_point", std::nullopt, "KEN");
    tokens_["viewer"] = AddUser(**db, "viewer@example.org", "viewer", std::nullopt, "");
  }

  // Options of `inspire serve` beyond the database (a derived fixture may add some).
  virtual std::vector<std::string> ServerOptions() const { return {}; }

  // True when the run asks for nginx in front (INSPIRE_TEST_THROUGH_NGINX=1).
  static bool ThroughNginx() {
    const char* value = std::getenv("INSPIRE_TEST_THROUGH_NGINX");
    return value != nullptr && std::string(value) == "1";
  }

  // The port that clients talk to: nginx's when it is in front, else the server's.
  int port() const { return nginx_ != nullptr ? nginx_->port() : server_->port(); }

  static std::string AddUser(store::Connection& db, const std::string& email,
                             const std::string& role, std::optional<int64_t> org,
                             const std::string& country) {
    hub::NewUser user{email, "a long enough password", role, org, country};
    auto created = hub::CreateUser(db, testing::ShippedCatalogue(), hub::Actor::System(), user);
    EXPECT_TRUE(created.has_value()) << created.error().message;
    auto token = hub::CreateApiToken(db, email);
    EXPECT_TRUE(token.has_value());
    return token.value_or("");
  }

  Reply Send(const std::string& method, const std::string& path, const std::string& token = "",
             const Json& body = Json(), const std::string& raw_body = "",
             const httplib::Headers& extra = {}) {
    httplib::Client client("127.0.0.1", port());
    client.set_read_timeout(30, 0);
    httplib::Headers headers = extra;
    std::string content_type = "application/json";
    if (const auto given = headers.find("Content-Type"); given != headers.end()) {
      content_type = given->second;
      headers.erase(given);
    }
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    const std::string content = raw_body.empty() && !body.is_null() ? body.dump() : raw_body;
    httplib::Result result = [&] {
      if (method == "GET") return client.Get(path, headers);
      if (method == "POST") return client.Post(path, headers, content, content_type);
      if (method == "PATCH") return client.Patch(path, headers, content, content_type);
      if (method == "PUT") return client.Put(path, headers, content, content_type);
      return client.Delete(path, headers);
    }();
    Reply reply;
    if (!result) {
      ADD_FAILURE() << method << " " << path << ": no response";
      return reply;
    }
    reply.status = result->status;
    reply.raw = result->body;
    // Every answer the tests get must be one the OpenAPI document describes.
    if (openapi_ != nullptr) {
      EXPECT_EQ(openapi_->Response(method, path.substr(0, path.find('?')), result->status,
                                   result->body, result->get_header_value("Content-Type")),
                "");
      // Every JSON body the server accepted is one the document describes.
      if (result->status < 300 && content_type == "application/json" && !content.empty()) {
        EXPECT_EQ(openapi_->Request(method, path.substr(0, path.find('?')), content), "");
      }
    }
    reply.set_cookie = result->get_header_value("Set-Cookie");
    reply.content_type = result->get_header_value("Content-Type");
    reply.retry_after = result->get_header_value("Retry-After");
    reply.headers = result->headers;
    if (!result->body.empty()) reply.body = Json::parse(result->body, nullptr, false);
    return reply;
  }

  // Every error has {"error": {"code", "message", "field"}}.
  static void ExpectErrorBody(const Reply& reply) {
    ASSERT_TRUE(reply.body.is_object()) << reply.raw;
    ASSERT_TRUE(reply.body.contains("error")) << reply.raw;
    EXPECT_TRUE(reply.body["error"]["code"].is_string()) << reply.raw;
    EXPECT_TRUE(reply.body["error"]["message"].is_string()) << reply.raw;
    EXPECT_TRUE(reply.body["error"].contains("field")) << reply.raw;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<testing::NginxProcess> nginx_;  // declared after server_: stopped first
  std::unique_ptr<testing::OpenApiCheck> openapi_;
  std::string admin_token_;
  std::map<std::string, std::string> tokens_;
  int64_t own_org_ = 0;
  int64_t other_org_ = 0;
};

// An estimate file as `inspire estimate --format json` writes it: an ok row, a row the file
// says is suppressed but which still carries numbers, and a row under the hub's threshold that
// the file (tampered with) calls ok.
inline Json EstimateFile() {
  const auto row = [](const std::string& code, double n, const std::string& flag) {
    return Json{{"indicator_id", "1.3"},
                {"indicator_name", "Sexual violence before 18"},
                {"domain", code.empty() ? "total" : "region"},
                {"domain_code", code},
                {"domain_label", code.empty() ? "" : "Region " + code},
                {"n_unweighted", n},
                {"n_missing", 3},
                {"n_weighted", 1234.5},
                {"estimate", 0.25},
                {"se", 0.02},
                {"ci_low", 0.21},
                {"ci_high", 0.29},
                {"deff", 1.7},
                {"df", 40},
                {"flag", flag}};
  };
  return Json{
      {"provenance", {{"recipe", {{"name", "builtin:vacs"}}}, {"options", {{"min_n", 25}}}}},
      {"estimates", {row("", 800, "ok"), row("1", 12, "suppressed"), row("2", 10, "ok")}}};
}

}  // namespace inspire::web

#endif  // INSPIRE_TESTS_WEB_API_FIXTURE_H_
