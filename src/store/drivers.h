// The engine drivers behind store::Open (internal to src/store).
#ifndef INSPIRE_STORE_DRIVERS_H_
#define INSPIRE_STORE_DRIVERS_H_

#include <memory>
#include <string>

#include "store/database.h"

namespace inspire::store {

core::Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path);
core::Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& url);

// `sql` with each `?` outside quotes turned into $1, $2, ... (PostgreSQL's placeholders).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace inspire::store

#endif  // INSPIRE_STORE_DRIVERS_H_
