#include "survey/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <unordered_map>

#include "core/file.h"

namespace inspire::survey {
namespace {

using core::ErrorCode;
using core::Fail;

// Offset of the first byte that breaks UTF-8 (overlongs, surrogates and values past U+10FFFF
// included), or npos.
size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    unsigned min_second = 0x80;
    unsigned max_second = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) min_second = 0xA0;
      if (c == 0xED) max_second = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) min_second = 0x90;
      if (c == 0xF4) max_second = 0x8F;
    } else {
      return i;
    }
    if (i + length > n) return i;
    const auto second = static_cast<unsigned char>(s[i + 1]);
    if (second < min_second || second > max_second) return i;
    for (size_t k = 2; k < length; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

// Splits the text into records and fields, tracking line numbers for messages.
class Tokenizer {
 public:
  Tokenizer(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  bool AtEnd() const { return position_ >= text_.size(); }
  size_t line() const { return line_; }

  // Reads one record into `fields` (views into the text, or into `scratch_` for quoted fields
  // with doubled quotes). Returns an error for an unclosed quote or text after a closing quote.
  core::Result<void> Next(std::vector<std::string_view>& fields) {
    fields.clear();
    scratch_.clear();
    record_line_ = line_;
    while (true) {
      INSPIRE_ASSIGN_OR_RETURN(const std::string_view field, ReadField(fields.size()));
      fields.push_back(field);
      if (position_ >= text_.size()) return {};
      const char c = text_[position_];
      if (c == ',') {
        ++position_;
        continue;
      }
      // End of record: \n or \r\n.
      if (c == '\r') ++position_;
      if (position_ < text_.size() && text_[position_] == '\n') ++position_;
      ++line_;
      return {};
    }
  }

  size_t record_line() const { return record_line_; }

 private:
  core::Result<std::string_view> ReadField(size_t index) {
    if (position_ < text_.size() && text_[position_] == '"') return ReadQuoted(index);
    const size_t start = position_;
    while (position_ < text_.size()) {
      const char c = text_[position_];
      if (c == ',' || c == '\n' || c == '\r') break;
      ++position_;
    }
    return text_.substr(start, position_ - start);
  }

  core::Result<std::string_view> ReadQuoted(size_t index) {
    const size_t open_line = line_;
    ++position_;
    const size_t start = position_;
    bool doubled = false;
    while (true) {
      const size_t quote = text_.find('"', position_);
      if (quote == std::string_view::npos) {
        return Fail(ErrorCode::kParse, fmt::format("{}:{}: field {} opens a quote that is never "
                                                   "closed",
                                                   file_, open_line, index + 1));
      }
      line_ += static_cast<size_t>(std::count(text_.begin() + static_cast<long>(position_),
                                              text_.begin() + static_cast<long>(quote), '\n'));
      if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
        doubled = true;
        position_ = quote + 2;
        continue;
      }
      position_ = quote + 1;
      if (position_ < text_.size() && text_[position_] != ',' && text_[position_] != '\n' &&
          text_[position_] != '\r') {
        return Fail(ErrorCode::kParse, fmt::format("{}:{}: field {} has text after its closing "
                                                   "quote",
                                                   file_, line_, index + 1));
      }
      const std::string_view raw = text_.substr(start, quote - start);
      if (!doubled) return raw;
      std::string unescaped;
      for (size_t i = 0; i < raw.size(); ++i) {
        unescaped += raw[i];
        if (raw[i] == '"') ++i;
      }
      scratch_.push_back(std::move(unescaped));
      return std::string_view(scratch_.back());
    }
  }

  std::string_view text_;
  const std::string& file_;
  size_t position_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 1;
  std::deque<std::string> scratch_;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A record that is an empty line (skipped, except in a one-column file where it is a missing
// value).
bool IsBlankRecord(const std::vector<std::string_view>& fields, size_t columns) {
  return columns > 1 && fields.size() == 1 && Trim(fields[0]).empty();
}

bool IsMissingToken(std::string_view s) { return s.empty() || s == "NA" || s == "."; }

bool ParseNumber(std::string_view s, double& out) {
  // Fast path for the small integers most survey codes are (exact: at most 15 digits).
  if (!s.empty() && s.size() <= 15) {
    const bool negative = s.front() == '-';
    size_t i = negative ? 1 : 0;
    long long value = 0;
    bool digits = i < s.size();
    for (; i < s.size() && digits; ++i) {
      const char c = s[i];
      digits = c >= '0' && c <= '9';
      value = value * 10 + (c - '0');
    }
    if (digits) {
      out = static_cast<double>(negative ? -value : value);
      return true;
    }
  }
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out);
}

// Per-column state while reading.
struct Builder {
  Column column;
  std::unordered_map<std::string, double> codes;  // text columns: text -> code
  size_t text_from_row = SIZE_MAX;                // first row read as text (SIZE_MAX: numeric)
  bool wanted = true;                             // false: a column nothing uses, not stored

  // The provisional code of a text value (codes in order of first appearance).
  double CodeOf(std::string_view field) {
    return codes.emplace(std::string(field), static_cast<double>(codes.size() + 1)).first->second;
  }
  void AddText(std::string_view field) { column.values.push_back(CodeOf(field)); }
  void Add(std::string_view raw, size_t row) {
    if (!wanted) return;
    const std::string_view field = Trim(raw);
    if (IsMissingToken(field)) {
      column.values.push_back(kMissing);
      return;
    }
    if (text_from_row != SIZE_MAX) {
      AddText(field);
      return;
    }
    double number = 0;
    if (ParseNumber(field, number)) {
      column.values.push_back(number);
      return;
    }
    text_from_row = row;
    AddText(field);
  }
};

core::Result<std::vector<Builder>> ReadHeader(Tokenizer& tokenizer, const std::string& file) {
  std::vector<std::string_view> fields;
  INSPIRE_RETURN_IF_ERROR(tokenizer.Next(fields));
  std::vector<Builder> builders(fields.size());
  std::unordered_map<std::string, size_t> seen;
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string name(Trim(fields[i]));
    if (name.empty()) {
      return Fail(ErrorCode::kParse,
                  fmt::format("{}:1: column {} has an empty name in the header", file, i + 1));
    }
    if (const auto [it, inserted] = seen.emplace(name, i); !inserted) {
      return Fail(ErrorCode::kParse, fmt::format("{}:1: column name '{}' appears twice (columns {} "
                                                 "and {})",
                                                 file, name, it->second + 1, i + 1));
    }
    builders[i].column.name = name;
  }
  return builders;
}

// Second pass for columns that turned out to be text after some rows had been read as numbers.
core::Result<void> RereadAsText(std::string_view body, const std::string& file,
                                std::vector<Builder>& builders) {
  size_t until = 0;
  for (const auto& b : builders) {
    if (b.text_from_row != SIZE_MAX) until = std::max(until, b.text_from_row);
  }
  if (until == 0) return {};
  Tokenizer tokenizer(body, file);
  std::vector<std::string_view> fields;
  INSPIRE_RETURN_IF_ERROR(tokenizer.Next(fields));  // header
  for (size_t row = 0; row < until;) {
    INSPIRE_RETURN_IF_ERROR(tokenizer.Next(fields));
    if (IsBlankRecord(fields, builders.size())) continue;
    for (size_t i = 0; i < builders.size(); ++i) {
      Builder& b = builders[i];
      if (b.text_from_row == SIZE_MAX || row >= b.text_from_row) continue;
      const std::string_view field = Trim(fields[i]);
      if (IsMissingToken(field)) continue;
      b.column.values.Set(row, b.CodeOf(field));
    }
    ++row;
  }
  return {};
}

}  // namespace

core::Result<Table> ParseCsv(std::string_view text, const std::string& file_name,
                             const std::set<std::string>* wanted) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.find_first_not_of("\r\n \t") == std::string_view::npos) {
    return Fail(ErrorCode::kParse, file_name + ": the file is empty (expected a header row)");
  }
  if (const size_t bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    const size_t line = 1 + static_cast<size_t>(std::count(
                                text.begin(), text.begin() + static_cast<long>(bad), '\n'));
    return Fail(ErrorCode::kParse,
                fmt::format("{}:{}: invalid UTF-8 (byte 0x{:02x}); save the file as UTF-8",
                            file_name, line, static_cast<unsigned char>(text[bad])));
  }
  Tokenizer tokenizer(text, file_name);
  INSPIRE_ASSIGN_OR_RETURN(std::vector<Builder> builders, ReadHeader(tokenizer, file_name));
  // Line count bounds the row count: reserving it spares the copies and page faults of growth.
  const auto lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (auto& b : builders) {
    b.wanted = wanted == nullptr || wanted->count(b.column.name) > 0;
    if (b.wanted) b.column.values.reserve(lines);
  }
  std::vector<std::string_view> fields;
  size_t rows = 0;
  while (!tokenizer.AtEnd()) {
    INSPIRE_RETURN_IF_ERROR(tokenizer.Next(fields));
    if (IsBlankRecord(fields, builders.size())) continue;
    if (fields.size() != builders.size()) {
      return Fail(ErrorCode::kParse, fmt::format("{}:{}: row has {} field{}, the header has {}",
                                                 file_name, tokenizer.record_line(), fields.size(),
                                                 fields.size() == 1 ? "" : "s", builders.size()));
    }
    for (size_t i = 0; i < fields.size(); ++i) builders[i].Add(fields[i], rows);
    ++rows;
  }
  INSPIRE_RETURN_IF_ERROR(RereadAsText(text, file_name, builders));
  std::vector<Column> columns;
  std::vector<std::string> unloaded;
  columns.reserve(builders.size());
  for (auto& b : builders) {
    if (!b.wanted) {
      unloaded.push_back(b.column.name);
      continue;
    }
    if (b.text_from_row != SIZE_MAX) FinishTextColumn(b.column, b.codes);
    columns.push_back(std::move(b.column));
  }
  Table table(std::move(columns), rows);
  table.SetUnloaded(std::move(unloaded));
  return table;
}

core::Result<Table> ReadCsv(const std::string& path, const std::set<std::string>* wanted) {
  INSPIRE_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(path));
  return ParseCsv(text, path, wanted);
}

}  // namespace inspire::survey
