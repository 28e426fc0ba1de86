#include "cli/demo_pdf.h"

#include <fmt/format.h>

namespace inspire::cli {
namespace {

constexpr size_t kWrapAt = 90;
constexpr size_t kMostLines = 45;

// UTF-8 `text` as Latin-1 (WinAnsi agrees with it for letters), inside a PDF string literal.
std::string PdfString(const std::string& text) {
  std::string out = "(";
  for (size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0xC2 && byte <= 0xC3 && i + 1 < text.size()) {  // U+0080 to U+00FF
      byte = static_cast<unsigned char>(((byte & 0x03) << 6) | (text[++i] & 0x3F));
    } else if (byte >= 0x80) {
      while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
      byte = '?';
    }
    if (byte == '(' || byte == ')' || byte == '\\') out += '\\';
    out += static_cast<char>(byte);
  }
  return out + ")";
}

// `paragraph` cut into lines of at most about kWrapAt bytes, at spaces.
std::vector<std::string> Wrapped(const std::string& paragraph) {
  std::vector<std::string> lines;
  std::string line;
  size_t at = 0;
  while (at < paragraph.size()) {
    size_t end = paragraph.find(' ', at);
    if (end == std::string::npos) end = paragraph.size();
    const std::string word = paragraph.substr(at, end - at);
    if (!line.empty() && line.size() + 1 + word.size() > kWrapAt) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    at = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// The page's content stream: the title, then the lines.
std::string Content(const std::string& title, const std::vector<std::string>& paragraphs) {
  std::string content =
      fmt::format("BT\n/F1 16 Tf\n56 780 Td\n{} Tj\n/F1 11 Tf\n0 -30 Td\n", PdfString(title));
  size_t lines = 0;
  for (const auto& paragraph : paragraphs) {
    for (const auto& line : Wrapped(paragraph)) {
      if (++lines > kMostLines) break;
      content += fmt::format("{} Tj\n0 -15 Td\n", PdfString(line));
    }
    content += "0 -8 Td\n";
  }
  return content + "ET\n";
}

}  // namespace

std::string DemoPdf(const std::string& title, const std::vector<std::string>& paragraphs) {
  const std::string content = Content(title, paragraphs);
  const std::string page =
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
      ">> /Contents 5 0 R >>";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      fmt::format("<< /Length {} >>\nstream\n{}endstream", content.size(), content)};
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
  }
  const size_t xref = pdf.size();
  pdf += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (const size_t offset : offsets) pdf += fmt::format("{:010} 00000 n \n", offset);
  pdf += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n",
                     objects.size() + 1, xref);
  return pdf;
}

}  // namespace inspire::cli
