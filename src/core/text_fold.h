// Text folded for search, so that a search finds a word however it was written: lower case,
// accents and other combining marks removed ("Éducation" and "education" fold alike), in every
// script (from ICU; the adapter is core/icu.cc).
#ifndef INSPIRE_CORE_TEXT_FOLD_H_
#define INSPIRE_CORE_TEXT_FOLD_H_

#include <string>
#include <string_view>
#include <vector>

namespace inspire::core {

// `text` (UTF-8; invalid sequences become U+FFFD) in lower case without combining marks,
// normalised to NFC.
std::string FoldForSearch(std::string_view text);

// The words of `text` as folded: runs of letters and digits (in any script), at most
// `max_words` of them, each at most 64 bytes (longer ones cut at a character boundary).
std::vector<std::string> SearchWords(std::string_view text, size_t max_words);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_TEXT_FOLD_H_
