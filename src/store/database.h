// Database access: one interface over two engines, SQLite (the embedded default: one file, WAL,
// foreign keys on) and PostgreSQL (libpq), so that the hub's SQL runs unchanged on both.
//
// SQL is written once with `?` placeholders (turned into $1, $2... for PostgreSQL) and portable
// types; values travel as Value (null, integer, real or text). Errors are core::Error values:
// kConflict for a unique-key violation, kValidation for a foreign-key or check violation, kIo
// for a lost connection or a busy database, kInvalidArgument for a bad location.
// Nothing outside src/store includes <sqlite3.h> or <libpq-fe.h>.
#ifndef INSPIRE_STORE_DATABASE_H_
#define INSPIRE_STORE_DATABASE_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"

namespace inspire::store {

using Value = std::variant<std::monostate, int64_t, double, std::string>;
inline const Value kNull{};

struct Row {
  std::vector<Value> values;
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values[i]); }
  // The value as an integer (a real is truncated, text parsed; null: 0).
  int64_t Int(size_t i) const;
  double Real(size_t i) const;
  // The value as text (numbers written out; null: "").
  std::string Text(size_t i) const;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  int64_t affected = 0;  // rows changed by an INSERT, UPDATE or DELETE
};

enum class Engine { kSqlite, kPostgres };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // One statement with `?` placeholders bound to `params` in order.
  virtual core::Result<QueryResult> Query(std::string_view sql,
                                          const std::vector<Value>& params = {}) = 0;
  // Several statements separated by semicolons, no parameters (migrations).
  virtual core::Result<void> ExecuteScript(std::string_view sql) = 0;
  // Transactions. BeginWrite takes the write lock at once (SQLite BEGIN IMMEDIATE), so two
  // writers never deadlock half-way.
  virtual core::Result<void> BeginWrite() = 0;
  virtual core::Result<void> Commit() = 0;
  virtual core::Result<void> Rollback() = 0;
  // PostgreSQL: waits up to `timeout_ms` for a notification on a channel this connection LISTENs
  // to; true if one (or more) came. Other engines: kUnsupported.
  virtual core::Result<bool> WaitForNotification(int timeout_ms);
};

// The channel on which PostgreSQL tells every listening server that the data version moved.
inline constexpr const char* kDataVersionChannel = "inspire_data_version";

// Raises the data version that response caches compare with; on PostgreSQL also notifies
// kDataVersionChannel (delivered at commit, so never for a rolled-back write).
core::Result<void> BumpDataVersion(Connection& db);

// Opens `location`: a postgresql:// or postgres:// URL, or a file path for SQLite (created if
// missing; ":memory:" for a private in-memory database).
core::Result<std::unique_ptr<Connection>> Open(const std::string& location);

// Runs `body` in a write transaction: committed if it succeeds, rolled back otherwise, so a
// failure changes nothing (DESIGN invariant 4).
template <typename T>
core::Result<T> InTransaction(Connection& connection,
                              const std::function<core::Result<T>(Connection&)>& body) {
  INSPIRE_RETURN_IF_ERROR(connection.BeginWrite());
  core::Result<T> result = body(connection);
  if (!result) {
    (void)connection.Rollback();
    return result;
  }
  if (auto committed = connection.Commit(); !committed) {
    (void)connection.Rollback();
    return tl::unexpected(committed.error());
  }
  return result;
}

// A fixed set of connections shared by server threads. Acquire blocks until one is free.
class Pool {
 public:
  static core::Result<std::unique_ptr<Pool>> Open(const std::string& location, size_t size);

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = default;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
  };
  Lease Acquire();
  Engine engine() const { return engine_; }

 private:
  void Return(std::unique_ptr<Connection> connection);
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  Engine engine_ = Engine::kSqlite;
};

// Applies the numbered migrations (store/migrations.cc) not yet applied, each in its own
// transaction, and returns how many ran. Safe when several processes start at once.
core::Result<int> Migrate(Connection& connection);
// The number of the newest migration this build knows.
int LatestMigration();

// The current time as ISO 8601 UTC with milliseconds, the form every timestamp is stored in.
std::string NowUtc();
// The same form for `seconds` from now (negative: in the past), for expiries and time windows.
std::string UtcFromNow(int64_t seconds);

// The UTC date `days` from today (negative: before), "YYYY-MM-DD": the form of whole dates (due
// dates), and what "overdue" is measured against.
std::string UtcDate(int64_t days = 0);

// Seconds since 1970 of a timestamp in the stored form (fractions dropped), or nullopt if `utc`
// is not in that form.
std::optional<int64_t> UtcSeconds(std::string_view utc);

// "?, ?, ?": `count` placeholders for an IN (...) list.
std::string Placeholders(size_t count);

}  // namespace inspire::store

#endif  // INSPIRE_STORE_DATABASE_H_
