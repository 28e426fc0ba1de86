#include "core/text_table.h"

#include <algorithm>
#include <cassert>

namespace inspire::core {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The first `width` code points of `s`, with "…" as the last one when `s` was longer.
std::string Truncate(std::string_view s, size_t width) {
  if (DisplayWidth(s) <= width) return std::string(s);
  if (width == 0) return "";
  size_t points = 0;
  size_t end = 0;
  while (end < s.size()) {
    if (!IsContinuationByte(s[end])) {
      if (points == width - 1) break;
      ++points;
    }
    ++end;
  }
  return std::string(s.substr(0, end)) + "\u2026";
}

// `s` broken at spaces into lines of at most `width` code points (a longer word is cut).
std::vector<std::string> Wrap(std::string_view s, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view word = s.substr(start, end - start);
    if (!line.empty() && DisplayWidth(line) + 1 + DisplayWidth(word) > width) {
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += Truncate(word, width);
    start = end + 1;
  }
  lines.push_back(line);
  return lines;
}

void Pad(std::string& line, std::string_view cell, size_t width, Align align) {
  const size_t padding = width - std::min(width, DisplayWidth(cell));
  if (align == Align::kRight) line.append(padding, ' ');
  line.append(cell);
  if (align == Align::kLeft) line.append(padding, ' ');
}

void TrimRight(std::string& line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
}

}  // namespace

size_t DisplayWidth(std::string_view utf8) {
  return static_cast<size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return !IsContinuationByte(c); }));
}

TextTable::TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

void TextTable::AddRow(std::vector<std::string> cells) {
  assert(cells.size() == columns_.size() && "TextTable row must have one cell per column");
  std::vector<std::vector<std::string>> wrapped(cells.size());
  size_t height = 1;
  for (size_t i = 0; i < cells.size(); ++i) {
    const Column& column = columns_[i];
    wrapped[i] = column.wrap ? Wrap(cells[i], column.max_width)
                             : std::vector<std::string>{Truncate(cells[i], column.max_width)};
    height = std::max(height, wrapped[i].size());
  }
  for (size_t line = 0; line < height; ++line) {
    std::vector<std::string> row;
    row.reserve(wrapped.size());
    for (const auto& lines : wrapped) row.push_back(line < lines.size() ? lines[line] : "");
    rows_.push_back(std::move(row));
  }
}

std::string TextTable::Render() const {
  std::vector<size_t> widths;
  for (const Column& column : columns_) widths.push_back(DisplayWidth(column.header));
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  std::string out;
  auto emit = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line += "  ";
      Pad(line, cells[i], widths[i], columns_[i].align);
    }
    TrimRight(line);
    out += line + "\n";
  };
  std::vector<std::string> headers;
  std::vector<std::string> rules;
  for (size_t i = 0; i < columns_.size(); ++i) {
    headers.push_back(columns_[i].header);
    rules.emplace_back(widths[i], '-');
  }
  emit(headers);
  emit(rules);
  for (const auto& row : rows_) emit(row);
  return out;
}

}  // namespace inspire::core
