#include "store/list_tables.h"

#include <string>

#include "core/json_parse.h"

namespace inspire::store {
namespace {

// Adds (id, item) to `table` for each string of the JSON list `text`.
core::Result<int64_t> AddItems(Connection& db, const std::string& insert, int64_t id,
                               const std::string& text) {
  const auto list = core::ParseJson(text, "a stored list");
  if (!list || !list->is_array()) return 0;
  int64_t added = 0;
  for (const auto& item : *list) {
    if (!item.is_string()) continue;
    INSPIRE_RETURN_IF_ERROR(db.Query(insert, {id, item.get<std::string>()}));
    ++added;
  }
  return added;
}

}  // namespace

core::Result<int64_t> FillListTables(Connection& db) {
  int64_t added = 0;
  INSPIRE_ASSIGN_OR_RETURN(const auto needs, db.Query("SELECT id, approaches FROM needs"));
  for (const auto& row : needs.rows) {
    INSPIRE_ASSIGN_OR_RETURN(
        const int64_t n,
        AddItems(db, "INSERT INTO need_approaches (need_id, approach_id) VALUES (?, ?)", row.Int(0),
                 row.Text(1)));
    added += n;
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto offers,
                           db.Query("SELECT id, approaches, countries, regions FROM offers"));
  for (const auto& row : offers.rows) {
    for (const auto& [column, insert] :
         {std::pair{1, "INSERT INTO offer_approaches (offer_id, approach_id) VALUES (?, ?)"},
          std::pair{2, "INSERT INTO offer_countries (offer_id, iso3) VALUES (?, ?)"},
          std::pair{3, "INSERT INTO offer_regions (offer_id, region) VALUES (?, ?)"}}) {
      INSPIRE_ASSIGN_OR_RETURN(const int64_t n, AddItems(db, insert, row.Int(0), row.Text(column)));
      added += n;
    }
  }
  return added;
}

}  // namespace inspire::store
