#include "store/backup.h"

#include <fmt/format.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>
#include <vector>

#include "store/database.h"
#include "store/drivers.h"

extern char** environ;

namespace inspire::store {
namespace {

using core::ErrorCode;
using core::Fail;

bool IsPostgres(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

// Runs `args` (looked up on PATH) and waits; its output goes to ours.
core::Result<void> RunTool(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    return Fail(ErrorCode::kIo,
                fmt::format("cannot run {} (install Debian's postgresql-client)", args[0]));
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Fail(ErrorCode::kIo, fmt::format("{} failed (its messages are above)", args[0]));
  }
  return {};
}

class SqliteHandle {
 public:
  SqliteHandle(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      error_ = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    } else {
      sqlite3_busy_timeout(db_, 10000);
    }
  }
  ~SqliteHandle() { sqlite3_close_v2(db_); }
  SqliteHandle(const SqliteHandle&) = delete;
  SqliteHandle& operator=(const SqliteHandle&) = delete;
  sqlite3* get() const { return error_.empty() ? db_ : nullptr; }
  const std::string& error() const { return error_; }

 private:
  sqlite3* db_ = nullptr;
  std::string error_;
};

// Copies every page of `from` into `to` in one step (the destination is locked meanwhile, so
// readers see the old or the new database, never a mix).
core::Result<void> CopySqlite(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) {
    return Fail(ErrorCode::kIo, fmt::format("{}: {}", what, sqlite3_errmsg(to)));
  }
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 100; ++attempt) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(100);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return Fail(ErrorCode::kIo, fmt::format("{}: {}", what, sqlite3_errstr(rc)));
  }
  return {};
}

// The first column of the first row of `sql` as text, or nullopt (no row, NULL, or an error).
std::optional<std::string> ScalarText(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) return std::nullopt;
  std::optional<std::string> value;
  if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_type(statement, 0) != SQLITE_NULL) {
    value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  return value;
}

// Is `file` an INSPIRE Hub SQLite database this build can restore?
core::Result<void> CheckSqliteBackup(const std::filesystem::path& file, sqlite3* db) {
  if (ScalarText(db, "PRAGMA integrity_check") != "ok") {
    return Fail(
        ErrorCode::kParse,
        fmt::format("{}: not a sound SQLite database (integrity check failed)", file.string()));
  }
  const auto version = ScalarText(db, "SELECT MAX(version) FROM schema_migrations");
  if (!version) {
    return Fail(
        ErrorCode::kParse,
        fmt::format("{}: not an INSPIRE Hub database (no schema_migrations)", file.string()));
  }
  if (std::stoll(*version) > LatestMigration()) {
    return Fail(ErrorCode::kUnsupported,
                fmt::format("{}: made by a newer INSPIRE Hub (schema {}; this build knows {})",
                            file.string(), *version, LatestMigration()));
  }
  return {};
}

core::Result<int64_t> CurrentVersion(Connection& db) {
  auto found = db.Query("SELECT version FROM data_version WHERE id = 1", {});
  if (!found || found->rows.empty()) return int64_t{0};  // a database made before migration 4
  return found->rows[0].Int(0);
}

// Renames the finished backup into place (a failed one leaves no half file).
core::Result<void> Finish(const std::filesystem::path& partial, const std::filesystem::path& file) {
  std::error_code failed;
  std::filesystem::rename(partial, file, failed);
  if (failed) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    return Fail(ErrorCode::kIo, fmt::format("{}: cannot write the backup", file.string()));
  }
  return {};
}

}  // namespace

core::Result<void> Backup(const std::string& db, const std::filesystem::path& file) {
  const std::filesystem::path partial = file.string() + ".partial";
  std::error_code ignored;
  std::filesystem::remove(partial, ignored);
  if (IsPostgres(db)) {
    INSPIRE_RETURN_IF_ERROR(CreateOwnerOnly(partial.string()));
    if (auto dumped =
            RunTool({"pg_dump", "--format=custom", "--no-owner", "--file", partial.string(), db});
        !dumped) {
      std::filesystem::remove(partial, ignored);
      return dumped;
    }
    return Finish(partial, file);
  }
  if (!std::filesystem::is_regular_file(db)) {
    return Fail(ErrorCode::kIo, fmt::format("{}: no such database file", db));
  }
  INSPIRE_RETURN_IF_ERROR(CreateOwnerOnly(partial.string()));
  {
    SqliteHandle from(db, SQLITE_OPEN_READONLY);
    if (from.get() == nullptr) return Fail(ErrorCode::kIo, fmt::format("{}: {}", db, from.error()));
    SqliteHandle to(partial.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (to.get() == nullptr) {
      return Fail(ErrorCode::kIo, fmt::format("{}: {}", file.string(), to.error()));
    }
    if (auto copied = CopySqlite(from.get(), to.get(), "backup of " + db); !copied) {
      std::filesystem::remove(partial, ignored);
      return copied;
    }
    // One self-contained file: no -wal beside it.
    sqlite3_exec(to.get(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  }
  return Finish(partial, file);
}

core::Result<void> Restore(const std::string& db, const std::filesystem::path& file) {
  int64_t before = 0;
  {
    INSPIRE_ASSIGN_OR_RETURN(auto target, Open(db));
    INSPIRE_ASSIGN_OR_RETURN(before, CurrentVersion(*target));
  }
  if (IsPostgres(db)) {
    if (!std::filesystem::is_regular_file(file)) {
      return Fail(ErrorCode::kIo, fmt::format("{}: no such backup file", file.string()));
    }
    INSPIRE_RETURN_IF_ERROR(
        RunTool({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                 "--exit-on-error", "--dbname", db, file.string()}));
  } else {
    if (!std::filesystem::is_regular_file(file)) {
      return Fail(ErrorCode::kIo, fmt::format("{}: no such backup file", file.string()));
    }
    SqliteHandle from(file.string(), SQLITE_OPEN_READONLY);
    if (from.get() == nullptr) {
      return Fail(ErrorCode::kIo, fmt::format("{}: {}", file.string(), from.error()));
    }
    INSPIRE_RETURN_IF_ERROR(CheckSqliteBackup(file, from.get()));
    SqliteHandle to(db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (to.get() == nullptr) return Fail(ErrorCode::kIo, fmt::format("{}: {}", db, to.error()));
    INSPIRE_RETURN_IF_ERROR(CopySqlite(from.get(), to.get(), "restore into " + db));
  }
  INSPIRE_ASSIGN_OR_RETURN(auto restored, Open(db));
  INSPIRE_RETURN_IF_ERROR(Migrate(*restored));
  // Caches made before the restore must not match the restored data's version.
  INSPIRE_RETURN_IF_ERROR(restored->Query(
      "UPDATE data_version SET version = CASE WHEN version > ? THEN version + 1 ELSE ? END "
      "WHERE id = 1",
      {before, before + 1}));
  if (restored->engine() == Engine::kPostgres) {
    INSPIRE_RETURN_IF_ERROR(restored->Query(std::string("NOTIFY ") + kDataVersionChannel));
  }
  return {};
}

}  // namespace inspire::store
