// Requests routed through the real server, on SQLite and PostgreSQL: the secretariat assigns a
// country's open need to a member with its offer; the member accepts and reports, the country's
// focal point adds notes; nobody else sees the assignment. Every answer is checked against the
// OpenAPI document by the fixture.
#include "web/api_fixture.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

class AssignmentApiTest : public ApiTest {
 protected:
  // A need of Kenya (asked by the other organisation) and an offer of the fixture's own.
  void SetUp() override {
    ApiTest::SetUp();
    if (!database_ || HasFatalFailure()) return;
    const Reply need = Send("POST", "/api/v1/needs", tokens_["secretariat"],
                            {{"country", "KEN"},
                             {"organization_id", other_org_},
                             {"kind", "technical_assistance"},
                             {"approaches", {"P4.1"}},
                             {"description", "Help to adapt a parenting programme"}});
    ASSERT_EQ(need.status, 201) << need.raw;
    need_ = need.body["id"];
    const Reply offer = Send("POST", "/api/v1/offers", tokens_["org_editor"],
                             {{"organization_id", own_org_},
                              {"kind", "technical_assistance"},
                              {"approaches", {"P4.1"}},
                              {"capacity", "Facilitators' training"}});
    ASSERT_EQ(offer.status, 201) << offer.raw;
    offer_ = offer.body["id"];
  }

  int64_t need_ = 0;
  int64_t offer_ = 0;
};

TEST_P(AssignmentApiTest, TheSecretariatRoutesANeedAndBothSidesFollowIt) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Json assignment = {
      {"need", need_}, {"organization", own_org_}, {"offer", offer_}, {"due", "2020-02-01"}};
  EXPECT_EQ(Send("POST", "/api/v1/assignments", tokens_["org_editor"], assignment).status, 403);
  // The offer must be the assigned organisation's.
  Json wrong = assignment;
  wrong["organization"] = other_org_;
  EXPECT_EQ(
      Send("POST", "/api/v1/assignments", tokens_["secretariat"], wrong).body["error"]["field"],
      "offer");
  const Reply made = Send("POST", "/api/v1/assignments", tokens_["secretariat"], assignment);
  ASSERT_EQ(made.status, 201) << made.raw;
  EXPECT_EQ(made.body["overdue"], true);
  const std::string path = "/api/v1/assignments/" + made.body["id"].dump();

  // Both sides see it; nobody else does.
  EXPECT_EQ(Send("GET", path, tokens_["org_editor"]).status, 200);
  EXPECT_EQ(Send("GET", path, tokens_["country_focal_point"]).status, 200);  // Kenya's
  for (const char* role : {"viewer", ""}) {
    EXPECT_EQ(Send("GET", path, tokens_[role]).status, 404) << role;
    EXPECT_EQ(Send("GET", "/api/v1/assignments", tokens_[role]).body["total"], 0) << role;
  }

  // The assigned organisation accepts; the asking side may add a note but not move it.
  const auto update = [&](const std::string& role, const Json& body) {
    return Send("POST", path + "/updates", tokens_[role], body);
  };
  EXPECT_EQ(update("country_focal_point", {{"status", "done"}}).status, 403);
  EXPECT_EQ(update("org_editor", {{"note", "   "}}).body["error"]["field"], "note");
  EXPECT_EQ(update("org_editor", {{"status", "finished"}}).body["error"]["field"], "status");
  ASSERT_EQ(update("org_editor", {{"status", "accepted"}, {"note", "Trainers booked"}}).status,
            201);
  const Reply noted = update("country_focal_point", {{"note", "Dates agreed with the ministry"}});
  ASSERT_EQ(noted.status, 201) << noted.raw;
  EXPECT_EQ(noted.body["status"], "accepted");
  ASSERT_EQ(noted.body["updates"].size(), 2u);
  EXPECT_EQ(noted.body["updates"][0]["by"], "editor@example.org");
  EXPECT_EQ(noted.body["updates"][1]["note"], "Dates agreed with the ministry");
  const Reply done = update("org_editor", {{"status", "done"}});
  EXPECT_EQ(done.body["overdue"], false);  // done is never overdue
  // A closed need is not routed again.
  ASSERT_EQ(Send("PATCH", "/api/v1/needs/" + std::to_string(need_), tokens_["secretariat"],
                 {{"status", "closed"}})
                .status,
            200);
  EXPECT_EQ(Send("POST", "/api/v1/assignments", tokens_["secretariat"], assignment)
                .body["error"]["field"],
            "need");
}

INSTANTIATE_TEST_SUITE_P(Engines, AssignmentApiTest,
                         ::testing::Values(testing::TestEngine::kSqlite,
                                           testing::TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
