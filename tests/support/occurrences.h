// Counting a part in a test's output text.
#ifndef INSPIRE_TESTS_SUPPORT_OCCURRENCES_H_
#define INSPIRE_TESTS_SUPPORT_OCCURRENCES_H_

#include <cstddef>
#include <string>

namespace inspire::testing {

// How many times `part` (non-empty) occurs in `text`, overlapping occurrences included.
inline size_t Occurrences(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_OCCURRENCES_H_
