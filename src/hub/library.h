// The community's library: guides, tools, training material, reports and recordings, each tagged
// by strategy, approach, country, language, kind and year, published by a member organisation.
// Uploaded files and their versions are hub/library_files.h; full-text search is
// hub/library_search.h. A published item is seen by everyone, a draft only by staff and the
// publishing organisation's editors (kNotFound for anyone else, and absent from every list).
// Staff write every item; an org editor writes its own organisation's items.
#ifndef INSPIRE_HUB_LIBRARY_H_
#define INSPIRE_HUB_LIBRARY_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The fields of a library item, declared once (checks, forms, API schema).
const RecordFields& LibraryItemFields();

// Which items a list shows. With `text`, the items whose title, summary or file text hold every
// word of it (a word also matches the words it begins), the best match first, each with
// "matched" saying why; without it, the latest changed first.
struct LibraryQuery {
  std::string text;          // words to search for ("" none); at most 12 words are used
  std::string kind;          // guide, tool, training, report, recording or other ("" any)
  std::string language;      // en, fr, es, pt, ar, ru, zh or other ("" any)
  std::string strategy;      // a strategy id such as P4 ("" any)
  std::string approach;      // an approach id such as P4.1 ("" any)
  std::string country;       // ISO3 ("" any)
  int64_t year = 0;          // published that year (0 any)
  int64_t organization = 0;  // published by this organisation (0 any)
  int64_t page = 1;
  int64_t per_page = 20;  // at most 100
};

// The lifecycle of library items (hub/record_kind.h), seen by `actor`. Each item comes with
// "versions" (its uploaded files, the latest first, hub/library_files.h) and "file" (the latest
// of them, or null). Create is for staff and org editors, Update and Delete for who may write the
// item. Every write keeps the search index in step. Callers run writes inside hub::Write.
core::Result<Json> ListLibrary(store::Connection& db, const Actor& actor,
                               const LibraryQuery& query);
core::Result<Json> GetLibraryItem(store::Connection& db, const Actor& actor, int64_t id);
core::Result<Json> CreateLibraryItem(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const Actor& actor, const Json& fields);
core::Result<Json> UpdateLibraryItem(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteLibraryItem(store::Connection& db, const Actor& actor, int64_t id);

// May `actor` write `item` (a whole item as the hub answers with it)?
bool MayWriteLibraryItem(const Actor& actor, const Json& item);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_LIBRARY_H_
