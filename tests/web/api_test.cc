// The JSON API against the real `inspire serve` on 127.0.0.1 (port 0), on SQLite and on
// PostgreSQL: authorisation by role and ownership, error bodies and statuses for bad input,
// text that round-trips intact, sessions with CSRF, sign-in rate limits, the audit trail and
// concurrent writers.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <csignal>
#include <nlohmann/json.hpp>
#include <thread>

#include "catalogue/loader.h"
#include "core/fault_point.h"
#include "hub/accounts.h"
#include "store/database.h"
#include "support/run_binary.h"
#include "support/server_process.h"
#include "support/test_database.h"
#include "web/api_fixture.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

TEST_P(ApiTest, AnonymousVisitorsReadButDoNotWrite) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Reply list = Send("GET", "/api/v1/organizations");
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(list.body["total"], 2);
  const Reply create = Send("POST", "/api/v1/organizations", "",
                            {{"name", "X"}, {"type", "academia"}, {"wg_role", "member"}});
  EXPECT_EQ(create.status, 401);
  ExpectErrorBody(create);
  EXPECT_EQ(Send("GET", "/api/v1/audit").status, 401);
  EXPECT_EQ(Send("GET", "/api/v1/users").status, 401);
  EXPECT_EQ(Send("GET", "/api/v1/organizations", "not-a-token").status, 401);
}

// Every organisation endpoint x every role x own/other record.
TEST_P(ApiTest, AuthorisationMatrixForOrganisations) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  struct Case {
    std::string role;
    int create, patch_own, patch_other, remove;
  };
  const std::vector<Case> cases = {
      {"admin", 201, 200, 200, 204},      {"secretariat", 201, 200, 200, 204},
      {"org_editor", 403, 200, 403, 403}, {"country_focal_point", 403, 403, 403, 403},
      {"viewer", 403, 403, 403, 403},
  };
  int n = 0;
  for (const Case& c : cases) {
    const std::string& token = tokens_[c.role];
    const Reply created =
        Send("POST", "/api/v1/organizations", token,
             {{"name", "By " + c.role}, {"type", "foundation"}, {"wg_role", "member"}});
    EXPECT_EQ(created.status, c.create) << c.role << " create: " << created.raw;
    const Json patch = {{"acronym", "A" + std::to_string(n++)}};
    EXPECT_EQ(
        Send("PATCH", "/api/v1/organizations/" + std::to_string(own_org_), token, patch).status,
        c.patch_own)
        << c.role << " patch own";
    EXPECT_EQ(
        Send("PATCH", "/api/v1/organizations/" + std::to_string(other_org_), token, patch).status,
        c.patch_other)
        << c.role << " patch other";
    // Delete a fresh organisation made by the admin, so every role gets the same target.
    const int64_t victim =
        Send("POST", "/api/v1/organizations", admin_token_,
             {{"name", "Victim " + c.role}, {"type", "foundation"}, {"wg_role", "member"}})
            .body["id"];
    EXPECT_EQ(Send("DELETE", "/api/v1/organizations/" + std::to_string(victim), token).status,
              c.remove)
        << c.role << " delete";
    EXPECT_EQ(Send("GET", "/api/v1/audit", token).status,
              c.role == "admin" || c.role == "secretariat" ? 200 : 403)
        << c.role << " audit";
    EXPECT_EQ(Send("GET", "/api/v1/users", token).status, c.role == "admin" ? 200 : 403)
        << c.role << " users";
  }
  // An org editor may not promote its own organisation.
  const Reply promote = Send("PATCH", "/api/v1/organizations/" + std::to_string(own_org_),
                             tokens_["org_editor"], {{"wg_role", "co_chair"}});
  EXPECT_EQ(promote.status, 403);
  EXPECT_EQ(promote.body["error"]["field"], "wg_role");
}

TEST_P(ApiTest, BadInputGetsTheRightStatusAndNeverA500) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string path = "/api/v1/organizations";
  const auto expect = [&](const Reply& reply, int status, const std::string& field) {
    EXPECT_EQ(reply.status, status) << reply.raw;
    ExpectErrorBody(reply);
    if (!field.empty()) {
      EXPECT_EQ(reply.body["error"]["field"], field) << reply.raw;
    }
  };
  expect(Send("POST", path, admin_token_, Json(), "{not json"), 400, "");
  expect(Send("POST", path, admin_token_, Json(), "[1, 2]"), 422, "");
  expect(
      Send("POST", path, admin_token_, {{"name", 5}, {"type", "academia"}, {"wg_role", "member"}}),
      422, "name");
  expect(Send("POST", path, admin_token_, {{"type", "academia"}, {"wg_role", "member"}}), 422,
         "name");
  expect(Send("POST", path, admin_token_,
              {{"name", "Z"}, {"type", "academia"}, {"wg_role", "member"}, {"colour", "red"}}),
         422, "colour");
  expect(Send("POST", path, admin_token_,
              {{"name", "Z"}, {"type", "academia"}, {"wg_role", "member"}, {"countries", {"XXX"}}}),
         422, "countries");
  expect(Send("POST", path, admin_token_,
              {{"name", "Own Org"}, {"type", "academia"}, {"wg_role", "member"}}),
         409, "name");
  expect(Send("POST", path, admin_token_, Json(), std::string(17 << 20, ' ')), 413, "");
  expect(Send("POST", path, admin_token_, Json(), "{\"name\": \"\xff\xfe\"}"), 400, "");
  expect(Send("GET", path + "?page=abc"), 400, "page");
  expect(Send("GET", path + "?sort=colour"), 422, "sort");
  expect(Send("GET", path + "/99999"), 404, "");
  expect(Send("GET", path + "/abc"), 404, "");
  expect(Send("GET", "/api/v1/nothing-here"), 404, "");
  expect(Send("GET", "/api/v1/countries/XXX"), 404, "");
}

TEST_P(ApiTest, TextRoundTripsIntactAndSearchIsLiteral) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::vector<std::string> names = {
      "Robert'); DROP TABLE organizations;--", "100% \"quoted\" _under_ \\slash",
      "Protection de l'enfance — Sénégal", "حماية الطفل", "儿童保护 <script>alert(1)</script>"};
  for (const auto& name : names) {
    const Reply created = Send(
        "POST", "/api/v1/organizations", admin_token_,
        {{"name", name}, {"type", "national_ngo"}, {"wg_role", "member"}, {"countries", {"sen"}}});
    ASSERT_EQ(created.status, 201) << created.raw;
    const Reply read =
        Send("GET", "/api/v1/organizations/" + std::to_string(created.body["id"].get<int64_t>()));
    EXPECT_EQ(read.body["name"], name);
    EXPECT_EQ(read.body["countries"], Json::array({"SEN"}));
  }
  const Reply percent = Send("GET", "/api/v1/organizations?q=100%25");
  EXPECT_EQ(percent.body["total"], 1) << percent.raw;
  const Reply underscore = Send("GET", "/api/v1/organizations?q=_");
  EXPECT_EQ(underscore.body["total"], 1) << underscore.raw;
  const Reply senegal = Send("GET", "/api/v1/organizations?country=SEN&sort=-name&per_page=2");
  EXPECT_EQ(senegal.body["total"], 5);
  EXPECT_EQ(senegal.body["items"].size(), 2u);
}

TEST_P(ApiTest, SessionsNeedTheirCsrfTokenForWritesAndSignInIsRateLimited) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Reply wrong = Send("POST", "/api/v1/session", "",
                           {{"email", "admin@example.org"}, {"password", "wrong password!"}});
  EXPECT_EQ(wrong.status, 401);
  const Reply signed_in =
      Send("POST", "/api/v1/session", "",
           {{"email", "Admin@Example.org"}, {"password", "a long enough password"}});
  ASSERT_EQ(signed_in.status, 201) << signed_in.raw;
  EXPECT_NE(signed_in.set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(signed_in.set_cookie.find("SameSite=Strict"), std::string::npos);
  const std::string cookie = signed_in.set_cookie.substr(0, signed_in.set_cookie.find(';'));
  const std::string csrf = signed_in.body["csrf_token"];
  const std::string org = "/api/v1/organizations/" + std::to_string(own_org_);
  const Json patch = {{"acronym", "OO"}};
  EXPECT_EQ(Send("GET", "/api/v1/session", "", Json(), "", {{"Cookie", cookie}}).status, 200);
  EXPECT_EQ(Send("PATCH", org, "", patch, "", {{"Cookie", cookie}}).status, 403);
  EXPECT_EQ(
      Send("PATCH", org, "", patch, "", {{"Cookie", cookie}, {"X-CSRF-Token", "forged"}}).status,
      403);
  EXPECT_EQ(Send("PATCH", org, "", patch, "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}).status,
            200);
  EXPECT_EQ(Send("DELETE", "/api/v1/session", "", Json(), "",
                 {{"Cookie", cookie}, {"X-CSRF-Token", csrf}})
                .status,
            204);
  EXPECT_EQ(Send("GET", "/api/v1/session", "", Json(), "", {{"Cookie", cookie}}).status, 401);
  // Ten failures in the window (one above), then even the right password is refused.
  for (int i = 0; i < hub::kMaxFailedSignIns - 1; ++i) {
    Send("POST", "/api/v1/session", "", {{"email", "viewer@example.org"}, {"password", "nope"}});
  }
  const Reply limited =
      Send("POST", "/api/v1/session", "",
           {{"email", "viewer@example.org"}, {"password", "a long enough password"}});
  EXPECT_EQ(limited.status, 429) << limited.raw;
  ExpectErrorBody(limited);
}

TEST_P(ApiTest, EveryWriteLeavesAnAuditRecordWithBeforeAndAfter) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string org = "/api/v1/organizations/" + std::to_string(own_org_);
  ASSERT_EQ(Send("PATCH", org, admin_token_, {{"website", "https://own.example.org"}}).status, 200);
  const Reply audit =
      Send("GET", "/api/v1/audit?entity=organization&entity_id=" + std::to_string(own_org_),
           admin_token_);
  ASSERT_EQ(audit.status, 200) << audit.raw;
  ASSERT_EQ(audit.body["items"].size(), 2u);  // create, then update (newest first)
  const Json& update = audit.body["items"][0];
  EXPECT_EQ(update["action"], "update");
  EXPECT_EQ(update["user"], "admin@example.org");
  EXPECT_EQ(update["before"]["website"], "");
  EXPECT_EQ(update["after"]["website"], "https://own.example.org");
  // A refused write leaves nothing.
  ASSERT_EQ(Send("PATCH", org, admin_token_, {{"website", "ftp://x"}}).status, 422);
  EXPECT_EQ(Send("GET", "/api/v1/audit?entity=organization&entity_id=" + std::to_string(own_org_),
                 admin_token_)
                .body["items"]
                .size(),
            2u);
}

TEST_P(ApiTest, ConcurrentWritersAllLand) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  std::vector<std::thread> writers;
  writers.reserve(4);
  std::atomic<int> created{0};
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const Reply reply = Send("POST", "/api/v1/organizations", admin_token_,
                                 {{"name", "Writer " + std::to_string(t) + "." + std::to_string(i)},
                                  {"type", "academia"},
                                  {"wg_role", "community_of_practice"}});
        if (reply.status == 201) ++created;
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(created.load(), 40);
  EXPECT_EQ(Send("GET", "/api/v1/organizations?wg_role=community_of_practice").body["total"], 40);
}

TEST_P(ApiTest, CountriesAndTheCatalogueArePublic) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Reply countries = Send("GET", "/api/v1/countries");
  EXPECT_EQ(countries.status, 200);
  EXPECT_GT(countries.body["total"].get<int>(), 190);
  const Reply kenya = Send("GET", "/api/v1/countries/ken");
  EXPECT_EQ(kenya.status, 200);
  EXPECT_EQ(kenya.body["iso3"], "KEN");
  const Reply strategies = Send("GET", "/api/v1/catalogue/strategies");
  EXPECT_EQ(strategies.body["total"], 7);
}

Json Activity(int64_t org, const std::string& country, const Json& approaches) {
  return Json{{"organization_id", org},   {"title", "Parenting groups in " + country},
              {"country", country},       {"status", "ongoing"},
              {"approaches", approaches}, {"start_date", "2024-01"},
              {"end_date", "2026-12-31"}, {"people_reached", 1200},
              {"budget", 50000},          {"currency", "USD"}};
}

TEST_P(ApiTest, ActivitiesAreWrittenByStaffTheirOrganisationOrTheirCountry) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  struct Case {
    std::string role;
    int own_org_in_uganda, other_org_in_kenya, other_org_in_uganda;
  };
  const std::vector<Case> cases = {
      {"admin", 201, 201, 201},      {"secretariat", 201, 201, 201},
      {"org_editor", 201, 403, 403}, {"country_focal_point", 403, 201, 403},
      {"viewer", 403, 403, 403},     {"", 401, 401, 401}};
  for (const Case& c : cases) {
    const std::string token = c.role.empty() ? "" : tokens_[c.role];
    EXPECT_EQ(Send("POST", "/api/v1/activities", token, Activity(own_org_, "UGA", {"P4.1"})).status,
              c.own_org_in_uganda)
        << c.role;
    EXPECT_EQ(
        Send("POST", "/api/v1/activities", token, Activity(other_org_, "KEN", {"P4.1"})).status,
        c.other_org_in_kenya)
        << c.role;
    EXPECT_EQ(
        Send("POST", "/api/v1/activities", token, Activity(other_org_, "UGA", {"P4.1"})).status,
        c.other_org_in_uganda)
        << c.role;
  }
  // An org editor may not move its activity to another organisation.
  const int64_t mine =
      Send("POST", "/api/v1/activities", tokens_["org_editor"], Activity(own_org_, "UGA", {"E7.1"}))
          .body["id"];
  EXPECT_EQ(Send("PATCH", "/api/v1/activities/" + std::to_string(mine), tokens_["org_editor"],
                 {{"organization_id", other_org_}})
                .status,
            403);
  EXPECT_EQ(Send("PATCH", "/api/v1/activities/" + std::to_string(mine), tokens_["org_editor"],
                 {{"status", "completed"}})
                .status,
            200);
  EXPECT_EQ(Send("DELETE", "/api/v1/activities/" + std::to_string(mine), tokens_["viewer"]).status,
            403);
  EXPECT_EQ(
      Send("DELETE", "/api/v1/activities/" + std::to_string(mine), tokens_["org_editor"]).status,
      204);
}

TEST_P(ApiTest, ActivitiesFilterByCountryApproachStrategyStatusAndOrganisationType) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  ASSERT_EQ(
      Send("POST", "/api/v1/activities", admin_token_, Activity(own_org_, "KEN", {"P4.1", "R6.1"}))
          .status,
      201);
  ASSERT_EQ(Send("POST", "/api/v1/activities", admin_token_, Activity(other_org_, "KEN", {"E7.1"}))
                .status,
            201);
  Json planned = Activity(other_org_, "UGA", {"P4.2"});
  planned["status"] = "planned";
  ASSERT_EQ(Send("POST", "/api/v1/activities", admin_token_, planned).status, 201);
  const auto total = [&](const std::string& query) {
    const Reply reply = Send("GET", "/api/v1/activities?" + query);
    EXPECT_EQ(reply.status, 200) << query << ": " << reply.raw;
    return reply.body["total"].get<int>();
  };
  EXPECT_EQ(total("country=ken"), 2);
  EXPECT_EQ(total("approach=P4.1"), 1);
  EXPECT_EQ(total("strategy=P4"), 2);
  EXPECT_EQ(total("status=planned"), 1);
  EXPECT_EQ(total("organization_type=academia"), 2);
  EXPECT_EQ(total("organization=" + std::to_string(own_org_)), 1);
  EXPECT_EQ(total("strategy=%25"), 0);  // a wildcard is matched literally
  EXPECT_EQ(Send("GET", "/api/v1/activities?sort=budget").status, 422);
}

TEST_P(ApiTest, ActivityFieldsAreCheckedAndNamed) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const auto field_of = [&](const Json& body) {
    const Reply reply = Send("POST", "/api/v1/activities", admin_token_, body);
    EXPECT_EQ(reply.status, 422) << reply.raw;
    return reply.body["error"]["field"];
  };
  Json bad = Activity(own_org_, "KEN", {"P9.9"});
  EXPECT_EQ(field_of(bad), "approaches");
  bad = Activity(own_org_, "KEN", {"P4.1"});
  bad["end_date"] = "2023-12";
  EXPECT_EQ(field_of(bad), "end_date");
  bad["end_date"] = "2024-13-01";
  EXPECT_EQ(field_of(bad), "end_date");
  bad = Activity(own_org_, "KEN", {"P4.1"});
  bad["currency"] = "";
  EXPECT_EQ(field_of(bad), "currency");
  bad = Activity(own_org_, "KEN", {"P4.1"});
  bad["people_reached"] = -5;
  EXPECT_EQ(field_of(bad), "people_reached");
  bad = Activity(999999, "KEN", {"P4.1"});
  EXPECT_EQ(field_of(bad), "organization_id");
  bad = Activity(own_org_, "Kenya", {"P4.1"});
  EXPECT_EQ(field_of(bad), "country");
  EXPECT_EQ(Send("GET", "/api/v1/activities").body["total"], 0);
}

// Two servers on one database: a cached answer of one is never stale after a write through the
// other (the data version lives in the database), and an unchanged answer revalidates as 304.
TEST_P(ApiTest, TwoServersShareOneDatabaseWithoutStaleAnswers) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  ServerProcess second(database_->location());
  ASSERT_GT(second.port(), 0) << second.first_line();
  httplib::Client first_client("127.0.0.1", server_->port());
  httplib::Client second_client("127.0.0.1", second.port());
  const auto total = [](httplib::Client& client) {
    auto reply = client.Get("/api/v1/organizations");
    return reply ? Json::parse(reply->body)["total"].get<int>() : -1;
  };
  EXPECT_EQ(total(first_client), 2);
  EXPECT_EQ(total(first_client), 2);  // now from the first server's cache
  auto created = second_client.Post(
      "/api/v1/organizations", {{"Authorization", "Bearer " + admin_token_}},
      Json{{"name", "Made elsewhere"}, {"type", "foundation"}, {"wg_role", "member"}}.dump(),
      "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201);
  EXPECT_EQ(total(second_client), 3);  // the writing server: at once
  // The other server: at once on SQLite (it asks the database per request); on PostgreSQL as
  // soon as the database's notification of the commit arrives (milliseconds).
  int seen = total(first_client);
  for (int i = 0; i < 200 && seen != 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    seen = total(first_client);
  }
  EXPECT_EQ(seen, 3);
  auto tagged = first_client.Get("/api/v1/organizations");
  ASSERT_TRUE(tagged);
  const std::string etag = tagged->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = first_client.Get("/api/v1/organizations", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
}

// Needs and offers: who may record them, and the ranked offers that fit a need.
TEST_P(ApiTest, OpenNeedsAreMatchedWithFittingOffersBestFirst) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Json need = {{"country", "KEN"},
                     {"kind", "training"},
                     {"approaches", {"P4.1", "P4.2"}},
                     {"description", "Train parenting facilitators"}};
  EXPECT_EQ(Send("POST", "/api/v1/needs", "", need).status, 401);
  EXPECT_EQ(Send("POST", "/api/v1/needs", tokens_["viewer"], need).status, 403);
  Json uganda = need;
  uganda["country"] = "UGA";
  EXPECT_EQ(Send("POST", "/api/v1/needs", tokens_["country_focal_point"], uganda).status, 403);
  const Reply created = Send("POST", "/api/v1/needs", tokens_["country_focal_point"], need);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["status"], "open");
  const int64_t need_id = created.body["id"];

  const auto offer = [&](const std::string& token, int64_t org, const Json& extra) {
    Json body = {{"organization_id", org}, {"kind", "training"}, {"approaches", {"P4.1"}}};
    body.update(extra);
    return Send("POST", "/api/v1/offers", token, body);
  };
  EXPECT_EQ(offer(tokens_["org_editor"], other_org_, Json::object()).status, 403);
  const int64_t anywhere = offer(tokens_["org_editor"], own_org_, Json::object()).body["id"];
  const int64_t in_kenya = offer(admin_token_, other_org_, {{"countries", {"KEN"}}}).body["id"];
  const int64_t both_in_region =
      offer(admin_token_, other_org_, {{"approaches", {"P4.1", "P4.2"}}, {"regions", {"AFR"}}})
          .body["id"];
  ASSERT_EQ(offer(admin_token_, other_org_, {{"countries", {"PER"}}}).status, 201);  // elsewhere
  ASSERT_EQ(offer(admin_token_, other_org_, {{"kind", "funding"}}).status, 201);     // other kind
  ASSERT_EQ(offer(admin_token_, other_org_, {{"approaches", {"E7.1"}}}).status, 201);
  EXPECT_EQ(offer(admin_token_, other_org_, {{"regions", {"MARS"}}}).status, 422);

  const Reply candidates = Send("GET", "/api/v1/needs/" + std::to_string(need_id) + "/matches");
  ASSERT_EQ(candidates.status, 200) << candidates.raw;
  const Json& items = candidates.body["items"];
  ASSERT_EQ(items.size(), 3u) << candidates.raw;
  EXPECT_EQ(items[0]["offer"]["id"], both_in_region);  // two shared approaches
  EXPECT_EQ(items[0]["where"], "region");
  EXPECT_EQ(items[1]["offer"]["id"], in_kenya);
  EXPECT_EQ(items[1]["where"], "country");
  EXPECT_EQ(items[2]["offer"]["id"], anywhere);

  const std::string matches = "/api/v1/needs/" + std::to_string(need_id) + "/matches";
  EXPECT_EQ(Send("POST", matches, tokens_["org_editor"], {{"offer_id", in_kenya}}).status, 403);
  EXPECT_EQ(Send("POST", matches, admin_token_, {{"offer_id", in_kenya}}).status, 201);
  EXPECT_EQ(Send("POST", matches, admin_token_, {{"offer_id", in_kenya}}).status, 409);
  EXPECT_EQ(Send("GET", "/api/v1/needs/" + std::to_string(need_id)).body["status"], "matched");
  EXPECT_EQ(Send("GET", matches).body["items"][1]["matched"], true);
  EXPECT_EQ(Send("GET", "/api/v1/needs?country=KEN&status=matched").body["total"], 1);
  EXPECT_EQ(Send("GET", "/api/v1/offers?country=KEN&kind=training").body["total"], 4);
  EXPECT_EQ(Send("GET", "/api/v1/offers?approach=P4.2").body["total"], 1);
  EXPECT_EQ(Send("GET", "/api/v1/needs?approach=P4.2").body["total"], 1);
  EXPECT_EQ(Send("GET", "/api/v1/needs?approach=E7.1").body["total"], 0);
  EXPECT_EQ(Send("GET", "/api/v1/needs?approach=P4").body["total"], 0) << "an id, not a prefix";
  // An edited list replaces the old one: the offer moves from Kenya to Peru.
  ASSERT_EQ(Send("PATCH", "/api/v1/offers/" + std::to_string(in_kenya), admin_token_,
                 {{"countries", {"PER"}}})
                .status,
            200);
  // Kenya: the two offered anywhere and the one in its region; Peru: those two, the offer that
  // named Peru from the start and the one that moved there.
  EXPECT_EQ(Send("GET", "/api/v1/offers?country=KEN&kind=training").body["total"], 3);
  EXPECT_EQ(Send("GET", "/api/v1/offers?country=PER&kind=training").body["total"], 4);
}

TEST_P(ApiTest, TheOpenApiDocumentIsServedAndWhole) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Reply document = Send("GET", "/api/v1/openapi.json");
  ASSERT_EQ(document.status, 200);
  EXPECT_EQ(document.body["openapi"], "3.0.3");
  EXPECT_EQ(openapi_->UnresolvedRef(), "");
  // Every path of the issue's contract is documented.
  for (const char* path : {"/api/v1/organizations",
                           "/api/v1/organizations/{id}",
                           "/api/v1/activities",
                           "/api/v1/activities/{id}",
                           "/api/v1/needs",
                           "/api/v1/needs/{id}",
                           "/api/v1/offers",
                           "/api/v1/offers/{id}",
                           "/api/v1/users",
                           "/api/v1/users/{id}",
                           "/api/v1/targets",
                           "/api/v1/targets/{id}",
                           "/api/v1/countries",
                           "/api/v1/countries/{iso3}",
                           "/api/v1/countries/{iso3}/estimates",
                           "/api/v1/estimates",
                           "/api/v1/session",
                           "/api/v1/audit",
                           "/api/v1/catalogue/{kind}",
                           "/api/v1/studies",
                           "/api/v1/studies/{id}",
                           "/api/v1/studies/import",
                           "/api/v1/evidence",
                           "/api/v1/evidence/analysis",
                           "/api/v1/evidence/forest.svg"}) {
    EXPECT_TRUE(document.body["paths"].contains(path)) << path;
  }
  // The checker itself catches a wrong body.
  EXPECT_NE(openapi_->Response("GET", "/api/v1/organizations/1", 200, R"({"id": "x"})"), "");
  EXPECT_NE(openapi_->Response("GET", "/api/v1/nowhere", 200, "{}"), "");
  EXPECT_NE(openapi_->Response("GET", "/api/v1/organizations", 500, "{}"), "");
}

TEST_P(ApiTest, TargetsAreSetByStaffOrTheCountryAndShowProgress) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Json target = {{"country", "KEN"},          {"indicator", "1.3"},
                       {"baseline_value", 0.40},    {"baseline_year", 2015},
                       {"baseline_source", "VACS"}, {"target_value", 0.20},
                       {"target_year", 2030}};
  EXPECT_EQ(Send("POST", "/api/v1/targets", "", target).status, 401);
  EXPECT_EQ(Send("POST", "/api/v1/targets", tokens_["viewer"], target).status, 403);
  EXPECT_EQ(Send("POST", "/api/v1/targets", tokens_["org_editor"], target).status, 403);
  Json uganda = target;
  uganda["country"] = "UGA";
  EXPECT_EQ(Send("POST", "/api/v1/targets", tokens_["country_focal_point"], uganda).status, 403);
  const Reply created = Send("POST", "/api/v1/targets", tokens_["country_focal_point"], target);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["domain"], "total");
  EXPECT_EQ(created.body["direction"], "decrease");
  EXPECT_TRUE(created.body["latest"].is_null());
  EXPECT_TRUE(created.body["progress"].is_null());
  // One record per country, indicator and domain.
  EXPECT_EQ(Send("POST", "/api/v1/targets", tokens_["secretariat"], target).status, 409);
  EXPECT_EQ(Send("POST", "/api/v1/targets", tokens_["secretariat"], uganda).status, 201);

  // A published estimate of 0.25 has covered 75% of the way from 0.40 to 0.20.
  ASSERT_EQ(Send("POST", "/api/v1/estimates?country=KEN&year=2019&source=VACS%202019", admin_token_,
                 EstimateFile())
                .status,
            201);
  const std::string path = "/api/v1/targets/" + std::to_string(created.body["id"].get<int64_t>());
  const Reply read = Send("GET", path);
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body["latest"]["year"], 2019);
  EXPECT_EQ(read.body["latest"]["source"], "VACS 2019");
  EXPECT_NEAR(read.body["progress"].get<double>(), 0.75, 1e-12);
  EXPECT_EQ(Send("GET", "/api/v1/targets?country=ken").body["total"], 1);
  EXPECT_EQ(Send("GET", "/api/v1/targets?indicator=1.3").body["total"], 2);

  const auto field_of = [&](const Json& body) {
    const Reply reply = Send("POST", "/api/v1/targets", admin_token_, body);
    EXPECT_EQ(reply.status, 422) << body.dump() << " " << reply.raw;
    return reply.body["error"]["field"];
  };
  Json bad = target;
  bad["country"] = "TZA";
  bad["target_value"] = 0.5;  // above the baseline for a decrease
  EXPECT_EQ(field_of(bad), "target_value");
  bad["target_value"] = 20;  // a proportion above 1
  EXPECT_EQ(field_of(bad), "target_value");
  bad["target_value"] = 0.1;
  bad["target_year"] = 2010;
  EXPECT_EQ(field_of(bad), "target_year");
  bad["target_year"] = 2030;
  bad["indicator"] = "9.99";
  EXPECT_EQ(field_of(bad), "indicator");
  bad["indicator"] = "1.3";
  bad["domain"] = "sex";
  EXPECT_EQ(field_of(bad), "domain_code");
  bad["domain"] = "total";
  bad.erase("baseline_year");
  EXPECT_EQ(field_of(bad), "baseline_year");
  EXPECT_EQ(field_of({{"country", "TZA"}, {"indicator", "1.3"}}), "target_value");

  EXPECT_EQ(Send("PATCH", path, tokens_["country_focal_point"], {{"target_value", 0.15}}).status,
            200);
  EXPECT_EQ(Send("PATCH", path, tokens_["country_focal_point"], {{"country", "UGA"}}).status, 403);
  EXPECT_EQ(Send("DELETE", path, tokens_["org_editor"]).status, 403);
  EXPECT_EQ(Send("DELETE", path, tokens_["country_focal_point"]).status, 204);
  EXPECT_EQ(Send("GET", path).status, 404);
}

TEST_P(ApiTest, OrganisationsExportAndImportAsCsvAndJsonAllOrNothing) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const httplib::Headers csv = {{"Content-Type", "text/csv"}};
  const Reply exported = Send("GET", "/api/v1/organizations/export?format=csv");
  ASSERT_EQ(exported.status, 200) << exported.raw;
  EXPECT_EQ(exported.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(exported.raw.substr(0, exported.raw.find('\n')),
            "id,name,acronym,type,website,iati_id,wg_role,countries,focal_points,created_at,"
            "updated_at");
  // Edited in a spreadsheet: one organisation renamed, one added (quotes, a comma, a line
  // break and a list of countries).
  std::string fixed = exported.raw;
  fixed.replace(fixed.find("Own Org"), 7, "\"Own Org, renamed\"");
  const std::string body =
      fixed + ",\"New \"\"Quoted\"\"\nName\",NQN,foundation,,,member,KEN;uga,,,\n";
  const Reply dry =
      Send("POST", "/api/v1/organizations/import?dry_run=true", admin_token_, Json(), body, csv);
  ASSERT_EQ(dry.status, 200) << dry.raw;
  EXPECT_EQ(dry.body["would"]["created"], 1);
  EXPECT_EQ(dry.body["would"]["updated"], 2);
  EXPECT_EQ(Send("GET", "/api/v1/organizations").body["total"], 2);  // nothing changed
  const Reply done = Send("POST", "/api/v1/organizations/import", admin_token_, Json(), body, csv);
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["rows"], 3);
  EXPECT_EQ(Send("GET", "/api/v1/organizations/" + std::to_string(own_org_)).body["name"],
            "Own Org, renamed");
  const Reply added = Send("GET", "/api/v1/organizations?q=NQN");
  ASSERT_EQ(added.body["total"], 1);
  EXPECT_EQ(added.body["items"][0]["name"], "New \"Quoted\"\nName");
  EXPECT_EQ(added.body["items"][0]["countries"], Json::array({"KEN", "UGA"}));

  // JSON export round-trips through the JSON import unchanged.
  const Reply json_export = Send("GET", "/api/v1/organizations/export");
  ASSERT_EQ(json_export.body["total"], 3);
  const Reply same = Send("POST", "/api/v1/organizations/import", admin_token_, json_export.body);
  ASSERT_EQ(same.status, 200) << same.raw;
  EXPECT_EQ(same.body["updated"], 3);
  EXPECT_EQ(same.body["created"], 0);

  // One bad record (the third) stops the whole import: nothing of it lands.
  const Json bad =
      Json::array({{{"name", "First new"}, {"type", "academia"}, {"wg_role", "member"}},
                   {{"id", own_org_}, {"acronym", "CHANGED"}},
                   {{"name", "Third new"}, {"type", "no_such_type"}, {"wg_role", "member"}}});
  const Reply refused = Send("POST", "/api/v1/organizations/import", admin_token_, bad);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.body["error"]["field"], "records[2].type");
  EXPECT_EQ(Send("GET", "/api/v1/organizations").body["total"], 3);
  EXPECT_NE(Send("GET", "/api/v1/organizations/" + std::to_string(own_org_)).body["acronym"],
            "CHANGED");
  // CSV errors name the line and column.
  const Reply bad_csv = Send("POST", "/api/v1/organizations/import", admin_token_, Json(),
                             "name,type,wg_role\nA,academia,member\nB,academia\n", csv);
  EXPECT_EQ(bad_csv.status, 400) << bad_csv.raw;
  EXPECT_NE(bad_csv.body["error"]["message"].get<std::string>().find("line 3"), std::string::npos);
  const Reply bad_column = Send("POST", "/api/v1/organizations/import", admin_token_, Json(),
                                "name,colour\nA,red\n", csv);
  EXPECT_EQ(bad_column.status, 422) << bad_column.raw;
  EXPECT_EQ(bad_column.body["error"]["field"], "colour");
  const Reply bad_utf8 = Send("POST", "/api/v1/organizations/import", admin_token_, Json(),
                              "name,type,wg_role\n\xff\xfe,academia,member\n", csv);
  EXPECT_EQ(bad_utf8.status, 400) << bad_utf8.raw;
  // Writers need the right to write each record.
  EXPECT_EQ(Send("POST", "/api/v1/organizations/import", tokens_["viewer"], bad).status, 403);
  EXPECT_EQ(Send("POST", "/api/v1/organizations/import", "", bad).status, 401);
}

TEST_P(ApiTest, ActivitiesImportChecksEachRecordsOwner) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const httplib::Headers csv = {{"Content-Type", "text/csv"}};
  const std::string body = fmt::format(
      "organization_id,title,country,status,approaches,budget,currency\n"
      "{0},Parenting groups,KEN,ongoing,P4.1;P4.2,1000,USD\n"
      "{0},School clubs,UGA,planned,E7.1,,\n",
      own_org_);
  const Reply mine =
      Send("POST", "/api/v1/activities/import", tokens_["org_editor"], Json(), body, csv);
  ASSERT_EQ(mine.status, 200) << mine.raw;
  EXPECT_EQ(mine.body["created"], 2);
  const std::string other = fmt::format(
      "organization_id,title,country,status,approaches\n"
      "{},Parenting groups,KEN,ongoing,P4.1\n"
      "{},Not mine,KEN,ongoing,P4.1\n",
      own_org_, other_org_);
  const Reply refused =
      Send("POST", "/api/v1/activities/import", tokens_["org_editor"], Json(), other, csv);
  EXPECT_EQ(refused.status, 403) << refused.raw;
  EXPECT_EQ(Send("GET", "/api/v1/activities").body["total"], 2);
  const Reply bad_number = Send("POST", "/api/v1/activities/import", admin_token_, Json(),
                                "organization_id,title,country,status,approaches,budget\n" +
                                    std::to_string(own_org_) + ",X,KEN,ongoing,P4.1,lots\n",
                                csv);
  EXPECT_EQ(bad_number.status, 422) << bad_number.raw;
  EXPECT_EQ(bad_number.body["error"]["field"], "budget");
  EXPECT_NE(bad_number.body["error"]["message"].get<std::string>().find("line 2"),
            std::string::npos);

  const Reply exported = Send("GET", "/api/v1/activities/export?format=csv&country=KEN");
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.raw.find("P4.1;P4.2"), std::string::npos) << exported.raw;
  EXPECT_EQ(std::count(exported.raw.begin(), exported.raw.end(), '\n'), 2);
  EXPECT_EQ(Send("GET", "/api/v1/activities/export?format=xml").status, 400);
  const Reply workbook = Send("GET", "/api/v1/activities/export?format=xlsx&country=KEN");
  ASSERT_EQ(workbook.status, 200);
  EXPECT_EQ(workbook.content_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(workbook.raw.substr(0, 4), std::string("PK\x03\x04", 4));  // a zip: XLSX
}

// A write killed half-way (the server dies mid-transaction) leaves the database as it was.
TEST_P(ApiTest, AnImportKilledHalfWayLeavesTheDatabaseAsItWas) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  // A hub that kills itself (SIGKILL) right after writing the 2,500th of 5,000 records.
  server_.reset();
  server_ = std::make_unique<ServerProcess>(
      database_->location(), std::vector<std::string>{},
      std::vector<std::string>{"INSPIRE_FAULT=" + std::string(core::kFaultImportRecord) + "=2500"});
  ASSERT_GT(server_->port(), 0) << server_->first_line();
  Json records = Json::array();
  for (int i = 0; i < 5000; ++i) {
    records.push_back({{"organization_id", own_org_},
                       {"title", "Activity " + std::to_string(i)},
                       {"country", "KEN"},
                       {"status", "ongoing"},
                       {"approaches", {"P4.1", "E7.1"}}});
  }
  const std::string body = records.dump();
  httplib::Client client("127.0.0.1", server_->port());
  client.set_read_timeout(120, 0);
  const auto result =
      client.Post("/api/v1/activities/import", {{"Authorization", "Bearer " + admin_token_}}, body,
                  "application/json");
  ASSERT_FALSE(result) << "the hub answered " << result->status << " " << result->body;
  EXPECT_EQ(server_->WaitForEnd(60), SIGKILL) << "the hub did not die at the fault point";
  auto db = store::Open(database_->location());
  ASSERT_TRUE(db.has_value()) << db.error().message;
  const auto count = (*db)->Query("SELECT COUNT(*) FROM activities", {});
  ASSERT_TRUE(count.has_value()) << count.error().message;
  EXPECT_EQ(count->rows.at(0).Int(0), 0);
  const auto approaches = (*db)->Query("SELECT COUNT(*) FROM activity_approaches", {});
  EXPECT_EQ(approaches->rows.at(0).Int(0), 0);
  // The hub starts again on the same database and serves it.
  server_ = std::make_unique<ServerProcess>(database_->location());
  ASSERT_GT(server_->port(), 0) << server_->first_line();
  EXPECT_EQ(Send("GET", "/api/v1/activities").body["total"], 0);
  EXPECT_EQ(Send("GET", "/api/v1/organizations").body["total"], 2);
}

// Every role against needs, offers, users and the audit log, on records of its own and of
// others: allowed (2xx), 401 for anonymous visitors, 403 for the rest.
TEST_P(ApiTest, AuthorisationMatrixForNeedsOffersUsersAndAudit) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Json need_ken = {{"country", "KEN"}, {"kind", "training"}, {"approaches", {"P4.1"}}};
  const Json need_uga = {{"country", "UGA"}, {"kind", "training"}, {"approaches", {"P4.1"}}};
  Json need_own_org = need_uga;
  need_own_org["organization_id"] = own_org_;
  const auto offer = [](int64_t org) {
    return Json{{"organization_id", org}, {"kind", "funding"}, {"approaches", {"E7.1"}}};
  };
  // Records made by the admin, for the edits.
  const int64_t kenya_need = Send("POST", "/api/v1/needs", admin_token_, need_ken).body["id"];
  const int64_t own_offer =
      Send("POST", "/api/v1/offers", admin_token_, offer(own_org_)).body["id"];
  const int64_t other_offer =
      Send("POST", "/api/v1/offers", admin_token_, offer(other_org_)).body["id"];
  struct Case {
    std::string role;
    int need_ken, need_uga, need_own_org, offer_own, offer_other;  // POST
    int patch_need_ken, patch_offer_own, patch_offer_other;        // PATCH
    int users, audit;                                              // GET
  };
  const std::vector<Case> cases = {
      {"admin", 201, 201, 201, 201, 201, 200, 200, 200, 200, 200},
      {"secretariat", 201, 201, 201, 201, 201, 200, 200, 200, 403, 200},
      {"org_editor", 403, 403, 201, 201, 403, 403, 200, 403, 403, 403},
      {"country_focal_point", 201, 403, 403, 403, 403, 200, 403, 403, 403, 403},
      {"viewer", 403, 403, 403, 403, 403, 403, 403, 403, 403, 403},
      {"", 401, 401, 401, 401, 401, 401, 401, 401, 401, 401}};
  for (const Case& c : cases) {
    const std::string token = c.role.empty() ? "" : tokens_[c.role];
    const std::string who = c.role.empty() ? "anonymous" : c.role;
    EXPECT_EQ(Send("POST", "/api/v1/needs", token, need_ken).status, c.need_ken) << who;
    EXPECT_EQ(Send("POST", "/api/v1/needs", token, need_uga).status, c.need_uga) << who;
    EXPECT_EQ(Send("POST", "/api/v1/needs", token, need_own_org).status, c.need_own_org) << who;
    EXPECT_EQ(Send("POST", "/api/v1/offers", token, offer(own_org_)).status, c.offer_own) << who;
    EXPECT_EQ(Send("POST", "/api/v1/offers", token, offer(other_org_)).status, c.offer_other)
        << who;
    EXPECT_EQ(Send("PATCH", "/api/v1/needs/" + std::to_string(kenya_need), token,
                   {{"description", "edited by " + who}})
                  .status,
              c.patch_need_ken)
        << who;
    EXPECT_EQ(Send("PATCH", "/api/v1/offers/" + std::to_string(own_offer), token,
                   {{"capacity", "edited by " + who}})
                  .status,
              c.patch_offer_own)
        << who;
    EXPECT_EQ(Send("PATCH", "/api/v1/offers/" + std::to_string(other_offer), token,
                   {{"capacity", "edited by " + who}})
                  .status,
              c.patch_offer_other)
        << who;
    EXPECT_EQ(Send("GET", "/api/v1/users", token).status, c.users) << who;
    EXPECT_EQ(Send("GET", "/api/v1/audit", token).status, c.audit) << who;
    // Deleting: the same rule as editing (checked on a fresh record each time).
    const int64_t doomed = Send("POST", "/api/v1/needs", admin_token_, need_ken).body["id"];
    const int expected_delete = c.patch_need_ken == 200 ? 204 : c.patch_need_ken;
    EXPECT_EQ(Send("DELETE", "/api/v1/needs/" + std::to_string(doomed), token).status,
              expected_delete)
        << who;
  }
  // Marking matches is for staff only.
  for (const auto& [role, status] : std::vector<std::pair<std::string, int>>{
           {"org_editor", 403}, {"country_focal_point", 403}, {"viewer", 403}, {"", 401}}) {
    EXPECT_EQ(Send("POST", "/api/v1/needs/" + std::to_string(kenya_need) + "/matches",
                   role.empty() ? "" : tokens_[role], {{"offer_id", own_offer}})
                  .status,
              status)
        << role;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, ApiTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
