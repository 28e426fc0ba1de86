// SQLite ids that are never reused (internal to src/store). A table whose id is a plain
// `INTEGER PRIMARY KEY` hands the id of its last row, once deleted, to the next row, so a link,
// an export or an audit entry naming the old record would silently name the new one. With
// AUTOINCREMENT SQLite keeps the highest id ever given (table sqlite_sequence) and never goes
// back. PostgreSQL identity columns never reuse ids and need nothing.
#ifndef INSPIRE_STORE_AUTOINCREMENT_H_
#define INSPIRE_STORE_AUTOINCREMENT_H_

#include <string>

#include "core/error.h"
#include "store/database.h"

namespace inspire::store {

// `create_sql` (a table's CREATE TABLE statement as SQLite keeps it) with its `id INTEGER
// PRIMARY KEY` column made AUTOINCREMENT; "" when it has no such column or already has it.
std::string WithAutoincrementId(const std::string& create_sql);

// Rebuilds every table of `db` (SQLite) whose id lacks AUTOINCREMENT, as SQLite's documented
// procedure for schema changes does: new table, rows copied, old dropped, new renamed, its
// indexes and triggers made again. Returns how many tables were rebuilt. Must run inside a
// write transaction with foreign keys off (PRAGMA foreign_keys has no effect inside one: the
// caller turns it off before BEGIN and on after COMMIT); fails, so that the caller rolls back,
// if PRAGMA foreign_key_check then finds a row whose reference does not hold.
core::Result<int> RebuildTablesWithAutoincrementIds(Connection& db);

}  // namespace inspire::store

#endif  // INSPIRE_STORE_AUTOINCREMENT_H_
