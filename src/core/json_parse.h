// Parsing JSON that comes from outside (request bodies, JSON inside CSV cells, published files):
// the nesting depth is checked by a flat scan before the tree is built, so no untrusted input
// can make the JSON library recurse deeper than kMaxJsonDepth (its copy and dump recurse).
#ifndef INSPIRE_CORE_JSON_PARSE_H_
#define INSPIRE_CORE_JSON_PARSE_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/error.h"

namespace inspire::core {

// The deepest nesting of arrays and objects accepted from outside: far more than any record,
// estimate file or recipe needs, far less than what would exhaust a worker thread's stack.
inline constexpr size_t kMaxJsonDepth = 64;

// The greatest nesting of `[` and `{` in `text`, counted outside strings without recursion;
// stops counting (and returns `limit + 1`) as soon as it passes `limit`. Not a validator: a
// malformed text gets some count, and the parser then refuses it.
size_t JsonNestingDepth(std::string_view text, size_t limit);

// Parses `text` as JSON. Errors (kParse): nesting deeper than `max_depth` (naming the limit),
// or text that is not JSON in UTF-8; both messages start with `what` ("the body", "line 3,
// column 'focal_points'"). Never throws.
Result<nlohmann::ordered_json> ParseJson(std::string_view text, std::string_view what,
                                         size_t max_depth = kMaxJsonDepth);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_JSON_PARSE_H_
