#include "store/database.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <ctime>

#include "store/autoincrement.h"
#include "store/drivers.h"
#include "store/migrations.h"

namespace inspire::store {

core::Result<void> BumpDataVersion(Connection& db) {
  INSPIRE_RETURN_IF_ERROR(db.Query("UPDATE data_version SET version = version + 1 WHERE id = 1"));
  if (db.engine() == Engine::kPostgres) {
    INSPIRE_RETURN_IF_ERROR(db.Query(std::string("NOTIFY ") + kDataVersionChannel));
  }
  return {};
}

core::Result<bool> Connection::WaitForNotification(int /*timeout_ms*/) {
  return core::Fail(core::ErrorCode::kUnsupported, "notifications need PostgreSQL");
}

using core::ErrorCode;
using core::Fail;

int64_t Row::Int(size_t i) const {
  const Value& v = values[i];
  if (const auto* integer = std::get_if<int64_t>(&v)) return *integer;
  if (const auto* real = std::get_if<double>(&v)) return static_cast<int64_t>(*real);
  if (const auto* text = std::get_if<std::string>(&v)) {
    int64_t number = 0;
    std::from_chars(text->data(), text->data() + text->size(), number);
    return number;
  }
  return 0;
}

double Row::Real(size_t i) const {
  const Value& v = values[i];
  if (const auto* real = std::get_if<double>(&v)) return *real;
  if (const auto* integer = std::get_if<int64_t>(&v)) return static_cast<double>(*integer);
  if (const auto* text = std::get_if<std::string>(&v)) {
    double number = 0;
    std::from_chars(text->data(), text->data() + text->size(), number);
    return number;
  }
  return 0;
}

std::string Row::Text(size_t i) const {
  const Value& v = values[i];
  if (const auto* text = std::get_if<std::string>(&v)) return *text;
  if (const auto* integer = std::get_if<int64_t>(&v)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&v)) return fmt::format("{}", *real);
  return "";
}

core::Result<std::unique_ptr<Connection>> Open(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    return OpenPostgres(location);
  }
  if (location.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "--db is empty; give a SQLite file path or a postgresql:// URL");
  }
  if (location.find("://") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("--db '{}': unknown kind of database; give a SQLite file path or a "
                            "postgresql://user@host:port/db URL",
                            location));
  }
  return OpenSqlite(location);
}

core::Result<std::unique_ptr<Pool>> Pool::Open(const std::string& location, size_t size) {
  auto pool = std::make_unique<Pool>();
  for (size_t i = 0; i < std::max<size_t>(1, size); ++i) {
    INSPIRE_ASSIGN_OR_RETURN(auto connection, store::Open(location));
    pool->engine_ = connection->engine();
    pool->idle_.push_back(std::move(connection));
  }
  return pool;
}

Pool::Lease Pool::Acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  auto connection = std::move(idle_.back());
  idle_.pop_back();
  return Lease(this, std::move(connection));
}

void Pool::Return(std::unique_ptr<Connection> connection) {
  {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

Pool::Lease::~Lease() {
  if (pool_ != nullptr && connection_ != nullptr) {
    (void)connection_->Rollback();  // a lease never hands on an open transaction
    pool_->Return(std::move(connection_));
  }
}

std::string UtcFromNow(int64_t seconds) {
  const auto when = std::chrono::system_clock::now() + std::chrono::seconds(seconds);
  const auto t = std::chrono::system_clock::to_time_t(when);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  return fmt::format("{}.{:03d}Z", buffer, millis);
}

std::string NowUtc() { return UtcFromNow(0); }

std::string UtcDate(int64_t days) { return UtcFromNow(days * 24 * 60 * 60).substr(0, 10); }

std::optional<int64_t> UtcSeconds(std::string_view utc) {
  std::tm parts{};
  const std::string text(utc.substr(0, 19));
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &parts);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<int64_t>(timegm(&parts));
}

std::string Placeholders(size_t count) {
  std::string list;
  for (size_t i = 0; i < count; ++i) list += i == 0 ? "?" : ", ?";
  return list;
}

int LatestMigration() { return static_cast<int>(Migrations().size()); }

core::Result<int> Migrate(Connection& connection) {
  const bool postgres = connection.engine() == Engine::kPostgres;
  // Several servers may start at once: PostgreSQL serialises them with an advisory lock held for
  // each transaction, SQLite with BEGIN IMMEDIATE.
  const auto lock = [&]() -> core::Result<void> {
    if (!postgres) return {};
    INSPIRE_ASSIGN_OR_RETURN(const auto locked,
                             connection.Query("SELECT pg_advisory_xact_lock(724007)"));
    (void)locked;
    return {};
  };
  const auto create_table = [&](Connection& c) -> core::Result<int> {
    INSPIRE_RETURN_IF_ERROR(lock());
    INSPIRE_RETURN_IF_ERROR(c.ExecuteScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
        "NULL, applied_at TEXT NOT NULL)"));
    return 0;
  };
  if (auto created = InTransaction<int>(connection, create_table); !created) {
    return tl::unexpected(created.error());
  }
  int applied = 0;
  const auto& migrations = Migrations();
  for (size_t i = 0; i < migrations.size(); ++i) {
    const Migration& migration = migrations[i];
    const auto version = static_cast<int64_t>(i + 1);
    const auto apply = [&](Connection& c) -> core::Result<bool> {
      INSPIRE_RETURN_IF_ERROR(lock());
      INSPIRE_ASSIGN_OR_RETURN(
          const auto done,
          c.Query("SELECT version FROM schema_migrations WHERE version = ?", {version}));
      if (!done.rows.empty()) return false;
      const auto step = [&]() -> core::Result<void> {
        if (migration.rebuild_ids) return RebuildTablesWithAutoincrementIds(c).map([](int) {});
        INSPIRE_RETURN_IF_ERROR(c.ExecuteScript(ForEngine(migration.sql, c.engine())));
        if (migration.after != nullptr) return migration.after(c).map([](int64_t) {});
        return {};
      };
      if (auto script = step(); !script) {
        return Fail(script.error().code, fmt::format("migration {} ({}): {}", version,
                                                     migration.name, script.error().message));
      }
      INSPIRE_RETURN_IF_ERROR(
          c.Query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                  {version, std::string(migration.name), NowUtc()}));
      return true;
    };
    // PRAGMA foreign_keys is ignored inside a transaction: off before, on again after.
    const bool keys_off = migration.rebuild_ids && !postgres;
    if (keys_off) INSPIRE_RETURN_IF_ERROR(connection.ExecuteScript("PRAGMA foreign_keys = OFF"));
    const auto ran = InTransaction<bool>(connection, apply);
    if (keys_off) INSPIRE_RETURN_IF_ERROR(connection.ExecuteScript("PRAGMA foreign_keys = ON"));
    if (!ran) return tl::unexpected(ran.error());
    if (*ran) ++applied;
  }
  // A database made by a newer build is refused rather than misread.
  INSPIRE_ASSIGN_OR_RETURN(const auto newest,
                           connection.Query("SELECT MAX(version) FROM schema_migrations"));
  if (!newest.rows.empty() && newest.rows[0].Int(0) > LatestMigration()) {
    return Fail(ErrorCode::kUnsupported,
                fmt::format("the database is at schema version {}, newer than this build's {}; "
                            "upgrade inspire",
                            newest.rows[0].Int(0), LatestMigration()));
  }
  return applied;
}

}  // namespace inspire::store
