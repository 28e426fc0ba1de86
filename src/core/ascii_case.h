// ASCII case mapping for codes, names and keys (ISO codes, column names, e-mail addresses):
// bytes outside A-Z and a-z, UTF-8 included, pass through unchanged. Text a person reads is
// case-folded with ICU elsewhere, never here.
#ifndef INSPIRE_CORE_ASCII_CASE_H_
#define INSPIRE_CORE_ASCII_CASE_H_

#include <string>
#include <string_view>

namespace inspire::core {

// `text` with A-Z mapped to a-z.
std::string AsciiLower(std::string_view text);
// `text` with a-z mapped to A-Z.
std::string AsciiUpper(std::string_view text);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_ASCII_CASE_H_
