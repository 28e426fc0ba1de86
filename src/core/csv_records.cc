#include "core/csv_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace inspire::core {

size_t FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      code = (code << 6) | (next & 0x3F);
    }
    const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view text) { return FirstInvalidUtf8(text) == std::string_view::npos; }

Result<CsvRecords> ReadCsvRecords(std::string_view text, std::string_view name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (const size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
    const size_t line = 1 + static_cast<size_t>(std::count(
                                text.begin(), text.begin() + static_cast<long>(bad), '\n'));
    return Fail(
        ErrorCode::kParse,
        fmt::format("{}: line {}: the text is not UTF-8 (save the file as UTF-8)", name, line));
  }
  CsvRecords out;
  size_t line = 1;
  size_t i = 0;
  bool header_done = false;
  while (i < text.size()) {
    const size_t record_line = line;
    std::vector<std::string> fields;
    std::string field;
    bool end_of_record = false;
    // Blank lines between records are skipped.
    if (text[i] == '\n' || (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      i += text[i] == '\r' ? 2 : 1;
      ++line;
      continue;
    }
    while (!end_of_record) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < text.size()) {
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
        if (!closed) {
          return Fail(ErrorCode::kParse, fmt::format("{}: line {}: a quoted field is never closed",
                                                     name, record_line));
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return Fail(ErrorCode::kParse,
                      fmt::format("{}: line {}: text after a closing quote (write a quote "
                                  "inside a quoted field as \"\")",
                                  name, line));
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            return Fail(ErrorCode::kParse,
                        fmt::format("{}: line {}: a quote inside an unquoted field (quote the "
                                    "whole field and double the quote)",
                                    name, line));
          }
          field += text[i++];
        }
      }
      fields.push_back(field);
      if (i >= text.size()) {
        end_of_record = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        if (text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        end_of_record = true;
      }
    }
    if (!header_done) {
      std::set<std::string> seen;
      for (std::string& column : fields) {
        while (!column.empty() && column.back() == ' ') column.pop_back();
        while (!column.empty() && column.front() == ' ') column.erase(0, 1);
        if (column.empty()) {
          return Fail(ErrorCode::kParse,
                      fmt::format("{}: line 1: column {} of the header has no name", name,
                                  seen.size() + 1));
        }
        if (!seen.insert(column).second) {
          return Fail(ErrorCode::kParse,
                      fmt::format("{}: line 1: the header names '{}' twice", name, column));
        }
      }
      out.header = std::move(fields);
      header_done = true;
      continue;
    }
    if (fields.size() != out.header.size()) {
      return Fail(ErrorCode::kParse,
                  fmt::format("{}: line {}: {} fields where the header has {}", name, record_line,
                              fields.size(), out.header.size()));
    }
    out.rows.push_back(std::move(fields));
    out.lines.push_back(record_line);
  }
  if (!header_done) return Fail(ErrorCode::kParse, fmt::format("{}: the file is empty", name));
  return out;
}

}  // namespace inspire::core
