#include "core/suggest.h"

#include <algorithm>
#include <cctype>
#include <numeric>

#include "core/ascii_case.h"

namespace inspire::core {
namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// True if the letters of `word` appear in `candidate` in order, starting with its first letter:
// "wgt" in "weight", "strat" in "stratum" (abbreviations).
bool IsAbbreviationOf(std::string_view word, std::string_view candidate) {
  if (word.size() < 2 || candidate.empty() || word[0] != candidate[0]) return false;
  size_t position = 0;
  for (char c : word) {
    position = candidate.find(c, position);
    if (position == std::string_view::npos) return false;
    ++position;
  }
  return true;
}

// True if one string contains the other and the shorter is a substantial part of the longer
// ("weight" in "sampleweight"), which excludes tiny fragments such as "id".
bool Contains(std::string_view a, std::string_view b) {
  const std::string_view shorter = a.size() < b.size() ? a : b;
  const std::string_view longer = a.size() < b.size() ? b : a;
  return shorter.size() >= 3 && shorter.size() * 2 >= longer.size() &&
         longer.find(shorter) != std::string_view::npos;
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  // Two-row dynamic programme (Wagner-Fischer).
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = previous[j - 1] + (Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::vector<std::string> NearMatches(std::string_view word, std::span<const std::string> candidates,
                                     size_t max_results) {
  const std::string lower_word = AsciiLower(word);
  const size_t limit = std::max<size_t>(1, word.size() / 3) + 1;
  struct Scored {
    size_t distance;
    size_t order;
  };
  std::vector<Scored> scored;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const std::string lower_candidate = AsciiLower(candidates[i]);
    size_t distance = EditDistance(lower_word, lower_candidate);
    const bool related =
        Contains(lower_word, lower_candidate) || IsAbbreviationOf(lower_word, lower_candidate);
    if (distance <= limit || related) {
      if (related) distance = std::min(distance, limit);
      scored.push_back({distance, i});
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& x, const Scored& y) { return x.distance < y.distance; });
  std::vector<std::string> out;
  for (const Scored& s : scored) {
    if (out.size() == max_results) break;
    if (std::find(out.begin(), out.end(), candidates[s.order]) == out.end()) {
      out.push_back(candidates[s.order]);
    }
  }
  return out;
}

std::string DidYouMean(std::span<const std::string> suggestions) {
  if (suggestions.empty()) return "";
  std::string out = " (did you mean ";
  for (size_t i = 0; i < suggestions.size(); ++i) {
    if (i > 0) out += ", ";
    out += "'" + suggestions[i] + "'";
  }
  return out + "?)";
}

}  // namespace inspire::core
