// Backups of the hub's database. SQLite: SQLite's online backup API, consistent while servers
// run; the copy is written next to the target and renamed into place, so a failed backup leaves
// no partial file. PostgreSQL: pg_dump's custom format, restored by pg_restore in one
// transaction (both from Debian's postgresql-client, found on PATH).
#ifndef INSPIRE_STORE_BACKUP_H_
#define INSPIRE_STORE_BACKUP_H_

#include <filesystem>
#include <string>

#include "core/error.h"

namespace inspire::store {

// Copies database `db` (a SQLite path or postgresql:// URL) to `file`.
core::Result<void> Backup(const std::string& db, const std::filesystem::path& file);

// Replaces the contents of `db` with the backup in `file`. A SQLite backup is checked first (an
// INSPIRE Hub database whose integrity check passes and whose schema this build knows); nothing
// changes if it is not. Afterwards the schema is migrated to this build's and the data version
// raised, so that every server's response cache sees the change.
core::Result<void> Restore(const std::string& db, const std::filesystem::path& file);

}  // namespace inspire::store

#endif  // INSPIRE_STORE_BACKUP_H_
