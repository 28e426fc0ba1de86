#include "store/backup.h"

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

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
  // One self-contained file: no -wal beside it.
  if (auto copied = CopySqliteDatabase(db, partial.string(), "backup of " + db, true); !copied) {
    std::filesystem::remove(partial, ignored);
    return copied;
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
    INSPIRE_ASSIGN_OR_RETURN(const int64_t version, SqliteSchemaVersion(file.string()));
    if (version > LatestMigration()) {
      return Fail(ErrorCode::kUnsupported,
                  fmt::format("{}: made by a newer INSPIRE Hub (schema {}; this build knows {})",
                              file.string(), version, LatestMigration()));
    }
    INSPIRE_RETURN_IF_ERROR(CopySqliteDatabase(file.string(), db, "restore into " + db, false));
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
