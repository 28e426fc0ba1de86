// Near-match suggestions for messages such as "unknown id 'P4.4' (did you mean 'P4.1', 'P4.2'?)".
#ifndef INSPIRE_CORE_SUGGEST_H_
#define INSPIRE_CORE_SUGGEST_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace inspire::core {

// Levenshtein distance between `a` and `b`, comparing ASCII letters without regard to case.
size_t EditDistance(std::string_view a, std::string_view b);

// Up to `max_results` candidates closest to `word`, best first (ties keep candidate order).
// A candidate qualifies, case-insensitively, if its edit distance is at most
// max(1, word.size() / 3) + 1, if one string contains the other and is at least half its length,
// or if `word` abbreviates it ("wgt" for "weight"). Returns an empty list when nothing is close.
std::vector<std::string> NearMatches(std::string_view word, std::span<const std::string> candidates,
                                     size_t max_results = 3);

// " (did you mean 'a', 'b'?)" for a non-empty list, "" otherwise; appended to error messages.
std::string DidYouMean(std::span<const std::string> suggestions);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_SUGGEST_H_
