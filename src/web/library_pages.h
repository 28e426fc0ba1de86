// The library's pages: /library (search by words with filters by kind, language, strategy,
// approach and country; each result says where its words were found and shows them in context)
// and /library/{id} (the item, its link, its tags and every version of its file, the latest
// first, with a form for who may add the next). What a reader may see is the hub's to decide.
#ifndef INSPIRE_WEB_LIBRARY_PAGES_H_
#define INSPIRE_WEB_LIBRARY_PAGES_H_

#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"
#include "web/pages.h"

namespace inspire::web {

// /library (a bad ?page or ?year: the API's refusal, as a page).
core::Result<Page> LibraryPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const PageInput& input);

// /library/{id} (not a whole number, unknown or not for this reader: 404).
core::Result<Page> LibraryItemPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const PageInput& input);

// The same page for item `id` with `message` (a refused upload) at its top, for `actor` whose
// session token `csrf` goes into the upload form.
core::Result<Page> LibraryItemView(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const hub::Actor& actor, int64_t id, const std::string& csrf,
                                   const std::string& message);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_LIBRARY_PAGES_H_
