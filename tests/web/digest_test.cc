// Following news and the digest e-mail, end to end on SQLite and PostgreSQL: a user follows a
// country and a topic through the API; `inspire digest send` (the real binary) sends the due
// digest through a real SMTP server (aiosmtpd) which keeps what it received; the message lists
// what is new with links, nothing that is not public, and an unsubscribe link that works without
// signing in, after which no digest is due.
#include <regex>

#include "support/run_binary.h"
#include "support/smtp_sink.h"
#include "web/api_fixture.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

class DigestTest : public ApiTest {
 protected:
  testing::RunOutput SendDigests(const std::string& relay) {
    return testing::RunProgram(INSPIRE_BINARY, {"--data-dir", INSPIRE_SOURCE_DATA_DIR, "digest",
                                                "send", "--db", database_->location(), "--smtp",
                                                relay, "--public-url", "https://hub.example/"});
  }
};

TEST_P(DigestTest, AFollowerGetsWhatIsNewByMailAndUnsubscribesWithOneLink) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  testing::SmtpSink sink;
  ASSERT_GT(sink.port(), 0) << "the SMTP sink did not start (python3-aiosmtpd)";
  const std::string viewer = tokens_["viewer"];
  const std::string path = "/api/v1/session/subscriptions";
  EXPECT_EQ(Send("GET", path).status, 401);
  EXPECT_EQ(Send("GET", path, viewer).body["frequency"], "never");
  const Reply refused = Send(
      "PUT", path, viewer,
      {{"frequency", "daily"},
       {"follows",
        {{{"kind", "country"}, {"value", "ken"}}, {{"kind", "approach"}, {"value", "Z9.9"}}}}});
  EXPECT_EQ(refused.body["error"]["field"], "follows[1].value") << refused.raw;
  const Reply set = Send(
      "PUT", path, viewer,
      {{"frequency", "daily"},
       {"follows",
        {{{"kind", "country"}, {"value", "ken"}}, {{"kind", "topic"}, {"value", "meetings"}}}}});
  ASSERT_EQ(set.status, 200) << set.raw;
  EXPECT_EQ(set.body["follows"][0], Json({{"kind", "country"}, {"value", "KEN"}}));

  // Nothing is due yet: the digest covers what changes from now, once a day has passed.
  testing::RunOutput run = SendDigests(sink.url());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("0 sent"), std::string::npos) << run.err;

  const auto meeting = [&](const std::string& title, const std::string& visibility) {
    const Reply made = Send("POST", "/api/v1/meetings", tokens_["secretariat"],
                            {{"title", title},
                             {"kind", "country_consultation"},
                             {"starts_at", "2031-03-04T14:00"},
                             {"country", "KEN"},
                             {"visibility", visibility}});
    EXPECT_EQ(made.status, 201) << made.raw;
    return made.body.value("id", int64_t{0});
  };
  const int64_t open = meeting("Kenya consultation on the action plan", "public");
  meeting("Closed Secret Session", "members");
  {  // A day later, as far as the digest can tell.
    auto db = store::Open(database_->location());
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)
                    ->Query("UPDATE digest_settings SET last_sent_at = ?",
                            {store::UtcFromNow(int64_t{-25} * 3600)})
                    .has_value());
  }
  run = SendDigests(sink.url());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("1 sent"), std::string::npos) << run.err;
  const auto messages = sink.Messages();
  ASSERT_EQ(messages.size(), 1u);
  const std::string& mail = messages[0];
  EXPECT_NE(mail.find("To: viewer@example.org"), std::string::npos) << mail;
  EXPECT_NE(mail.find("Subject: INSPIRE Hub: "), std::string::npos) << mail;
  EXPECT_NE(mail.find("Kenya consultation on the action plan"), std::string::npos) << mail;
  EXPECT_NE(mail.find("https://hub.example/meetings/" + std::to_string(open)), std::string::npos);
  EXPECT_EQ(mail.find("Secret"), std::string::npos) << mail;
  std::smatch found;
  ASSERT_TRUE(std::regex_search(mail, found,
                                std::regex("List-Unsubscribe: <https://hub\\.example/unsubscribe"
                                           "\\?token=([0-9a-f]+)>")))
      << mail;
  const std::string token = found[1];
  EXPECT_NE(mail.find("https://hub.example/unsubscribe?token=" + token), std::string::npos);

  // The link stops the digests, without signing in; an unknown one is refused.
  httplib::Client browser("127.0.0.1", port());
  EXPECT_EQ(browser.Get("/unsubscribe?token=0000")->status, 404);
  const auto stopped = browser.Get("/unsubscribe?token=" + token);
  ASSERT_TRUE(stopped);
  EXPECT_EQ(stopped->status, 200);
  EXPECT_NE(stopped->body.find("viewer@example.org"), std::string::npos);
  EXPECT_EQ(Send("GET", path, viewer).body["frequency"], "never");
  run = SendDigests(sink.url());
  EXPECT_NE(run.err.find("0 sent"), std::string::npos) << run.err;
  EXPECT_EQ(sink.Messages().size(), 1u);
  // A relay address that is not one is refused, naming it.
  const testing::RunOutput bad = SendDigests("smtp://");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("'smtp://' is not an SMTP relay"), std::string::npos) << bad.err;
}

INSTANTIATE_TEST_SUITE_P(Engines, DigestTest,
                         ::testing::Values(testing::TestEngine::kSqlite,
                                           testing::TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
