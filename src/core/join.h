// Joining strings with a separator, for messages and reports.
#ifndef INSPIRE_CORE_JOIN_H_
#define INSPIRE_CORE_JOIN_H_

#include <span>
#include <string>
#include <string_view>

namespace inspire::core {

// `parts` with `separator` between each two ("a, b, c"); "" for no parts.
inline std::string Join(std::span<const std::string> parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

}  // namespace inspire::core

#endif  // INSPIRE_CORE_JOIN_H_
