// The databases the store and API tests run on: a fresh SQLite file, and a fresh PostgreSQL
// database on the server named by INSPIRE_TEST_POSTGRES (scripts/test starts a throw-away one).
// Without that variable PostgreSQL tests are skipped, unless INSPIRE_REQUIRE_POSTGRES=1 (set by
// scripts/test), which makes them fail instead.
#ifndef INSPIRE_TESTS_SUPPORT_TEST_DATABASE_H_
#define INSPIRE_TESTS_SUPPORT_TEST_DATABASE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <string>

#include "store/database.h"
#include "support/temp_dir.h"

namespace inspire::testing {

enum class TestEngine { kSqlite, kPostgres };

inline std::string EngineName(TestEngine engine) {
  return engine == TestEngine::kSqlite ? "sqlite" : "postgres";
}

// A fresh, empty database for one test, removed afterwards. `location()` is empty (and the test
// must return) when the engine is unavailable; that is a skip or a failure as described above.
class TestDatabase {
 public:
  explicit TestDatabase(TestEngine engine) {
    if (engine == TestEngine::kSqlite) {
      location_ = (dir_.path() / "hub.db").string();
      return;
    }
    const char* server = std::getenv("INSPIRE_TEST_POSTGRES");
    if (server == nullptr || *server == '\0') return;
    static std::atomic<int> counter{0};
    name_ = "inspire_t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    auto admin = store::Open(server);
    if (!admin) {
      ADD_FAILURE() << admin.error().message;
      return;
    }
    admin_url_ = server;
    if (auto created = (*admin)->ExecuteScript("CREATE DATABASE " + name_); !created) {
      ADD_FAILURE() << created.error().message;
      return;
    }
    const std::string base = server;
    location_ = base.substr(0, base.rfind('/') + 1) + name_;
  }
  ~TestDatabase() {
    if (name_.empty() || admin_url_.empty()) return;
    if (auto admin = store::Open(admin_url_)) {
      (void)(*admin)->ExecuteScript("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& location() const { return location_; }

  // Call first in a test: true if the test can go on; else it has been skipped or failed.
  static bool Available(TestEngine engine) {
    if (engine == TestEngine::kSqlite) return true;
    const char* server = std::getenv("INSPIRE_TEST_POSTGRES");
    if (server != nullptr && *server != '\0') return true;
    const char* required = std::getenv("INSPIRE_REQUIRE_POSTGRES");
    if (required != nullptr && std::string(required) == "1") {
      ADD_FAILURE() << "INSPIRE_REQUIRE_POSTGRES=1 but INSPIRE_TEST_POSTGRES names no server";
    }
    return false;
  }

 private:
  TempDir dir_;
  std::string location_;
  std::string name_;
  std::string admin_url_;
};

}  // namespace inspire::testing

#define INSPIRE_REQUIRE_ENGINE(engine)                                    \
  do {                                                                    \
    if (!::inspire::testing::TestDatabase::Available(engine)) {           \
      if (::testing::Test::HasFailure()) return;                          \
      GTEST_SKIP() << "no PostgreSQL server (set INSPIRE_TEST_POSTGRES)"; \
    }                                                                     \
  } while (false)

#endif  // INSPIRE_TESTS_SUPPORT_TEST_DATABASE_H_
