#include "core/json_parse.h"

#include <fmt/format.h>

namespace inspire::core {

size_t JsonNestingDepth(std::string_view text, size_t limit) {
  size_t depth = 0;
  size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return limit + 1;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<nlohmann::ordered_json> ParseJson(std::string_view text, std::string_view what,
                                         size_t max_depth) {
  if (JsonNestingDepth(text, max_depth) > max_depth) {
    return Fail(
        ErrorCode::kParse,
        fmt::format("{} nests arrays and objects more than {} levels deep", what, max_depth));
  }
  auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
  if (parsed.is_discarded()) {
    return Fail(ErrorCode::kParse, fmt::format("{} is not valid JSON (UTF-8)", what));
  }
  return parsed;
}

}  // namespace inspire::core
