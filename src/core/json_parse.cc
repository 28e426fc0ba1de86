#include "core/json_parse.h"

#include <fmt/format.h>

#include <cstdint>
#include <limits>

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
  // Whole numbers past int64 would wrap where the hub reads them as ids or counts: refused.
  bool too_big = false;
  const auto check = [&too_big](int, nlohmann::ordered_json::parse_event_t event,
                                nlohmann::ordered_json& value) {
    if (event == nlohmann::ordered_json::parse_event_t::value && value.is_number_unsigned() &&
        value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      too_big = true;
    }
    return true;
  };
  auto parsed = nlohmann::ordered_json::parse(text, check, false);
  if (parsed.is_discarded()) {
    return Fail(ErrorCode::kParse, fmt::format("{} is not valid JSON (UTF-8)", what));
  }
  if (too_big) {
    return Fail(ErrorCode::kParse,
                fmt::format("{} holds a whole number above {}, the largest the hub reads", what,
                            std::numeric_limits<int64_t>::max()));
  }
  return parsed;
}

}  // namespace inspire::core
