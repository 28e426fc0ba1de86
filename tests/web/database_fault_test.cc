// PostgreSQL faults against the real server (issue 12): a private PostgreSQL cluster that the
// test stops and starts under load. While the database is down every answer is a 503 with
// Retry-After (never a 500), /healthz says so, a write is refused whole, never half applied; once
// the database is back the hub answers again within 2 s with no 500 after that, and the change
// listener reconnects so that the response cache never serves data older than a write.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "hub/accounts.h"
#include "store/database.h"
#include "support/free_port.h"
#include "support/run_binary.h"
#include "support/server_process.h"
#include "support/shipped_catalogue.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

using Clock = std::chrono::steady_clock;
using testing::FreePort;
using testing::RunProgram;
using testing::ServerProcess;

const std::string kCluster = std::string(INSPIRE_SOURCE_DIR) + "/scripts/pg-test-cluster";

// One answer seen by a client thread: when (since the start), what, and its Retry-After.
struct SeenAnswer {
  double at = 0;
  int status = 0;
  std::string path;
  bool retry_after = false;
};

class DatabaseFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::signal(SIGPIPE, SIG_IGN);
    if (std::getenv("INSPIRE_TEST_POSTGRES") == nullptr) {
      if (std::getenv("INSPIRE_REQUIRE_POSTGRES") != nullptr) {
        FAIL() << "INSPIRE_REQUIRE_POSTGRES=1 but PostgreSQL is not set up";
      }
      GTEST_SKIP() << "no PostgreSQL here (set INSPIRE_TEST_POSTGRES)";
    }
    static int counter = 0;
    dir_ = fmt::format("/tmp/inspire-pg-fault-{}-{}", ::getpid(), ++counter);
    const auto started = RunProgram(kCluster, {"start", dir_, std::to_string(FreePort())});
    ASSERT_EQ(started.exit_code, 0) << started.err;
    url_ = started.out.substr(0, started.out.find('\n'));
    auto db = store::Open(url_);
    ASSERT_TRUE(db.has_value()) << db.error().message;
    ASSERT_TRUE(store::Migrate(**db).has_value());
    hub::NewUser admin{"admin@example.org", "a long enough password", "admin", std::nullopt, ""};
    ASSERT_TRUE(hub::CreateUser(**db, testing::ShippedCatalogue(), hub::Actor::System(), admin)
                    .has_value());
    token_ = hub::CreateApiToken(**db, "admin@example.org").value();
    server_ = std::make_unique<ServerProcess>(url_);
    ASSERT_GT(server_->port(), 0) << server_->first_line();
    start_ = Clock::now();
  }

  void TearDown() override {
    server_.reset();
    if (!dir_.empty()) (void)RunProgram(kCluster, {"stop", dir_});
  }

  double Now() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  void Database(const char* action) {
    const auto done = RunProgram(kCluster, {action, dir_});
    ASSERT_EQ(done.exit_code, 0) << action << ": " << done.err;
  }

  // An answer as the tests read it (status 0: none came).
  struct Answer {
    int status = 0;
    std::string body;
    std::string retry_after;
  };

  Answer Get(const std::string& path) const {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(10, 0);
    const httplib::Result result = client.Get(path);
    if (!result) return {};
    return {result->status, result->body, result->get_header_value("Retry-After")};
  }

  // An import of three organisations in one request: all of them or none may exist afterwards.
  Answer ImportThree(int batch) const {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(10, 0);
    std::string csv = "name,type,wg_role\n";
    for (int i = 0; i < 3; ++i) csv += fmt::format("Batch {} org {},academia,member\n", batch, i);
    const httplib::Result result = client.Post(
        "/api/v1/organizations/import", {{"Authorization", "Bearer " + token_}}, csv, "text/csv");
    if (!result) return {};
    return {result->status, result->body, result->get_header_value("Retry-After")};
  }

  // Runs readers of the API, a page and /healthz, and a writer of batches, until `stop`.
  void Load(std::atomic<bool>& stop, std::vector<SeenAnswer>& seen, std::set<int>& written) {
    std::mutex mutex;
    std::vector<std::thread> threads;
    for (const char* path : {"/api/v1/organizations", "/", "/healthz", "/api/v1/organizations"}) {
      threads.emplace_back([&, path] {
        while (!stop) {
          const auto result = Get(path);
          const std::lock_guard lock(mutex);
          seen.push_back({Now(), result.status, path, !result.retry_after.empty()});
        }
      });
    }
    threads.emplace_back([&] {
      for (int batch = 0; !stop; ++batch) {
        const auto result = ImportThree(batch);
        const std::lock_guard lock(mutex);
        seen.push_back({Now(), result.status, "import", !result.retry_after.empty()});
        if (result.status == 200) written.insert(batch);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
    for (auto& thread : threads) thread.join();
  }

  std::string dir_;
  std::string url_;
  std::string token_;
  std::unique_ptr<ServerProcess> server_;
  Clock::time_point start_;
};

TEST_F(DatabaseFaultTest, AnOutageUnderLoadGets503sAndTheHubAnswersAgainWithin2s) {
  std::atomic<bool> stop{false};
  std::vector<SeenAnswer> seen;
  std::set<int> written;
  double down_at = 0;
  double up_at = 0;
  std::thread load([&] { Load(stop, seen, written); });
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  down_at = Now();
  Database("down");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  Database("up");
  up_at = Now();
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  stop = true;
  load.join();

  int outage_503 = 0;
  int late = 0;
  for (const SeenAnswer& answer : seen) {
    EXPECT_TRUE(answer.status == 200 || answer.status == 503)
        << answer.path << " at " << answer.at << " s: " << answer.status << " (down at " << down_at
        << " s, up at " << up_at << " s)";
    if (answer.status == 503) {
      EXPECT_TRUE(answer.retry_after) << answer.path << ": 503 without Retry-After";
      if (answer.at > up_at + 2) ++late;
      ++outage_503;
    }
  }
  double last_503 = 0;
  for (const SeenAnswer& answer : seen) {
    if (answer.status == 503) last_503 = std::max(last_503, answer.at);
  }
  std::printf(
      "outage: %zu answers, %d of them 503; the last 503 came %.3f s after the database "
      "was back\n",
      seen.size(), outage_503, last_503 - up_at);
  EXPECT_GT(outage_503, 0) << "no answer noticed the outage";
  EXPECT_EQ(late, 0) << "503s more than 2 s after the database came back";
  EXPECT_GT(std::count_if(seen.begin(), seen.end(),
                          [&](const SeenAnswer& s) { return s.at > up_at + 2 && s.status == 200; }),
            10);

  // Every import is whole or absent: its three organisations, or none of them.
  auto db = store::Open(url_);
  ASSERT_TRUE(db.has_value());
  const auto rows = (*db)->Query("SELECT name FROM organizations", {});
  ASSERT_TRUE(rows.has_value());
  std::map<int, int> per_batch;
  for (const auto& row : rows->rows) {
    const std::string name = row.Text(0);
    int batch = -1;
    if (name.rfind("Batch ", 0) == 0 &&
        std::from_chars(name.data() + 6, name.data() + name.size(), batch).ec == std::errc()) {
      ++per_batch[batch];
    }
  }
  for (const auto& [batch, count] : per_batch) EXPECT_EQ(count, 3) << "batch " << batch;
  for (const int batch : written) EXPECT_EQ(per_batch[batch], 3) << "acknowledged batch " << batch;
}

TEST_F(DatabaseFaultTest, HealthSaysWhetherTheDatabaseAnswersAndTheCacheStaysFresh) {
  ASSERT_EQ(Get("/healthz").status, 200);
  EXPECT_EQ(Json::parse(Get("/healthz").body)["database"], "ok");
  ASSERT_EQ(Get("/api/v1/organizations").status, 200);  // now in the response cache
  Database("down");
  const Answer health = Get("/healthz");
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(health.retry_after, "2");
  const Answer page = Get("/members");
  EXPECT_EQ(page.status, 503);
  EXPECT_FALSE(page.retry_after.empty());
  const Answer write = ImportThree(1);
  EXPECT_EQ(write.status, 503);
  EXPECT_EQ(Json::parse(write.body, nullptr, false).value("/error/code"_json_pointer, ""),
            "unavailable")
      << write.body;
  Database("up");
  const double up_at = Now();
  while (Get("/healthz").status != 200 && Now() < up_at + 2) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_LT(Now(), up_at + 2) << "/healthz did not recover within 2 s";

  // A write by another process after the restart reaches the cached list: the listener is back.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ASSERT_EQ(Get("/api/v1/organizations").status, 200);
  {
    auto db = store::Open(url_);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)
                    ->Query("INSERT INTO organizations (name, type, wg_role, created_at, "
                            "updated_at) VALUES ('Written elsewhere', 'academia', 'member', ?, ?)",
                            {store::NowUtc(), store::NowUtc()})
                    .has_value());
    ASSERT_TRUE(store::BumpDataVersion(**db).has_value());
  }
  const double written_at = Now();
  bool seen = false;
  while (!seen && Now() < written_at + 3) {
    seen = Get("/api/v1/organizations").body.find("Written elsewhere") != std::string::npos;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(seen) << "the cached list never showed a write made after the restart";
}

}  // namespace
}  // namespace inspire::web
