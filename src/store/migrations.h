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
};

const std::vector<Migration>& Migrations();

// `sql` for one engine: {{id}} becomes an auto-numbered 64-bit primary key and {{real}} a double
// precision column.
std::string ForEngine(std::string_view sql, Engine engine);

}  // namespace inspire::store

#endif  // INSPIRE_STORE_MIGRATIONS_H_
