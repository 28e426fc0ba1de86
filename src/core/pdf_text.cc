#include "core/pdf_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

namespace inspire::core {
namespace {

// Poppler reports every flaw of a damaged file on stderr; the caller's error says enough.
void Quiet(const std::string&, void*) {}

// `text` cut to at most `max_bytes`, never inside a UTF-8 sequence.
void CutUtf8(std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
}

}  // namespace

bool LooksLikePdf(std::string_view bytes) { return bytes.substr(0, 5) == "%PDF-"; }

Result<std::string> PdfText(std::string_view bytes, const PdfTextLimits& limits) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(Quiet, nullptr); });
  if (!LooksLikePdf(bytes) || bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Fail(ErrorCode::kParse, "not a PDF file (it does not start with %PDF-)");
  }
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (document == nullptr) return Fail(ErrorCode::kParse, "not a readable PDF file");
  if (document->is_locked()) {
    return Fail(ErrorCode::kParse, "the PDF file is protected by a password");
  }
  std::string text;
  const int pages = std::min(document->pages(), limits.max_pages);
  for (int i = 0; i < pages && text.size() < limits.max_bytes; ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    if (page == nullptr) continue;
    const poppler::byte_array utf8 = page->text().to_utf8();
    if (!text.empty()) text += '\n';
    text.append(utf8.data(), utf8.size());
  }
  CutUtf8(text, limits.max_bytes);
  return text;
}

}  // namespace inspire::core
