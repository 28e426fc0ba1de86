// Fuzzes the parse of outside JSON (request bodies, CSV cells, published files): any input either
// parses within the depth limit, and then survives a copy and a dump (both recurse in
// nlohmann), or is refused with a message; never a crash or a stack overflow.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/json_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = inspire::core::ParseJson(text, "the body");
  if (!parsed) {
    if (parsed.error().message.empty()) std::abort();
    return 0;
  }
  const nlohmann::ordered_json copy = *parsed;
  (void)copy.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  if (inspire::core::JsonNestingDepth(text, inspire::core::kMaxJsonDepth) >
      inspire::core::kMaxJsonDepth) {
    std::abort();  // parsed although deeper than the limit
  }
  return 0;
}
