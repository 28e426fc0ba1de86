// The hub's schema as numbered migrations (internal to src/store). Migration N is
// Migrations()[N - 1]; a released migration is never edited, only followed by a new one.
#ifndef INSPIRE_STORE_MIGRATIONS_H_
#define INSPIRE_STORE_MIGRATIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace inspire::store {

struct Migration {
  std::string_view name;
  std::string_view sql;  // portable SQL with the macros ForEngine replaces
  // Instead of `sql`: on SQLite, rebuild the tables whose ids could be reused
  // (store/autoincrement.h), with foreign keys off around the transaction; nothing on PostgreSQL.
  bool rebuild_ids = false;
  // After `sql`, in the same transaction: fills what the new schema holds from the old (never
  // with `rebuild_ids`).
  core::Result<int64_t> (*after)(Connection&) = nullptr;
};

const std::vector<Migration>& Migrations();

// `sql` for one engine: {{id}} becomes an auto-numbered 64-bit primary key whose numbers are never
// reused (an identity column; SQLite's INTEGER PRIMARY KEY AUTOINCREMENT), {{real}} a double
// precision column, and {{provenance_level}} an estimate set's provenance.options.level when it
// is a number (else NULL).
std::string ForEngine(std::string_view sql, Engine engine);

}  // namespace inspire::store

#endif  // INSPIRE_STORE_MIGRATIONS_H_
