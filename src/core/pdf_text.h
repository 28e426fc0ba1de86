// The text of a PDF file, from Poppler (its only adapter): what the library's full-text search
// reads inside an uploaded document. The file is outside input: its size is bounded by the
// caller, the pages read and the text kept are bounded here.
#ifndef INSPIRE_CORE_PDF_TEXT_H_
#define INSPIRE_CORE_PDF_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"

namespace inspire::core {

// How much of a PDF is read.
struct PdfTextLimits {
  int max_pages = 300;          // pages after these are not read
  size_t max_bytes = 1u << 20;  // UTF-8 text kept, cut at a character boundary
};

// True when `bytes` starts as a PDF file does ("%PDF-").
bool LooksLikePdf(std::string_view bytes);

// The text of the pages of the PDF in `bytes`, page after page separated by a line break, as
// UTF-8. kParse when Poppler cannot open it as a PDF or it is encrypted with a password; a PDF
// of scanned pages gives "" (there is no text to find).
Result<std::string> PdfText(std::string_view bytes, const PdfTextLimits& limits = {});

}  // namespace inspire::core

#endif  // INSPIRE_CORE_PDF_TEXT_H_
