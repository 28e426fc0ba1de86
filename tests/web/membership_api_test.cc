// Membership through the real server, on SQLite and PostgreSQL: an organisation applies, the
// secretariat checks the application, working-group members vote (one vote per organisation,
// changeable until the vote closes), a majority of the votes cast admits it and the tally is
// kept; the organisation takes its role with a history. Who sees which application, and who may
// move, vote and close, is checked for every role. Every answer is checked against the OpenAPI
// document by the fixture.
#include "web/api_fixture.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

constexpr const char* kApplications = "/api/v1/membership/applications";

class MembershipApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (!database_ || HasFatalFailure()) return;
    auto db = store::Open(database_->location());
    ASSERT_TRUE(db.has_value());
    tokens_["other_editor"] = AddUser(**db, "other@example.org", "org_editor", other_org_, "");
  }

  // A working-group application by the viewer, nominated by the fixture's own organisation.
  int64_t Apply(const std::string& name, const std::string& applies_to = "working_group") {
    Json fields = {{"organization_name", name},
                   {"organization_type", "national_ngo"},
                   {"applies_to", applies_to},
                   {"motivation", "We run parenting groups in three districts."},
                   {"contact_name", "Contact Person"},
                   {"contact_email", "contact@applicant.example"},
                   {"country", "UGA"}};
    if (applies_to == "working_group") fields["nominated_by"] = own_org_;
    const Reply made = Send("POST", kApplications, tokens_["viewer"], fields);
    EXPECT_EQ(made.status, 201) << made.raw;
    return made.body.value("id", int64_t{0});
  }

  Reply Move(int64_t id, const std::string& role, const std::string& to,
             const std::string& note = "") {
    return Send("POST", std::string(kApplications) + "/" + std::to_string(id) + "/status",
                tokens_[role], {{"to", to}, {"note", note}});
  }

  Reply Vote(int64_t id, const std::string& role, const std::string& vote) {
    return Send("PUT", std::string(kApplications) + "/" + std::to_string(id) + "/vote",
                tokens_[role], {{"vote", vote}});
  }

  std::string Path(int64_t id) const {
    return std::string(kApplications) + "/" + std::to_string(id);
  }
};

TEST_P(MembershipApiTest, AnApplicationIsCheckedVotedOnAndAdmittedByAMajority) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  // A working-group application names a member that nominates it.
  const Reply unnominated = Send("POST", kApplications, tokens_["viewer"],
                                 {{"organization_name", "Lone Org"},
                                  {"organization_type", "academia"},
                                  {"applies_to", "working_group"},
                                  {"motivation", "We would like to join."}});
  EXPECT_EQ(unnominated.status, 422) << unnominated.raw;
  EXPECT_EQ(unnominated.body["error"]["field"], "nominated_by");
  EXPECT_EQ(Send("POST", kApplications, "",
                 {{"organization_name", "Anonymous Org"},
                  {"organization_type", "academia"},
                  {"applies_to", "community_of_practice"},
                  {"motivation", "Hello."}})
                .status,
            401);
  const int64_t id = Apply("Riverside Parenting Trust");
  const std::string path = Path(id);

  // Submitted: the applicant and staff see it; members, others and visitors do not.
  EXPECT_EQ(Send("GET", path, tokens_["viewer"]).body["contact_email"],
            "contact@applicant.example");
  EXPECT_EQ(Send("GET", path, tokens_["secretariat"]).status, 200);
  for (const char* role : {"org_editor", "country_focal_point"}) {
    EXPECT_EQ(Send("GET", path, tokens_[role]).status, 404) << role;
    EXPECT_EQ(Send("GET", kApplications, tokens_[role]).body["total"], 0) << role;
  }
  EXPECT_EQ(Send("GET", path).status, 404);
  EXPECT_EQ(Send("GET", kApplications).body["total"], 0);

  // Only staff move it on; the working group votes rather than being admitted directly.
  EXPECT_EQ(Move(id, "viewer", "checked").status, 403);
  ASSERT_EQ(Move(id, "secretariat", "checked").status, 200);
  EXPECT_EQ(Move(id, "secretariat", "admitted").status, 409);
  EXPECT_EQ(Vote(id, "org_editor", "yes").status, 409);  // not being voted on yet
  ASSERT_EQ(Move(id, "secretariat", "voting").status, 200);

  // Members now see it, without the contact details; one vote per organisation.
  const Reply seen = Send("GET", path, tokens_["org_editor"]);
  ASSERT_EQ(seen.status, 200) << seen.raw;
  EXPECT_EQ(seen.body["contact_email"], "");
  EXPECT_TRUE(seen.body["my_vote"].is_null());
  EXPECT_EQ(Vote(id, "viewer", "yes").status, 403);
  EXPECT_EQ(Vote(id, "secretariat", "yes").status, 403);  // staff run the vote, members cast it
  EXPECT_EQ(Vote(id, "org_editor", "maybe").body["error"]["field"], "vote");
  EXPECT_EQ(Vote(id, "org_editor", "no").body["my_vote"], "no");
  EXPECT_EQ(Vote(id, "other_editor", "yes").status, 200);
  const Reply changed = Vote(id, "org_editor", "yes");
  EXPECT_EQ(changed.body["tally"], Json({{"yes", 2}, {"no", 0}, {"abstain", 0}, {"eligible", 2}}))
      << changed.raw;

  // Staff close the vote: admitted, the tally kept, the organisation made with its role.
  EXPECT_EQ(Send("POST", path + "/close", tokens_["org_editor"]).status, 403);
  const Reply closed = Send("POST", path + "/close", tokens_["secretariat"]);
  ASSERT_EQ(closed.status, 200) << closed.raw;
  EXPECT_EQ(closed.body["status"], "admitted");
  EXPECT_EQ(closed.body["votes_yes"], 2);
  EXPECT_EQ(closed.body["votes_no"], 0);
  ASSERT_TRUE(closed.body["organization"].is_number_integer());
  const std::string org = "/api/v1/organizations/" + closed.body["organization"].dump();
  const Reply admitted = Send("GET", org);
  EXPECT_EQ(admitted.body["name"], "Riverside Parenting Trust");
  EXPECT_EQ(admitted.body["wg_role"], "member");
  EXPECT_EQ(admitted.body["countries"], Json({"UGA"}));
  const Reply roles = Send("GET", org + "/roles");
  ASSERT_EQ(roles.body["items"].size(), 1u) << roles.raw;
  EXPECT_EQ(roles.body["items"][0]["role"], "member");
  EXPECT_EQ(roles.body["items"][0]["application"], id);
  // The tally is the one the vote closed with, though the hub now has one more member.
  EXPECT_EQ(Send("GET", path, tokens_["secretariat"]).body["tally"]["eligible"], 2);
  // Decided: no more votes, moves or withdrawal.
  EXPECT_EQ(Vote(id, "other_editor", "no").status, 409);
  EXPECT_EQ(Move(id, "viewer", "withdrawn").status, 409);
  EXPECT_EQ(Send("PATCH", path, tokens_["viewer"], {{"motivation", "Changed"}}).status, 403);
}

TEST_P(MembershipApiTest, ATieDeclinesAndTheCommunityOfPracticeAdmitsWithoutAVote) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const int64_t tied = Apply("Tied Org");
  ASSERT_EQ(Move(tied, "secretariat", "checked").status, 200);
  ASSERT_EQ(Move(tied, "secretariat", "voting").status, 200);
  ASSERT_EQ(Vote(tied, "org_editor", "yes").status, 200);
  ASSERT_EQ(Vote(tied, "other_editor", "no").status, 200);
  const Reply closed = Send("POST", Path(tied) + "/close", tokens_["secretariat"]);
  EXPECT_EQ(closed.body["status"], "declined") << closed.raw;
  EXPECT_TRUE(closed.body["organization"].is_null());
  EXPECT_NE(closed.body["status_note"].get<std::string>().find("1 yes, 1 no"), std::string::npos);

  const int64_t cop = Apply("Practice Circle", "community_of_practice");
  EXPECT_EQ(Move(cop, "secretariat", "voting").status, 409);  // not before it is checked
  ASSERT_EQ(Move(cop, "secretariat", "checked").status, 200);
  EXPECT_EQ(Move(cop, "secretariat", "voting").status, 409);  // no vote for the community
  const Reply admitted = Move(cop, "secretariat", "admitted");
  ASSERT_EQ(admitted.status, 200) << admitted.raw;
  EXPECT_EQ(
      Send("GET", "/api/v1/organizations/" + admitted.body["organization"].dump()).body["wg_role"],
      "community_of_practice");

  // Declining needs a reason; the applicant may withdraw while it is open.
  const int64_t third = Apply("Third Org");
  EXPECT_EQ(Move(third, "secretariat", "declined").body["error"]["field"], "note");
  EXPECT_EQ(Move(third, "viewer", "withdrawn").body["status"], "withdrawn");
  // Members never see a withdrawn or merely submitted application.
  const Reply listed = Send("GET", kApplications, tokens_["org_editor"]);
  for (const Json& application : listed.body["items"]) {
    EXPECT_NE(application["status"], "withdrawn");
    EXPECT_NE(application["status"], "submitted");
  }
  EXPECT_EQ(listed.body["total"], 2);
}

TEST_P(MembershipApiTest, ARoleChangedByStaffIsKeptInTheHistory) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string org = "/api/v1/organizations/" + std::to_string(other_org_);
  ASSERT_EQ(Send("PATCH", org, admin_token_, {{"wg_role", "co_chair"}}).status, 200);
  const Reply roles = Send("GET", org + "/roles");
  ASSERT_EQ(roles.body["items"].size(), 2u) << roles.raw;
  EXPECT_EQ(roles.body["items"][0]["role"], "co_chair");
  EXPECT_EQ(roles.body["items"][0]["until"], "");
  EXPECT_EQ(roles.body["items"][1]["role"], "member");
  EXPECT_NE(roles.body["items"][1]["until"], "");
  EXPECT_EQ(Send("GET", "/api/v1/organizations/999999/roles").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Engines, MembershipApiTest,
                         ::testing::Values(testing::TestEngine::kSqlite,
                                           testing::TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
