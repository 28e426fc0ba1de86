#include "store/autoincrement.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace inspire::store {
namespace {

constexpr std::string_view kPlainId = "id INTEGER PRIMARY KEY";
constexpr const char* kScratchTable = "inspire_rebuild_scratch";

// The position of the id column's declaration (followed by ',' or ')' after spaces), or npos.
size_t FindPlainId(const std::string& sql) {
  for (size_t at = sql.find(kPlainId); at != std::string::npos; at = sql.find(kPlainId, at + 1)) {
    const bool starts_word = at == 0 || sql[at - 1] == ' ' || sql[at - 1] == '\n' ||
                             sql[at - 1] == '(' || sql[at - 1] == '\t';
    size_t next = at + kPlainId.size();
    while (next < sql.size() && (sql[next] == ' ' || sql[next] == '\t')) ++next;
    if (starts_word && next < sql.size() &&
        (sql[next] == ',' || sql[next] == '\n' || sql[next] == ')')) {
      return at;
    }
  }
  return std::string::npos;
}

// The statements that make the indexes and triggers of `table` (those SQLite made itself for
// UNIQUE and PRIMARY KEY constraints have no SQL and come back with the table).
core::Result<std::vector<std::string>> Dependents(Connection& db, const std::string& table) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', "
               "'trigger') AND sql IS NOT NULL ORDER BY type, name",
               {table}));
  std::vector<std::string> out;
  for (const auto& row : found.rows) out.push_back(row.Text(0));
  return out;
}

core::Result<void> Rebuild(Connection& db, const std::string& table, const std::string& sql) {
  const size_t open = sql.find('(');
  if (open == std::string::npos) {
    return core::Fail(core::ErrorCode::kInternal,
                      fmt::format("table {}: its CREATE statement has no column list", table));
  }
  const std::string create =
      fmt::format("CREATE TABLE {} {}", kScratchTable, WithAutoincrementId(sql).substr(open));
  INSPIRE_ASSIGN_OR_RETURN(const auto dependents, Dependents(db, table));
  INSPIRE_RETURN_IF_ERROR(db.ExecuteScript(create));
  INSPIRE_RETURN_IF_ERROR(
      db.ExecuteScript(fmt::format("INSERT INTO {} SELECT * FROM \"{}\"", kScratchTable, table)));
  INSPIRE_RETURN_IF_ERROR(db.ExecuteScript(fmt::format("DROP TABLE \"{}\"", table)));
  INSPIRE_RETURN_IF_ERROR(
      db.ExecuteScript(fmt::format("ALTER TABLE {} RENAME TO \"{}\"", kScratchTable, table)));
  for (const auto& statement : dependents) INSPIRE_RETURN_IF_ERROR(db.ExecuteScript(statement));
  return {};
}

}  // namespace

std::string WithAutoincrementId(const std::string& create_sql) {
  const size_t at = FindPlainId(create_sql);
  if (at == std::string::npos) return "";
  std::string out = create_sql;
  out.insert(at + kPlainId.size(), " AUTOINCREMENT");
  return out;
}

core::Result<int> RebuildTablesWithAutoincrementIds(Connection& db) {
  if (db.engine() != Engine::kSqlite) return 0;
  INSPIRE_ASSIGN_OR_RETURN(
      const auto tables,
      db.Query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
               "'sqlite!_%' ESCAPE '!' ORDER BY name"));
  // A virtual table (the library's FTS5 index) and the shadow tables that hold its data
  // ("<name>_data", ...) belong to their module: never rebuilt.
  std::vector<std::string> virtual_tables;
  for (const auto& row : tables.rows) {
    if (row.Text(1).rfind("CREATE VIRTUAL TABLE", 0) == 0) virtual_tables.push_back(row.Text(0));
  }
  const auto owned_by_module = [&](const std::string& name) {
    return std::any_of(virtual_tables.begin(), virtual_tables.end(), [&](const std::string& v) {
      return name == v || name.rfind(v + "_", 0) == 0;
    });
  };
  int rebuilt = 0;
  for (const auto& row : tables.rows) {
    const std::string sql = row.Text(1);
    if (owned_by_module(row.Text(0)) || WithAutoincrementId(sql).empty()) continue;
    if (auto done = Rebuild(db, row.Text(0), sql); !done) {
      return core::Fail(done.error().code, fmt::format("rebuilding table {} for ids that are "
                                                       "never reused: {}",
                                                       row.Text(0), done.error().message));
    }
    ++rebuilt;
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto broken, db.Query("PRAGMA foreign_key_check"));
  if (!broken.rows.empty()) {
    return core::Fail(
        core::ErrorCode::kInternal,
        fmt::format("after rebuilding the tables, {} row(s) of table {} refer to "
                    "a missing row of {}; nothing was changed",
                    broken.rows.size(), broken.rows[0].Text(0), broken.rows[0].Text(2)));
  }
  return rebuilt;
}

}  // namespace inspire::store
