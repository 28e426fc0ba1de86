// Internal to src/store: the backfill of the join tables that hold the lists of needs and offers
// (approaches, countries, regions) row by row, from the JSON lists those records kept before.
#ifndef INSPIRE_STORE_LIST_TABLES_H_
#define INSPIRE_STORE_LIST_TABLES_H_

#include "core/error.h"
#include "store/database.h"

namespace inspire::store {

// Fills need_approaches, offer_approaches, offer_countries and offer_regions from the JSON
// lists in needs and offers (a list that is not a JSON array of strings adds nothing). Run
// inside the migration's transaction; returns the rows added.
core::Result<int64_t> FillListTables(Connection& db);

}  // namespace inspire::store

#endif  // INSPIRE_STORE_LIST_TABLES_H_
