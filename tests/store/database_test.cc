// The store on both engines: migrations, values that round-trip intact, constraint errors,
// transactions that change nothing on failure, and concurrent writers.
#include "store/database.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "store/autoincrement.h"
#include "store/drivers.h"
#include "store/migrations.h"
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
        ADD_FAILURE() << "open: " << connection.error().message;
        ++failures;
        return;
      }
      auto migrated = Migrate(**connection);
      if (!migrated) {
        ADD_FAILURE() << "migrate: " << migrated.error().message;
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

TEST_P(StoreTest, ADeletedRecordsIdIsNeverGivenAgain) {
  INSPIRE_REQUIRE_ENGINE(GetParam());
  auto c = OpenMigrated();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(InsertOrganization(*c, "A"));
  auto last = InsertOrganization(*c, "B");
  ASSERT_TRUE(last);
  const int64_t b = last->rows[0].Int(0);
  ASSERT_TRUE(c->Query("DELETE FROM organizations WHERE id = ?", {b}));
  auto next = InsertOrganization(*c, "C");
  ASSERT_TRUE(next);
  EXPECT_GT(next->rows[0].Int(0), b) << "the id of the deleted last row came back";
}

// Sets published before the hub kept each set's confidence level get the one their provenance
// names (a number between 0 and 1), else 0.95.
TEST_P(StoreTest, TheLevelMigrationReadsEachSetsProvenance) {
  INSPIRE_REQUIRE_ENGINE(GetParam());
  auto c = OpenMigrated();
  ASSERT_NE(c, nullptr);
  const std::vector<std::pair<std::string, double>> sets = {
      {R"({"options": {"level": 0.9, "min_n": 25}})", 0.9},
      {R"({"options": {"level": 1.5}})", 0.95},
      {R"({"options": {"level": "0.8"}})", 0.95},
      {R"({"format": "csv"})", 0.95},
      {R"({"options": {"level": 0.99}})", 0.99}};
  for (size_t i = 0; i < sets.size(); ++i) {
    ASSERT_TRUE(c->Query(
        "INSERT INTO estimate_sets (country_iso3, year, source, provenance, published_by_email, "
        "published_at) VALUES ('KEN', ?, 'VACS', ?, 'a@example.org', ?)",
        {static_cast<int64_t>(2000 + i), sets[i].first, NowUtc()}));
  }
  const auto& migrations = Migrations();
  const auto found = std::find_if(migrations.begin(), migrations.end(), [](const Migration& m) {
    return m.name == "confidence level of each estimate set";
  });
  ASSERT_NE(found, migrations.end());
  const std::string sql = ForEngine(found->sql, c->engine());
  ASSERT_NE(sql.find("UPDATE"), std::string::npos);
  ASSERT_TRUE(c->ExecuteScript(sql.substr(sql.find("UPDATE"))));
  const auto levels = c->Query("SELECT level FROM estimate_sets ORDER BY year");
  ASSERT_TRUE(levels);
  ASSERT_EQ(levels->rows.size(), sets.size());
  for (size_t i = 0; i < sets.size(); ++i) {
    EXPECT_DOUBLE_EQ(levels->rows[i].Real(0), sets[i].second) << sets[i].first;
  }
}

// Needs and offers recorded before their lists had tables get them filled from their JSON lists;
// a list that is no JSON array of strings adds nothing.
TEST_P(StoreTest, TheListMigrationFillsTheJoinTablesFromTheJsonLists) {
  INSPIRE_REQUIRE_ENGINE(GetParam());
  auto c = OpenMigrated();
  ASSERT_NE(c, nullptr);
  auto org = InsertOrganization(*c, "A");
  ASSERT_TRUE(org);
  const int64_t org_id = org->rows[0].Int(0);
  const std::string now = NowUtc();
  // The JSON columns as they were before the lists moved to rows (a later migration drops them).
  ASSERT_TRUE(
      c->ExecuteScript("ALTER TABLE needs ADD COLUMN approaches TEXT NOT NULL DEFAULT '[]';"
                       "ALTER TABLE offers ADD COLUMN approaches TEXT NOT NULL DEFAULT '[]';"
                       "ALTER TABLE offers ADD COLUMN countries TEXT NOT NULL DEFAULT '[]';"
                       "ALTER TABLE offers ADD COLUMN regions TEXT NOT NULL DEFAULT '[]';"));
  ASSERT_TRUE(
      c->Query("INSERT INTO needs (country_iso3, kind, approaches, status, created_at, "
               "updated_at) VALUES ('KEN', 'training', '[\"P4.1\",\"P4.2\"]', 'open', ?, ?)",
               {now, now}));
  ASSERT_TRUE(
      c->Query("INSERT INTO needs (country_iso3, kind, approaches, status, created_at, "
               "updated_at) VALUES ('KEN', 'training', '{\"P4.1\": 1}', 'open', ?, ?)",
               {now, now}));
  ASSERT_TRUE(
      c->Query("INSERT INTO offers (organization_id, kind, approaches, countries, regions, status, "
               "created_at, updated_at) VALUES (?, 'funding', '[\"E7.1\"]', '[\"KEN\",\"UGA\"]', "
               "'[\"AFR\"]', 'available', ?, ?)",
               {org_id, now, now}));
  const auto& migrations = Migrations();
  const auto found = std::find_if(migrations.begin(), migrations.end(), [](const Migration& m) {
    return m.name == "lists of needs and offers as rows";
  });
  ASSERT_NE(found, migrations.end());
  ASSERT_NE(found->after, nullptr);
  const auto added = found->after(*c);
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(*added, 6);
  const auto count = [&](const char* sql) { return c->Query(sql)->rows.at(0).Int(0); };
  EXPECT_EQ(count("SELECT COUNT(*) FROM need_approaches"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM offer_approaches WHERE approach_id = 'E7.1'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM offer_countries"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM offer_regions WHERE region = 'AFR'"), 1);
  // The rows go with their record.
  ASSERT_TRUE(c->Query("DELETE FROM offers"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM offer_countries"), 0);
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

// A SQLite database made before ids were AUTOINCREMENT (every migration before the rebuild, as
// the older builds ran them) is rebuilt by it: rows, indexes and foreign keys intact, and a
// deleted id no longer comes back.
TEST(StoreSqlite, AnOlderDatabaseIsRebuiltWithItsRowsKeysAndIndexesIntact) {
  TestDatabase database(TestEngine::kSqlite);
  auto opened = Open(database.location());
  ASSERT_TRUE(opened) << opened.error().message;
  Connection& c = **opened;
  ASSERT_TRUE(
      c.ExecuteScript("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name "
                      "TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  const auto& migrations = Migrations();
  const auto rebuild =
      static_cast<size_t>(std::find_if(migrations.begin(), migrations.end(),
                                       [](const Migration& m) { return m.rebuild_ids; }) -
                          migrations.begin());
  ASSERT_LT(rebuild, migrations.size());
  for (size_t i = 0; i < rebuild; ++i) {
    std::string sql = ForEngine(migrations[i].sql, Engine::kSqlite);
    for (size_t at = sql.find(" AUTOINCREMENT"); at != std::string::npos;
         at = sql.find(" AUTOINCREMENT")) {
      sql.erase(at, 14);
    }
    ASSERT_TRUE(c.ExecuteScript(sql)) << migrations[i].name;
    ASSERT_TRUE(c.Query("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                        {static_cast<int64_t>(i + 1), std::string(migrations[i].name), NowUtc()}));
  }
  std::vector<int64_t> ids;
  for (const char* name : {"A", "B", "C"})
    ids.push_back(InsertOrganization(c, name)->rows[0].Int(0));
  ASSERT_TRUE(c.Query("INSERT INTO organization_countries VALUES (?, 'KEN')", {ids[1]}));
  ASSERT_TRUE(
      c.Query("INSERT INTO users (email, password_hash, role, organization_id, created_at) "
              "VALUES ('u@example.org', 'x', 'viewer', ?, ?)",
              {ids[2], NowUtc()}));
  auto migrated = Migrate(c);
  ASSERT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(*migrated, static_cast<int>(migrations.size() - rebuild));
  auto schema = c.Query("SELECT sql FROM sqlite_master WHERE name = 'organizations'");
  EXPECT_NE(schema->rows[0].Text(0).find("AUTOINCREMENT"), std::string::npos);
  EXPECT_EQ(c.Query("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                    "'organization_countries_iso3'")
                ->rows[0]
                .Int(0),
            1);
  EXPECT_EQ(c.Query("SELECT COUNT(*) FROM organizations")->rows[0].Int(0), 3);
  EXPECT_EQ(c.Query("PRAGMA foreign_keys")->rows[0].Int(0), 1);
  // The keys still act: SET NULL, CASCADE, and a reference to nothing refused.
  ASSERT_TRUE(c.Query("DELETE FROM organizations WHERE id = ?", {ids[2]}));
  EXPECT_TRUE(c.Query("SELECT organization_id FROM users")->rows[0].IsNull(0));
  ASSERT_TRUE(c.Query("DELETE FROM organizations WHERE id = ?", {ids[1]}));
  EXPECT_EQ(c.Query("SELECT COUNT(*) FROM organization_countries")->rows[0].Int(0), 0);
  EXPECT_FALSE(c.Query("INSERT INTO organization_countries VALUES (999, 'KEN')"));
  EXPECT_GT(InsertOrganization(c, "D")->rows[0].Int(0), ids[2]);
  // Run again, nothing is left to rebuild.
  EXPECT_EQ(RebuildTablesWithAutoincrementIds(c).value_or(-1), 0);
}

TEST(StoreSqlite, OnlyAPlainIdColumnGetsAutoincrement) {
  EXPECT_EQ(WithAutoincrementId("CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  x TEXT\n)"),
            "CREATE TABLE t (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  x TEXT\n)");
  EXPECT_EQ(WithAutoincrementId("CREATE TABLE t (id INTEGER PRIMARY KEY)"),
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)");
  EXPECT_EQ(WithAutoincrementId("CREATE TABLE t (id INTEGER PRIMARY KEY CHECK (id = 1))"), "");
  EXPECT_EQ(WithAutoincrementId("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, x)"), "");
  EXPECT_EQ(WithAutoincrementId("CREATE TABLE t (user_id INTEGER PRIMARY KEY, x)"), "");
}

}  // namespace
}  // namespace inspire::store
