// The SQLite driver (the only file that includes <sqlite3.h>).
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
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

}  // namespace inspire::store
