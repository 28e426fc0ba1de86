// Fuzzes the multipart/form-data reader (web::MultipartFields), outside input of the workbook
// upload form: the first line is the Content-Type header, the rest the body. Any input is read
// or refused with a message, never a crash or a hang; what is read is at most 64 fields, each a
// piece of the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "web/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t line = input.find('\n');
  if (line == std::string_view::npos) return 0;
  const std::string_view type = input.substr(0, line);
  const std::string_view body = input.substr(line + 1);
  const auto fields = inspire::web::MultipartFields(type, body);
  if (!fields) {
    if (fields.error().message.empty()) std::abort();
    return 0;
  }
  if (fields->size() > 64) std::abort();
  for (const auto& [name, value] : *fields) {
    if (body.find(value) == std::string_view::npos) std::abort();
  }
  return 0;
}
