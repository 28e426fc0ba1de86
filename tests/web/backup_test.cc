// `inspire db backup` and `inspire db restore` on SQLite (online backup API) and PostgreSQL
// (pg_dump / pg_restore): a backup taken, the database changed, the backup restored brings the
// records back; a file that is not a hub backup is refused and changes nothing.
#include <gtest/gtest.h>

#include <fstream>

#include "catalogue/loader.h"
#include "hub/actor.h"
#include "hub/organizations.h"
#include "store/database.h"
#include "support/run_binary.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {
using testing::RunInspire;
using testing::TestDatabase;
using testing::TestEngine;

class BackupTest : public ::testing::TestWithParam<TestEngine> {};

int64_t Organisations(const std::string& location) {
  auto db = store::Open(location);
  EXPECT_TRUE(db.has_value());
  if (!db) return -1;
  auto count = (*db)->Query("SELECT COUNT(*) FROM organizations", {});
  EXPECT_TRUE(count.has_value()) << count.error().message;
  return count ? count->rows.at(0).Int(0) : -1;
}

TEST_P(BackupTest, ABackupRestoresTheRecordsAndABadFileChangesNothing) {
  if (!TestDatabase::Available(GetParam())) {
    if (HasFailure()) return;
    GTEST_SKIP() << "no PostgreSQL server (set INSPIRE_TEST_POSTGRES)";
  }
  TestDatabase database(GetParam());
  testing::TempDir dir;
  const auto catalogue =
      catalogue::LoadCatalogue(catalogue::LoadOptions{INSPIRE_SOURCE_DATA_DIR, {}});
  ASSERT_TRUE(catalogue.has_value());
  {
    auto db = store::Open(database.location());
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(store::Migrate(**db).has_value());
    for (const char* name : {"First", "Second \"quoted\", with a comma"}) {
      ASSERT_TRUE(
          hub::CreateOrganization(**db, *catalogue, hub::Actor::System(),
                                  {{"name", name}, {"type", "academia"}, {"wg_role", "member"}})
              .has_value());
    }
  }
  const std::string backup = (dir.path() / "hub.backup").string();
  const auto made = RunInspire({"db", "backup", "--db", database.location(), "--out", backup});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  ASSERT_TRUE(std::filesystem::exists(backup));
  EXPECT_FALSE(std::filesystem::exists(backup + ".partial"));
  // Records about people: the backup, and a SQLite database, are for their owner's eyes only.
  using std::filesystem::perms;
  const auto mode = [](const std::string& path) {
    return std::filesystem::status(path).permissions() & perms::all;
  };
  EXPECT_EQ(mode(backup), perms::owner_read | perms::owner_write);
  if (GetParam() == TestEngine::kSqlite) {
    EXPECT_EQ(mode(database.location()), perms::owner_read | perms::owner_write);
  }

  {
    auto db = store::Open(database.location());
    ASSERT_TRUE((*db)->Query("DELETE FROM organizations", {}).has_value());
  }
  EXPECT_EQ(Organisations(database.location()), 0);

  // Not a backup: refused, nothing changed.
  const std::string junk = (dir.path() / "junk.backup").string();
  {
    std::ofstream out(junk);
    out << "this is not a database\n";
  }
  const auto refused = RunInspire({"db", "restore", "--db", database.location(), "--from", junk});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_EQ(Organisations(database.location()), 0);
  const auto missing =
      RunInspire({"db", "restore", "--db", database.location(), "--from", backup + ".nowhere"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("no such backup file"), std::string::npos) << missing.err;

  const auto restored =
      RunInspire({"db", "restore", "--db", database.location(), "--from", backup});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(Organisations(database.location()), 2);
  auto db = store::Open(database.location());
  const auto name = (*db)->Query("SELECT name FROM organizations WHERE name LIKE 'Second%'", {});
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(name->rows.at(0).Text(0), "Second \"quoted\", with a comma");
  // The restore raised the data version past the one before it (caches see the change).
  const auto version = (*db)->Query("SELECT version FROM data_version", {});
  EXPECT_GT(version->rows.at(0).Int(0), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, BackupTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
