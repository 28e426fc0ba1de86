// Accounts against hostile clients (issue 12), on the real server on SQLite and PostgreSQL, with
// 127.0.0.1 as the trusted proxy so that X-Forwarded-For plays the client's address: concurrent
// guesses do not slip past the sign-in limit; a guesser cannot lock the real user out for long;
// an unknown email costs the same work as a wrong password; guessable passwords are refused;
// users can be changed, disabled and re-passworded, and the last admin stays; API tokens expire
// and can be listed and revoked.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>
#include <vector>

#include "core/sha256.h"
#include "support/run_binary.h"
#include "web/api_fixture.h"

namespace inspire::web {
namespace {

constexpr const char* kPassword = "a long enough password";  // the fixture's users'

// A Retry-After value in seconds (-1 when it is not a whole number).
int Seconds(const std::string& text) {
  int value = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() ? value : -1;
}

class AccountsApiTest : public ApiTest {
 protected:
  std::vector<std::string> ServerOptions() const override {
    return {"--trusted-proxy", "127.0.0.1"};
  }

  // A sign-in as `email` from client address `address`.
  Reply SignInFrom(const std::string& address, const std::string& email,
                   const std::string& password) {
    return Send("POST", "/api/v1/session", "", {{"email", email}, {"password", password}}, "",
                {{"X-Forwarded-For", address}});
  }

  // One failed sign-in as `email` from `address`: its time in seconds.
  double FailedSignInSeconds(const std::string& email, const std::string& address) {
    const auto start = std::chrono::steady_clock::now();
    const Reply reply = SignInFrom(address, email, "not the password");
    EXPECT_EQ(reply.status, 401) << reply.raw;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  // The median times of seven failed sign-ins as `known` and as `unknown`, taken in turns (so
  // that a load on the machine weighs on both alike), each from its own address.
  std::pair<double, double> MedianSeconds(const std::string& known, const std::string& unknown) {
    std::vector<double> known_times;
    std::vector<double> unknown_times;
    for (int i = 0; i < 7; ++i) {
      known_times.push_back(FailedSignInSeconds(known, "10.9.0." + std::to_string(1 + i)));
      unknown_times.push_back(FailedSignInSeconds(unknown, "10.9.1." + std::to_string(1 + i)));
    }
    std::sort(known_times.begin(), known_times.end());
    std::sort(unknown_times.begin(), unknown_times.end());
    return {known_times[3], unknown_times[3]};
  }

  // The id of the user with `email`.
  int64_t UserId(const std::string& email) {
    const Reply users = Send("GET", "/api/v1/users", admin_token_);
    for (const auto& user : users.body["items"]) {
      if (user["email"] == email) return user["id"];
    }
    ADD_FAILURE() << "no user " << email;
    return 0;
  }
};

TEST_P(AccountsApiTest, GuessesSentAtOnceGetNoMoreChecksThanTheLimit) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  constexpr int kGuesses = 50;
  std::vector<int> statuses(kGuesses, 0);
  std::vector<std::string> retry(kGuesses);
  std::vector<std::thread> guessers;
  guessers.reserve(kGuesses);
  for (int i = 0; i < kGuesses; ++i) {
    guessers.emplace_back([&, i] {
      httplib::Client client("127.0.0.1", server_->port());
      client.set_read_timeout(60, 0);
      const std::string body =
          Json{{"email", "viewer@example.org"}, {"password", "guess " + std::to_string(i)}}.dump();
      auto result = client.Post("/api/v1/session", {{"X-Forwarded-For", "198.51.100.1"}}, body,
                                "application/json");
      if (result) {
        statuses[i] = result->status;
        retry[i] = result->get_header_value("Retry-After");
      }
    });
  }
  for (auto& guesser : guessers) guesser.join();
  const auto wrong = std::count(statuses.begin(), statuses.end(), 401);
  const auto limited = std::count(statuses.begin(), statuses.end(), 429);
  EXPECT_GE(wrong, 1);
  EXPECT_LE(wrong, hub::kMaxFailedSignIns);
  EXPECT_EQ(wrong + limited, kGuesses);
  for (int i = 0; i < kGuesses; ++i) {
    if (statuses[i] == 429) {
      EXPECT_GE(Seconds(retry[i]), 1) << "no Retry-After";
    }
  }
}

TEST_P(AccountsApiTest, AGuesserElsewhereDelaysTheRealUserBrieflyAndNeverLocksThemOut) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  for (int i = 0; i < hub::kMaxFailedSignIns; ++i) {
    EXPECT_EQ(SignInFrom("203.0.113.1", "viewer@example.org", "guess").status, 401);
  }
  // That address is done for the window, whatever account it tries.
  const Reply address_limited = SignInFrom("203.0.113.1", "sec@example.org", kPassword);
  EXPECT_EQ(address_limited.status, 429) << address_limited.raw;
  EXPECT_GE(Seconds(address_limited.retry_after), 60);
  // One more failure from a second address once the account's 1 s delay has passed ...
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(SignInFrom("203.0.113.2", "viewer@example.org", "guess").status, 401);
  // ... and the account now waits 2 s: the real user is told when to come back, not locked out.
  const Reply delayed = SignInFrom("192.0.2.7", "viewer@example.org", kPassword);
  ASSERT_EQ(delayed.status, 429) << delayed.raw;
  const int wait = Seconds(delayed.retry_after);
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(wait * 1000 + 200));
  EXPECT_EQ(SignInFrom("192.0.2.7", "viewer@example.org", kPassword).status, 201);
  // The success cleared the account's failures: a typo now is an ordinary 401.
  EXPECT_EQ(SignInFrom("192.0.2.7", "viewer@example.org", "typo").status, 401);
  EXPECT_EQ(SignInFrom("192.0.2.7", "viewer@example.org", kPassword).status, 201);
}

TEST_P(AccountsApiTest, AnUnknownEmailCostsTheSameWorkAsAWrongPassword) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  // A user made by the server, so hashed at the server's cost (the fixture's users are hashed
  // at the smallest cost by this test binary: tests/support/cheap_password_hash.cc).
  const Reply created = Send(
      "POST", "/api/v1/users", admin_token_,
      {{"email", "timed@example.org"}, {"password", "tin roof lantern otter"}, {"role", "viewer"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const auto [known, unknown] = MedianSeconds("timed@example.org", "nobody@example.org");
  // Without the dummy Argon2 check an unknown email answered 30-100 times faster.
  EXPECT_GT(unknown, known / 1.5) << "known " << known << " s, unknown " << unknown << " s";
  EXPECT_LT(unknown, known * 1.5) << "known " << known << " s, unknown " << unknown << " s";
}

TEST_P(AccountsApiTest, GuessablePasswordsAreRefused) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const auto create = [&](const std::string& password) {
    return Send("POST", "/api/v1/users", admin_token_,
                {{"email", "newcomer@example.org"}, {"password", password}, {"role", "viewer"}});
  };
  for (const std::string weak : {"aaaaaaaaaaaa", "password1234", "Sunshine2024!", "short pass",
                                 "qwertyuiop12", "Newcomer rules!"}) {
    const Reply refused = create(weak);
    EXPECT_EQ(refused.status, 422) << weak << ": " << refused.raw;
    EXPECT_EQ(refused.body["error"]["field"], "password") << weak;
  }
  const Reply created = create("tin roof lantern otter");
  EXPECT_EQ(created.status, 201) << created.raw;
}

TEST_P(AccountsApiTest, TheLastEnabledAdminStaysAdmin) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const int64_t admin = UserId("admin@example.org");
  const std::string path = "/api/v1/users/" + std::to_string(admin);
  EXPECT_EQ(Send("DELETE", path, admin_token_).status, 409);
  EXPECT_EQ(Send("PATCH", path, admin_token_, {{"role", "viewer"}}).status, 409);
  EXPECT_EQ(Send("PATCH", path, admin_token_, {{"disabled", true}}).status, 409);
  // With a second admin, the first may step down.
  const int64_t secretariat = UserId("sec@example.org");
  ASSERT_EQ(Send("PATCH", "/api/v1/users/" + std::to_string(secretariat), admin_token_,
                 {{"role", "admin"}})
                .status,
            200);
  const Reply stepped_down = Send("PATCH", path, admin_token_, {{"role", "viewer"}});
  EXPECT_EQ(stepped_down.status, 200) << stepped_down.raw;
  EXPECT_EQ(stepped_down.body["role"], "viewer");
  EXPECT_EQ(Send("GET", "/api/v1/users", admin_token_).status, 403);  // at once
  EXPECT_EQ(Send("PATCH", "/api/v1/users/" + std::to_string(secretariat), tokens_["secretariat"],
                 {{"role", 7}})
                .status,
            422);
}

TEST_P(AccountsApiTest, ADisabledUserIsShutOutAtOnce) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Reply session = SignInFrom("192.0.2.1", "viewer@example.org", kPassword);
  ASSERT_EQ(session.status, 201) << session.raw;
  const std::string cookie = session.set_cookie.substr(0, session.set_cookie.find(';'));
  const std::string path = "/api/v1/users/" + std::to_string(UserId("viewer@example.org"));
  ASSERT_EQ(Send("PATCH", path, admin_token_, {{"disabled", true}}).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/session", tokens_["viewer"]).status, 401);
  EXPECT_EQ(Send("GET", "/api/v1/session", "", Json(), "", {{"Cookie", cookie}}).status, 401);
  EXPECT_EQ(SignInFrom("192.0.2.1", "viewer@example.org", kPassword).status, 401);
  ASSERT_EQ(Send("PATCH", path, admin_token_, {{"disabled", false}}).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/session", tokens_["viewer"]).status, 200);
}

TEST_P(AccountsApiTest, UsersChangeTheirOwnPasswordAndAdminsResetOthers) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Reply session = SignInFrom("192.0.2.2", "viewer@example.org", kPassword);
  ASSERT_EQ(session.status, 201) << session.raw;
  const std::string cookie = session.set_cookie.substr(0, session.set_cookie.find(';'));
  const httplib::Headers headers = {{"Cookie", cookie},
                                    {"X-CSRF-Token", session.body["csrf_token"]}};
  const auto change = [&](const std::string& current, const std::string& next) {
    return Send("PUT", "/api/v1/session/password", "",
                {{"current_password", current}, {"new_password", next}}, "", headers);
  };
  EXPECT_EQ(change("wrong", "mango river kettle drum").body["error"]["field"], "current_password");
  EXPECT_EQ(change(kPassword, "password1234").body["error"]["field"], "password");
  EXPECT_EQ(change(kPassword, "mango river kettle drum").status, 204);
  EXPECT_EQ(Send("GET", "/api/v1/session", "", Json(), "", {{"Cookie", cookie}}).status, 401);
  EXPECT_EQ(SignInFrom("192.0.2.2", "viewer@example.org", kPassword).status, 401);
  EXPECT_EQ(SignInFrom("192.0.2.2", "viewer@example.org", "mango river kettle drum").status, 201);

  const std::string reset =
      "/api/v1/users/" + std::to_string(UserId("viewer@example.org")) + "/password";
  EXPECT_EQ(
      Send("PUT", reset, tokens_["secretariat"], {{"password", "velvet canyon sparrow"}}).status,
      403);
  EXPECT_EQ(Send("PUT", reset, admin_token_, {{"password", "velvet canyon sparrow"}}).status, 204);
  EXPECT_EQ(SignInFrom("192.0.2.2", "viewer@example.org", "velvet canyon sparrow").status, 201);
}

TEST_P(AccountsApiTest, AStolenSessionCannotGuessTheCurrentPasswordFasterThanTheSignInForm) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Reply session = SignInFrom("198.51.100.9", "viewer@example.org", kPassword);
  ASSERT_EQ(session.status, 201) << session.raw;
  const httplib::Headers headers = {
      {"Cookie", session.set_cookie.substr(0, session.set_cookie.find(';'))},
      {"X-CSRF-Token", session.body["csrf_token"]},
      {"X-Forwarded-For", "198.51.100.9"}};
  const Json guess = {{"current_password", "guess"}, {"new_password", "mango river kettle drum"}};
  for (int i = 0; i < hub::kMaxFailedSignIns; ++i) {
    EXPECT_EQ(Send("PUT", "/api/v1/session/password", "", guess, "", headers).status, 422);
  }
  // The eleventh guess is not checked, and neither is the right password from that address.
  const Reply limited = Send("PUT", "/api/v1/session/password", "", guess, "", headers);
  EXPECT_EQ(limited.status, 429) << limited.raw;
  EXPECT_GE(Seconds(limited.retry_after), 1);
  Json right = guess;
  right["current_password"] = kPassword;
  EXPECT_EQ(Send("PUT", "/api/v1/session/password", "", right, "", headers).status, 429);
  // Each checked guess counts against the account as a failed sign-in would (the refused ones
  // are not checked and leave no trace): the account's back-off applies to the form as well.
  auto db = store::Open(database_->location());
  ASSERT_TRUE(db.has_value());
  const auto failures = (*db)->Query("SELECT COUNT(*) FROM login_attempts WHERE attempt_key = ?",
                                     {std::string("email:viewer@example.org")});
  ASSERT_TRUE(failures.has_value()) << failures.error().message;
  EXPECT_EQ(failures->rows.at(0).Int(0), hub::kMaxFailedSignIns);
}

TEST_P(AccountsApiTest, ApiTokensExpireAndCanBeListedAndRevoked) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string viewer = std::to_string(UserId("viewer@example.org"));
  const std::string tokens = "/api/v1/users/" + viewer + "/tokens";
  const Reply made =
      Send("POST", tokens, tokens_["viewer"], {{"days", 1}, {"label", "nightly upload"}});
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string token = made.body["token"];
  EXPECT_EQ(made.body["label"], "nightly upload");
  EXPECT_EQ(Send("GET", "/api/v1/session", token).status, 200);
  const Reply listed = Send("GET", tokens, tokens_["viewer"]);
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_EQ(listed.body["total"], 2);  // the fixture's and this one
  EXPECT_EQ(listed.raw.find(token), std::string::npos) << "a list never shows a token";
  EXPECT_EQ(Send("GET", "/api/v1/users/" + std::to_string(UserId("admin@example.org")) + "/tokens",
                 tokens_["viewer"])
                .status,
            403);
  EXPECT_EQ(Send("POST", tokens, tokens_["viewer"], {{"days", 0}}).status, 422);
  EXPECT_EQ(Send("POST", tokens, tokens_["viewer"], {{"days", 10000}}).status, 422);

  // Revoked: refused at once. An id is not a token.
  const std::string id = made.body["id"];
  EXPECT_EQ(Send("GET", "/api/v1/session", id).status, 401);
  EXPECT_EQ(Send("DELETE", tokens + "/" + id, tokens_["viewer"]).status, 204);
  EXPECT_EQ(Send("GET", "/api/v1/session", token).status, 401);
  EXPECT_EQ(Send("DELETE", tokens + "/" + id, tokens_["viewer"]).status, 404);
  EXPECT_EQ(Send("DELETE", tokens + "/%25", tokens_["viewer"]).status, 404);

  // Expired: refused (the clock is moved by rewriting the expiry in the database).
  auto db = store::Open(database_->location());
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE((*db)->Query("UPDATE api_tokens SET expires_at = ?", {store::UtcFromNow(-1)}));
  EXPECT_EQ(Send("GET", "/api/v1/session", tokens_["viewer"]).status, 401);
  EXPECT_EQ(Send("GET", tokens, admin_token_).status, 401);
}

TEST_P(AccountsApiTest, TheCommandLineMakesListsAndRevokesTokens) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const auto inspire = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--db", database_->location(), "--email", "Viewer@example.org"});
    return testing::RunInspire(args);
  };
  const auto made = inspire({"user", "token", "--days", "7", "--label", "nightly job"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string token = made.out.substr(0, made.out.find('\n'));
  EXPECT_EQ(Send("GET", "/api/v1/session", token).status, 200);
  const auto listed = inspire({"user", "tokens"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("nightly job"), std::string::npos) << listed.out;
  EXPECT_EQ(listed.out.find(token), std::string::npos) << "a list never shows a token";
  const std::string id = core::Sha256Hex(token).substr(0, 16);
  ASSERT_NE(listed.out.find(id), std::string::npos) << listed.out;
  const auto revoked = inspire({"user", "revoke", "--token-id", id});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(Send("GET", "/api/v1/session", token).status, 401);
  const auto again = inspire({"user", "revoke", "--token-id", id});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("token"), std::string::npos) << again.err;
}

TEST_P(AccountsApiTest, AFocalPointsCountryIsOneOfTheCountryList) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const auto create = [&](const std::string& country) {
    return Send("POST", "/api/v1/users", admin_token_,
                {{"email", "point-" + country + "@example.org"},
                 {"password", "tin roof lantern otter"},
                 {"role", "country_focal_point"},
                 {"country", country}});
  };
  const Reply unknown = create("ZZZ");
  EXPECT_EQ(unknown.status, 422) << unknown.raw;
  EXPECT_EQ(unknown.body["error"]["field"], "country");
  const Reply lower = create("ug");  // ISO2, any case: stored as the ISO3 code
  ASSERT_EQ(lower.status, 201) << lower.raw;
  EXPECT_EQ(lower.body["country"], "UGA");
  const std::string path = "/api/v1/users/" + std::to_string(lower.body["id"].get<int64_t>());
  EXPECT_EQ(Send("PATCH", path, admin_token_, {{"country", "QQQ"}}).status, 422);
  EXPECT_EQ(Send("PATCH", path, admin_token_, {{"country", "ken"}}).body["country"], "KEN");
}

INSTANTIATE_TEST_SUITE_P(Engines, AccountsApiTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
