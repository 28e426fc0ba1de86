// The SQLite driver (the only file that includes <sqlite3.h>).
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <thread>

#include "store/database.h"
#include "store/drivers.h"

namespace inspire::store {
namespace {

using core::ErrorCode;
using core::Fail;

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close_v2(db_); }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Engine engine() const override { return Engine::kSqlite; }

  core::Result<QueryResult> Query(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, &tail) !=
        SQLITE_OK) {
      return Error("prepare");
    }
    struct Finalize {
      sqlite3_stmt* s;
      ~Finalize() { sqlite3_finalize(s); }
    } finalize{statement};
    if (statement == nullptr) return QueryResult{};
    if (static_cast<size_t>(sqlite3_bind_parameter_count(statement)) != params.size()) {
      return Fail(ErrorCode::kInternal,
                  fmt::format("SQL has {} placeholders but {} values were given",
                              sqlite3_bind_parameter_count(statement), params.size()));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      if (const auto* integer = std::get_if<int64_t>(&params[i])) {
        rc = sqlite3_bind_int64(statement, index, *integer);
      } else if (const auto* real = std::get_if<double>(&params[i])) {
        rc = sqlite3_bind_double(statement, index, *real);
      } else if (const auto* text = std::get_if<std::string>(&params[i])) {
        rc = sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()),
                               SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(statement, index);
      }
      if (rc != SQLITE_OK) return Error("bind");
    }
    QueryResult result;
    const int columns = sqlite3_column_count(statement);
    for (int c = 0; c < columns; ++c)
      result.columns.emplace_back(sqlite3_column_name(statement, c));
    while (true) {
      const int rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return Error("step");
      Row row;
      row.values.reserve(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(statement, c)) {
          case SQLITE_INTEGER:
            row.values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(statement, c)));
            break;
          case SQLITE_FLOAT:
            row.values.emplace_back(sqlite3_column_double(statement, c));
            break;
          case SQLITE_NULL:
            row.values.emplace_back(std::monostate{});
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
            const int bytes = sqlite3_column_bytes(statement, c);
            row.values.emplace_back(
                std::string(text != nullptr ? text : "", static_cast<size_t>(bytes)));
          }
        }
      }
      result.rows.push_back(std::move(row));
    }
    result.affected = sqlite3_changes64(db_);
    return result;
  }

  core::Result<void> ExecuteScript(std::string_view sql) override {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string what = message != nullptr ? message : "unknown error";
      sqlite3_free(message);
      return Fail(ErrorCode::kIo, "SQLite: " + what);
    }
    return {};
  }

  core::Result<void> BeginWrite() override { return ExecuteScript("BEGIN IMMEDIATE"); }
  core::Result<void> Commit() override { return ExecuteScript("COMMIT"); }
  core::Result<void> Rollback() override {
    if (sqlite3_get_autocommit(db_) != 0) return {};  // nothing open
    return ExecuteScript("ROLLBACK");
  }

 private:
  tl::unexpected<core::Error> Error(std::string_view step) const {
    const int code = sqlite3_extended_errcode(db_);
    const std::string message = sqlite3_errmsg(db_);
    switch (code) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        return Fail(ErrorCode::kConflict, "already exists: " + message);
      case SQLITE_CONSTRAINT_FOREIGNKEY:
      case SQLITE_CONSTRAINT_CHECK:
      case SQLITE_CONSTRAINT_NOTNULL:
        return Fail(ErrorCode::kValidation, "breaks a rule of the database: " + message);
      default:
        break;
    }
    return Fail(ErrorCode::kIo, fmt::format("SQLite {}: {}", step, message));
  }

  sqlite3* db_;
};

// A database file opened for a copy (closed with the handle).
class SqliteHandle {
 public:
  SqliteHandle(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      error_ = fmt::format("{}: {}", path, db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory");
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

// Copies every page of `from` into `to` in one step.
core::Result<void> CopyPages(sqlite3* from, sqlite3* to, const std::string& what) {
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

}  // namespace

core::Result<void> CreateOwnerOnly(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return {};
  }
  if (errno == EEXIST) return {};
  return Fail(ErrorCode::kIo,
              fmt::format("{}: cannot create the file: {}", path, std::strerror(errno)));
}

core::Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path) {
  if (path != ":memory:" && path.rfind("file:", 0) != 0) {
    INSPIRE_RETURN_IF_ERROR(CreateOwnerOnly(path));
  }
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Fail(ErrorCode::kIo,
                fmt::format("{}: cannot open the SQLite database: {}", path, message));
  }
  auto connection = std::make_unique<SqliteConnection>(db);
  // Writers wait for each other instead of failing; WAL lets readers go on during a write.
  sqlite3_busy_timeout(db, 10000);
  // Switching a new file to WAL takes an exclusive lock for which SQLite does not always wait
  // (several servers starting at once on a new file): tried again for up to 10 s.
  core::Result<void> set_up;
  for (int attempt = 0; attempt < 500; ++attempt) {
    set_up = connection->ExecuteScript(
        "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    if (set_up || set_up.error().message.find("locked") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  INSPIRE_RETURN_IF_ERROR(set_up);
  return std::unique_ptr<Connection>(std::move(connection));
}

core::Result<void> CopySqliteDatabase(const std::string& from, const std::string& to,
                                      const std::string& what, bool self_contained) {
  SqliteHandle source(from, SQLITE_OPEN_READONLY);
  if (source.get() == nullptr) return Fail(ErrorCode::kIo, source.error());
  SqliteHandle target(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (target.get() == nullptr) return Fail(ErrorCode::kIo, target.error());
  INSPIRE_RETURN_IF_ERROR(CopyPages(source.get(), target.get(), what));
  if (self_contained) {
    sqlite3_exec(target.get(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  }
  return {};
}

core::Result<int64_t> SqliteSchemaVersion(const std::string& path) {
  SqliteHandle file(path, SQLITE_OPEN_READONLY);
  if (file.get() == nullptr) return Fail(ErrorCode::kIo, file.error());
  if (ScalarText(file.get(), "PRAGMA integrity_check") != "ok") {
    return Fail(ErrorCode::kParse,
                fmt::format("{}: not a sound SQLite database (integrity check failed)", path));
  }
  const auto version = ScalarText(file.get(), "SELECT MAX(version) FROM schema_migrations");
  int64_t number = 0;
  if (!version || std::from_chars(version->data(), version->data() + version->size(), number).ec !=
                      std::errc()) {
    return Fail(ErrorCode::kParse,
                fmt::format("{}: not an INSPIRE Hub database (no schema_migrations)", path));
  }
  return number;
}

}  // namespace inspire::store
