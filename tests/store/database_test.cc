// The store on both engines: migrations, values that round-trip intact, constraint errors,
// transactions that change nothing on failure, and concurrent writers.
#include "store/database.h"

#include <gtest/gtest.h>

#include <thread>

#include "store/drivers.h"
#include "support/test_database.h"

namespace inspire::store {
namespace {

using testing::TestDatabase;
using testing::TestEngine;

class StoreTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  // A migrated database, or nullptr when the engine is unavailable.
  std::unique_ptr<Connection> OpenMigrated() {
    database_ = std::make_unique<TestDatabase>(GetParam());
    auto connection = Open(database_->location());
    EXPECT_TRUE(connection.has_value()) << connection.error().message;
    if (!connection) return nullptr;
    auto migrated = Migrate(**connection);
    EXPECT_TRUE(migrated.has_value()) << migrated.error().message;
    return std::move(*connection);
  }
  std::unique_ptr<TestDatabase> database_;
};

core::Result<QueryResult> InsertOrganization(Connection& c, const std::string& name) {
  return c.Query(
      "INSERT INTO organizations (name, type, wg_role, created_at, updated_at) VALUES (?, ?, ?, ?, "
      "?) RETURNING id",
      {name, std::string("un_agency"), std::string("member"), NowUtc(), NowUtc()});
}

TEST_P(StoreTest, MigratesOnceAndKnowsItsVersion) {
  INSPIRE_REQUIRE_ENGINE(GetParam());
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  auto again = Migrate(*db);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(*again, 0);
  auto versions = db->Query("SELECT version, name FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(versions.has_value());
  ASSERT_EQ(versions->rows.size(), static_cast<size_t>(LatestMigration()));
  EXPECT_EQ(versions->rows[0].Int(0), 1);
}

TEST_P(StoreTest, RefusesADatabaseFromANewerBuild) {
  INSPIRE_REQUIRE_ENGINE(GetParam());
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(
      db->Query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                {int64_t{999}, std::string("future"), NowUtc()})
          .has_value());
  auto migrated = Migrate(*db);
  ASSERT_FALSE(migrated.has_value());
  EXPECT_EQ(migrated.error().code, core::ErrorCode::kUnsupported);
}

TEST_P(StoreTest, TextAndNumbersRoundTripIntact) {
  INSPIRE_REQUIRE_ENGINE(GetParam());
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  const std::vector<std::string> names = {
      "Robert'); DROP TABLE organizations;--", "quote \" and ' and ?", "Ünïcödé 子供 أطفال",
      "percent % underscore _ backslash \\", std::string(5000, 'x')};
  for (const auto& name : names) {
    auto inserted = InsertOrganization(*db, name);
    ASSERT_TRUE(inserted.has_value()) << inserted.error().message;
    const int64_t id = inserted->rows.at(0).Int(0);
    auto read = db->Query("SELECT name, id, 1.5, NULL FROM organizations WHERE id = ?", {id});
    ASSERT_TRUE(read.has_value()) << read.error().message;
    ASSERT_EQ(read->rows.size(), 1u);
    EXPECT_EQ(read->rows[0].Text(0), name);
    EXPECT_EQ(read->rows[0].Int(1), id);
    EXPECT_DOUBLE_EQ(read->rows[0].Real(2), 1.5);
    EXPECT_TRUE(read->rows[0].IsNull(3));
  }
  auto count = db->Query("SELECT COUNT(*) FROM organizations");
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(count->rows[0].Int(0), static_cast<int64_t>(names.size()));
}

TEST_P(StoreTest, ConstraintViolationsAreConflictsOrRuleErrors) {
  INSPIRE_REQUIRE_ENGINE(GetParam());
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(InsertOrganization(*db, "UNICEF").has_value());
  auto duplicate = InsertOrganization(*db, "UNICEF");
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, core::ErrorCode::kConflict);
  auto orphan =
      db->Query("INSERT INTO organization_countries (organization_id, iso3) VALUES (?, ?)",
                {int64_t{12345}, std::string("KEN")});
  ASSERT_FALSE(orphan.has_value());
  EXPECT_EQ(orphan.error().code, core::ErrorCode::kValidation);
}

TEST_P(StoreTest, AFailedTransactionChangesNothing) {
  INSPIRE_REQUIRE_ENGINE(GetParam());
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  auto result = InTransaction<int>(*db, [](Connection& c) -> core::Result<int> {
    INSPIRE_RETURN_IF_ERROR(InsertOrganization(c, "First"));
    INSPIRE_RETURN_IF_ERROR(InsertOrganization(c, "Second"));
    INSPIRE_RETURN_IF_ERROR(InsertOrganization(c, "First"));  // conflict: all is undone
    return 3;
  });
  ASSERT_FALSE(result.has_value());
  auto count = db->Query("SELECT COUNT(*) FROM organizations");
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(count->rows[0].Int(0), 0);
  // The connection is usable afterwards.
  EXPECT_TRUE(InsertOrganization(*db, "Third").has_value());
}

TEST_P(StoreTest, ConcurrentWritersThroughAPoolLoseNothing) {
  INSPIRE_REQUIRE_ENGINE(GetParam());
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  auto pool = Pool::Open(database_->location(), 4);
  ASSERT_TRUE(pool.has_value()) << pool.error().message;
  std::vector<std::thread> writers;
  writers.reserve(4);
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        auto lease = (*pool)->Acquire();
        auto done = InTransaction<int>(*lease, [&](Connection& c) -> core::Result<int> {
          INSPIRE_RETURN_IF_ERROR(
              InsertOrganization(c, "org " + std::to_string(t) + "-" + std::to_string(i)));
          return 1;
        });
        if (!done) ++failures;
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(failures.load(), 0);
  auto count = db->Query("SELECT COUNT(*) FROM organizations");
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(count->rows[0].Int(0), 100);
}

TEST_P(StoreTest, SeveralProcessesMayMigrateAtOnce) {
  INSPIRE_REQUIRE_ENGINE(GetParam());
  database_ = std::make_unique<TestDatabase>(GetParam());
  std::vector<std::thread> starters;
  starters.reserve(3);
  std::atomic<int> applied{0};
  std::atomic<int> failures{0};
  for (int t = 0; t < 3; ++t) {
    starters.emplace_back([&] {
      auto connection = Open(database_->location());
      if (!connection) {
        ++failures;
        return;
      }
      auto migrated = Migrate(**connection);
      if (!migrated) {
        ++failures;
        return;
      }
      applied += *migrated;
    });
  }
  for (auto& starter : starters) starter.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(applied.load(), LatestMigration());
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

TEST(Store, RefusesAnUnknownKindOfLocation) {
  auto opened = Open("mysql://somewhere/db");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_FALSE(Open("").has_value());
}

TEST(Store, NumbersPlaceholdersOutsideQuotesOnly) {
  EXPECT_EQ(NumberPlaceholders("SELECT ? , '?' , \"a?\" , ?"), "SELECT $1 , '?' , \"a?\" , $2");
}

}  // namespace
}  // namespace inspire::store
