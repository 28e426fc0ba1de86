// The engine drivers behind store::Open (internal to src/store).
#ifndef INSPIRE_STORE_DRIVERS_H_
#define INSPIRE_STORE_DRIVERS_H_

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

// `sql` with each `?` outside quotes turned into $1, $2, ... (PostgreSQL's placeholders).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace inspire::store

#endif  // INSPIRE_STORE_DRIVERS_H_
