// Base64 (RFC 4648, with padding, no line breaks): how the library keeps uploaded files in a text
// column that both database engines store alike. The adapter is core/openssl.cc.
#ifndef INSPIRE_CORE_BASE64_H_
#define INSPIRE_CORE_BASE64_H_

#include <string>
#include <string_view>

#include "core/error.h"

namespace inspire::core {

// `bytes` as Base64 text.
std::string Base64Encode(std::string_view bytes);

// The bytes of Base64 `text`; kParse when it is not Base64 (a length that is not a multiple of
// 4, or a character outside the alphabet).
Result<std::string> Base64Decode(std::string_view text);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_BASE64_H_
