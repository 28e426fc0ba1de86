// Fuzzes what the library reads of an uploaded file, outside input: its type by content
// (hub::DocumentTypeOf, through libzip for the office formats), the text of a PDF (Poppler), the
// search words of any text (ICU) and the Base64 the file is kept in. Any input is told apart or
// refused with a message, never a crash or a hang; the text kept stays within its bound, and
// Base64 gives back the very bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/base64.h"
#include "core/pdf_text.h"
#include "core/text_fold.h"
#include "hub/library_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const auto type = inspire::hub::DocumentTypeOf(bytes);
  if (!type && type.error().message.empty()) std::abort();
  if (type && type->extension == "pdf") {
    inspire::core::PdfTextLimits limits;
    limits.max_pages = 20;
    limits.max_bytes = 1u << 16;
    const auto text = inspire::core::PdfText(bytes, limits);
    if (!text && text.error().message.empty()) std::abort();
    if (text && text->size() > limits.max_bytes) std::abort();
  }
  if (inspire::core::SearchWords(bytes, 16).size() > 16) std::abort();
  const auto back = inspire::core::Base64Decode(inspire::core::Base64Encode(bytes));
  if (!back || *back != bytes) std::abort();
  return 0;
}
