#include "core/csv_writer.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace inspire::core {
namespace {

bool IsFormulaStart(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// A decimal number as a spreadsheet reads one ("-0.5", "+3", "1e-5"); not "inf" or "0x1".
bool IsPlainNumber(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    const bool allowed = std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' ||
                         c == '.' || c == 'e' || c == 'E';
    if (!allowed) return false;
  }
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && std::isfinite(value);
}

// Whether `text` is apostrophes followed by a formula character (with at least `apostrophes`
// of them) and so is what CsvField protects or has protected.
bool NeedsProtection(std::string_view text, size_t apostrophes) {
  const size_t first = text.find_first_not_of('\'');
  if (first == std::string_view::npos || first < apostrophes) return false;
  if (!IsFormulaStart(text[first])) return false;
  return first > 0 || !IsPlainNumber(text);
}

}  // namespace

std::string CsvField(std::string_view field) {
  std::string value(NeedsProtection(field, 0) ? 1 : 0, '\'');
  value.append(field);
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvRecord(std::span<const std::string> fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(fields[i]);
  }
  return out + "\n";
}

std::string CsvUnprotect(std::string_view cell) {
  if (NeedsProtection(cell, 1)) cell.remove_prefix(1);
  return std::string(cell);
}

}  // namespace inspire::core
