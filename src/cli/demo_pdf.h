// Small PDF files for the demo library: one A4 page of text in Helvetica, written by hand to the
// PDF 1.4 layout (a catalogue, a page tree, one page, its font and content, a cross-reference
// table). Enough for the library's text search to read them back through Poppler.
#ifndef INSPIRE_CLI_DEMO_PDF_H_
#define INSPIRE_CLI_DEMO_PDF_H_

#include <string>
#include <vector>

namespace inspire::cli {

// A one-page PDF with `title` in large type and then `paragraphs`, each wrapped at about 90
// characters (at most 45 lines in all; the rest is left out). Text is UTF-8; characters outside
// Latin-1 become "?".
std::string DemoPdf(const std::string& title, const std::vector<std::string>& paragraphs);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_DEMO_PDF_H_
