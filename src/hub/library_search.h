// Full-text search of the library, one interface over both engines: SQLite's FTS5 (BM25) and
// PostgreSQL's text search (ts_rank). Each item is indexed by its title, its summary and the text
// of its latest file, folded alike on both engines (lower case, no accents: core/text_fold.h) and
// weighted in that order, so that a word in the title counts for more than the same word in the
// summary, and that for more than in the file. Internal to src/hub.
#ifndef INSPIRE_HUB_LIBRARY_SEARCH_H_
#define INSPIRE_HUB_LIBRARY_SEARCH_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

// Brings item `id`'s index entry in step with the item and its latest file (removes it when the
// item is gone). Runs in the caller's transaction.
core::Result<void> IndexLibraryItem(store::Connection& db, int64_t id);

// The search words of `text`: folded, at most 12.
std::vector<std::string> LibrarySearchWords(const std::string& text);

// The ids of the items holding every one of `words` (each also as the start of a longer word),
// the best match first, at most `limit` of them. No words: none.
core::Result<std::vector<int64_t>> SearchLibrary(store::Connection& db,
                                                 const std::vector<std::string>& words,
                                                 size_t limit);

// Why `item` (as the hub answers with it) matched `words`: {"fields": the fields holding a word
// ("title", "summary", "file"), "words": the words found, "snippet": up to about 200 characters
// of the summary or file text around the first word found, as written ("" when neither holds
// one)}. `file_text` is the text of its latest file.
nlohmann::ordered_json WhyMatched(const nlohmann::ordered_json& item, const std::string& file_text,
                                  const std::vector<std::string>& words);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_LIBRARY_SEARCH_H_
