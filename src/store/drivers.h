// The engine drivers behind store::Open (internal to src/store).
#ifndef INSPIRE_STORE_DRIVERS_H_
#define INSPIRE_STORE_DRIVERS_H_

#include <cstdint>
#include <memory>
#include <string>

#include "store/database.h"

namespace inspire::store {

core::Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path);
core::Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& url);

// Creates `path` empty and readable by its owner only (0600) if it does not exist, so that a
// database or backup about people is never readable by other users of the machine; SQLite
// gives its -wal and -shm files the database file's mode. An existing file is left as it is.
core::Result<void> CreateOwnerOnly(const std::string& path);

// Copies SQLite database `from` page by page into `to` (created when missing; locked meanwhile,
// so that readers see the old or the new database, never a mix). `what` names the copy in
// errors (kIo); `self_contained`: the copy keeps no -wal file beside it.
core::Result<void> CopySqliteDatabase(const std::string& from, const std::string& to,
                                      const std::string& what, bool self_contained);

// The schema version (highest migration) of SQLite file `path`: kIo when it cannot be opened,
// kParse when it fails SQLite's integrity check or holds no INSPIRE Hub schema.
core::Result<int64_t> SqliteSchemaVersion(const std::string& path);

// `sql` with each `?` outside quotes turned into $1, $2, ... (PostgreSQL's placeholders).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace inspire::store

#endif  // INSPIRE_STORE_DRIVERS_H_
