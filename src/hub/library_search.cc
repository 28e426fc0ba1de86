#include "hub/library_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "core/text_fold.h"

namespace inspire::hub {
using Json = nlohmann::ordered_json;

namespace {

constexpr size_t kMostWords = 12;
// The most folded bytes of a file's text that go into the index (PostgreSQL keeps a document's
// words in at most 1 MiB).
constexpr size_t kMostIndexedBytes = 256u << 10;
constexpr size_t kSnippetBytes = 200;

// The first `max_bytes` of `text`, never cut inside a UTF-8 sequence.
std::string Head(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// The row of the index: title, summary, file text, folded.
core::Result<std::optional<std::array<std::string, 3>>> IndexRow(store::Connection& db,
                                                                 int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto result,
      db.Query("SELECT r.title, r.summary, (SELECT v.body_text FROM library_versions v WHERE "
               "v.item_id = r.id ORDER BY v.number DESC LIMIT 1) FROM library_items r WHERE "
               "r.id = ?",
               {id}));
  if (result.rows.empty()) return std::nullopt;
  const auto& row = result.rows[0];
  return std::array<std::string, 3>{core::FoldForSearch(row.Text(0)),
                                    core::FoldForSearch(row.Text(1)),
                                    core::FoldForSearch(Head(row.Text(2), kMostIndexedBytes))};
}

// The engine's query for items holding every word (also as a prefix), the best first.
std::pair<std::string, std::string> EngineQuery(store::Engine engine,
                                                const std::vector<std::string>& words,
                                                size_t limit) {
  std::string terms;
  if (engine == store::Engine::kPostgres) {
    for (const auto& word : words) terms += fmt::format("{}{}:*", terms.empty() ? "" : " & ", word);
    return {fmt::format("SELECT s.item_id FROM library_search s, to_tsquery('simple', ?) q WHERE "
                        "s.document @@ q ORDER BY ts_rank(s.document, q) DESC, s.item_id LIMIT {}",
                        limit),
            terms};
  }
  for (const auto& word : words) {
    terms += fmt::format("{}\"{}\"*", terms.empty() ? "" : " AND ", word);
  }
  return {fmt::format("SELECT rowid FROM library_search WHERE library_search MATCH ? ORDER BY "
                      "bm25(library_search, 10.0, 4.0, 1.0), rowid LIMIT {}",
                      limit),
          terms};
}

// True when a word of `words` starts `folded_word`.
bool Matches(const std::string& folded_word, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& word) {
    return folded_word.compare(0, word.size(), word) == 0;
  });
}

// The byte offset in `text` of the first word that a word of `words` starts, or npos.
size_t FirstHit(const std::string& text, const std::vector<std::string>& words) {
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    const bool boundary =
        i == text.size() || (static_cast<unsigned char>(text[i]) < 0x80 &&
                             std::isalnum(static_cast<unsigned char>(text[i])) == 0);
    if (!boundary) continue;
    if (i > start) {
      const auto folded = core::SearchWords(std::string_view(text).substr(start, i - start), 4);
      for (const auto& word : folded) {
        if (Matches(word, words)) return start;
      }
    }
    start = i + 1;
  }
  return std::string::npos;
}

// About kSnippetBytes of `text` around byte `at`, cut at spaces, marked "…" where cut.
std::string Snippet(const std::string& text, size_t at) {
  size_t from = at > kSnippetBytes / 3 ? at - kSnippetBytes / 3 : 0;
  if (from > 0) from = std::min(text.find(' ', from) + 1, at);
  size_t to = std::min(text.size(), from + kSnippetBytes);
  if (to < text.size()) {
    const size_t space = text.rfind(' ', to);
    if (space != std::string::npos && space > at) to = space;
  }
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  std::string out = text.substr(from, to - from);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return (from > 0 ? "…" : "") + out + (to < text.size() ? "…" : "");
}

// The words of `words` found in `folded` (the words of one field).
void Found(const std::vector<std::string>& folded, const std::vector<std::string>& words,
           std::vector<std::string>& found) {
  for (const auto& word : words) {
    const bool in = std::any_of(folded.begin(), folded.end(), [&](const std::string& w) {
      return w.compare(0, word.size(), word) == 0;
    });
    if (in && std::find(found.begin(), found.end(), word) == found.end()) found.push_back(word);
  }
}

}  // namespace

std::vector<std::string> LibrarySearchWords(const std::string& text) {
  return core::SearchWords(text, kMostWords);
}

core::Result<void> IndexLibraryItem(store::Connection& db, int64_t id) {
  const bool postgres = db.engine() == store::Engine::kPostgres;
  INSPIRE_RETURN_IF_ERROR(db.Query(postgres ? "DELETE FROM library_search WHERE item_id = ?"
                                            : "DELETE FROM library_search WHERE rowid = ?",
                                   {id}));
  INSPIRE_ASSIGN_OR_RETURN(const auto row, IndexRow(db, id));
  if (!row) return {};
  const auto& [title, summary, body] = *row;
  if (postgres) {
    return db
        .Query(
            "INSERT INTO library_search (item_id, document) VALUES (?, "
            "setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), "
            "'B') || setweight(to_tsvector('simple', ?), 'C'))",
            {id, title, summary, body})
        .map([](auto&&) {});
  }
  return db
      .Query("INSERT INTO library_search (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
             {id, title, summary, body})
      .map([](auto&&) {});
}

core::Result<std::vector<int64_t>> SearchLibrary(store::Connection& db,
                                                 const std::vector<std::string>& words,
                                                 size_t limit) {
  std::vector<int64_t> ids;
  if (words.empty()) return ids;
  const auto [sql, terms] = EngineQuery(db.engine(), words, limit);
  INSPIRE_ASSIGN_OR_RETURN(const auto result, db.Query(sql, {terms}));
  for (const auto& row : result.rows) ids.push_back(row.Int(0));
  return ids;
}

Json WhyMatched(const Json& item, const std::string& file_text,
                const std::vector<std::string>& words) {
  Json fields = Json::array();
  std::vector<std::string> found;
  const std::pair<const char*, std::string> texts[] = {
      {"title", item.value("title", "")},
      {"summary", item.value("summary", "")},
      {"file", Head(file_text, kMostIndexedBytes)}};
  std::string snippet;
  for (const auto& [name, text] : texts) {
    const auto folded = core::SearchWords(text, std::string::npos);
    const bool any = std::any_of(folded.begin(), folded.end(),
                                 [&](const std::string& w) { return Matches(w, words); });
    if (!any) continue;
    fields.push_back(name);
    Found(folded, words, found);
    if (snippet.empty() && std::string(name) != "title") {
      const size_t at = FirstHit(text, words);
      if (at != std::string::npos) snippet = Snippet(text, at);
    }
  }
  return {{"fields", std::move(fields)}, {"words", found}, {"snippet", snippet}};
}

}  // namespace inspire::hub
