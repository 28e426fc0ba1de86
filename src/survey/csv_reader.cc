#include "survey/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstring>
#include <deque>
#include <functional>
#include <optional>
#include <thread>
#include <unordered_map>

#include "core/file.h"
#include "core/parallel.h"

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
    // Eight ASCII bytes at a time: survey files are mostly digits and commas.
    if (i + 8 <= n) {
      uint64_t word = 0;
      std::memcpy(&word, s.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
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
  Tokenizer(std::string_view text, const std::string& file, size_t first_line = 1)
      : text_(text), file_(file), line_(first_line), record_line_(first_line) {}

  bool AtEnd() const { return position_ >= text_.size(); }
  size_t line() const { return line_; }
  size_t position() const { return position_; }

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
  size_t line_;
  size_t record_line_;
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

enum class NumberKind { kNone, kInteger, kReal };

// A field as a number: an integer of at most 15 digits (exact; most survey codes) in `integer`,
// any other finite number in `real`.
NumberKind ParseNumber(std::string_view s, int64_t& integer, double& real) {
  if (!s.empty() && s.size() <= 15) {
    const bool negative = s.front() == '-';
    size_t i = negative ? 1 : 0;
    int64_t value = 0;
    bool digits = i < s.size();
    for (; i < s.size() && digits; ++i) {
      const char c = s[i];
      digits = c >= '0' && c <= '9';
      value = value * 10 + (c - '0');
    }
    if (digits) {
      integer = negative ? -value : value;
      return NumberKind::kInteger;
    }
  }
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), real);
  const bool ok = ec == std::errc() && end == s.data() + s.size() && std::isfinite(real);
  return ok ? NumberKind::kReal : NumberKind::kNone;
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
    // The usual survey fields first: empty, or a one-digit code in a numeric column.
    if (raw.empty()) {
      column.values.PushMissing();
      return;
    }
    if (raw.size() == 1 && text_from_row == SIZE_MAX) {
      const auto digit = static_cast<unsigned>(raw[0] - '0');
      if (digit <= 9) {
        column.values.PushInteger(digit);
        return;
      }
    }
    AddOther(raw, row);
  }
  void AddOther(std::string_view raw, size_t row) {
    const std::string_view field = Trim(raw);
    if (IsMissingToken(field)) {
      column.values.PushMissing();
      return;
    }
    if (text_from_row != SIZE_MAX) {
      AddText(field);
      return;
    }
    int64_t integer = 0;
    double real = 0;
    switch (ParseNumber(field, integer, real)) {
      case NumberKind::kInteger:
        column.values.PushInteger(integer);
        return;
      case NumberKind::kReal:
        column.values.push_back(real);
        return;
      case NumberKind::kNone:
        break;
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

// A stretch of the body (whole records) parsed on its own, possibly by another thread.
struct Chunk {
  std::string_view text;
  std::vector<Builder> builders;
  size_t rows = 0;
  size_t lines = 0;  // line ends consumed, to number the lines of the next chunk
  // The first error: its line counted from the chunk's first line (0-based) and its message
  // without the "file:line: " prefix, which needs the line numbers of the chunks before.
  bool failed = false;
  size_t error_line = 0;
  std::string error;

  void SetError(size_t line, std::string message) {
    failed = true;
    error_line = line;
    error = std::move(message);
  }
};

std::string FieldCountMessage(size_t got, size_t expected) {
  return fmt::format("row has {} field{}, the header has {}", got, got == 1 ? "" : "s", expected);
}

std::string Utf8Message(std::string_view text, size_t bad) {
  return fmt::format("invalid UTF-8 (byte 0x{:02x}); save the file as UTF-8",
                     static_cast<unsigned char>(text[bad]));
}

size_t CountLines(std::string_view text, size_t end) {
  return static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(end), '\n'));
}

// Reads the record at `p` (moving `p` past its line end: \n, \r\n or a lone \r, as for the
// general tokenizer) and hands field i to builders[i] as row `row` while it goes, so that no
// field is stored twice. The first field waits in `first` until a second one shows the record is
// not a blank line; fields past the last column are counted only. Returns the number of fields
// and whether the record ended a line.
struct RecordShape {
  size_t fields = 0;
  bool line_end = false;
};
inline RecordShape ReadPlainRecord(const char*& p, const char* end, std::vector<Builder>& builders,
                                   size_t row, std::string_view& first) {
  const size_t columns = builders.size();
  RecordShape shape;
  while (true) {
    const char* field = p;
    while (p < end && *p != ',' && *p != '\n' && *p != '\r') ++p;
    const std::string_view value(field, static_cast<size_t>(p - field));
    if (shape.fields == 0) {
      first = value;
    } else if (shape.fields < columns) {
      builders[shape.fields].Add(value, row);
    }
    ++shape.fields;
    if (p >= end) return shape;
    if (*p == ',') {
      if (shape.fields == 1) builders[0].Add(first, row);
      ++p;
      continue;
    }
    if (*p == '\r') ++p;
    if (p < end && *p == '\n') ++p;
    shape.line_end = true;
    return shape;
  }
}

// What one look over a chunk finds: whether it holds a quote (then it stops looking), and where
// its first byte past ASCII is (npos: none).
struct TextScan {
  bool quote = false;
  size_t first_high = std::string_view::npos;
};

TextScan ScanText(std::string_view text) {
  TextScan scan;
  // 64 bytes at a time, or-ed together without a branch per byte, which the compiler turns into
  // vector instructions: survey files are digits and commas, and this look is most of what
  // checking them costs (FindInvalidUtf8 then runs only from the first byte past ASCII).
  constexpr size_t kBlock = 64;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  for (size_t at = 0; at < text.size(); at += kBlock) {
    const size_t size = std::min(kBlock, text.size() - at);
    uint8_t high = 0;
    uint8_t quote = 0;
    for (size_t k = 0; k < size; ++k) {
      high |= bytes[at + k];
      quote |= bytes[at + k] == '"' ? 1 : 0;
    }
    if ((high & 0x80) != 0 && scan.first_high == std::string_view::npos) scan.first_high = at;
    if (quote != 0) {
      scan.quote = true;
      return scan;
    }
  }
  return scan;
}

// Splits a chunk without quotes into records and fields (the fast path: no quote handling, no
// copies). A record with the wrong number of fields stops the chunk (the builders' rows then no
// longer matter: the whole file is refused). `first_high`: as ScanText found it.
void ParsePlainChunk(Chunk& chunk, size_t first_high, const core::MappedFile* file) {
  const std::string_view text = chunk.text;
  // Errors are reported in file order: the bad byte's record is refused when reached.
  size_t bad = std::string_view::npos;
  if (first_high != std::string_view::npos) {
    bad = FindInvalidUtf8(text.substr(first_high));
    if (bad != std::string_view::npos) bad += first_high;
  }
  const size_t columns = chunk.builders.size();
  const char* p = text.data();
  const char* const end = p + text.size();
  const char* released = p;
  size_t line = 0;
  std::string_view first;
  while (p < end) {
    const size_t record_line = line;
    const RecordShape shape = ReadPlainRecord(p, end, chunk.builders, chunk.rows, first);
    line += shape.line_end ? 1 : 0;
    if (bad != std::string_view::npos && bad < static_cast<size_t>(p - text.data())) {
      return chunk.SetError(record_line, Utf8Message(text, bad));
    }
    if (shape.fields == 1) {  // a blank line is skipped, except in a one-column file
      if (columns > 1 && Trim(first).empty()) continue;
      if (columns == 1) chunk.builders[0].Add(first, chunk.rows);
    }
    if (shape.fields != columns) {
      return chunk.SetError(record_line, FieldCountMessage(shape.fields, columns));
    }
    ++chunk.rows;
    if (file != nullptr && p - released >= (8 << 20)) {  // let parsed pages go
      file->Release(released, p);
      released = p;
    }
  }
  chunk.lines = line;
}

// The general path (quoted fields may hold commas, quotes and line ends): one chunk, the whole
// body, which starts on line `first_line`.
void ParseQuotedChunk(Chunk& chunk, const std::string& file_name, size_t first_line) {
  Tokenizer tokenizer(chunk.text, file_name, first_line);
  const size_t columns = chunk.builders.size();
  std::vector<std::string_view> fields;
  while (!tokenizer.AtEnd()) {
    if (auto next = tokenizer.Next(fields); !next) {
      return chunk.SetError(SIZE_MAX, next.error().message);  // names the file and line
    }
    if (IsBlankRecord(fields, columns)) continue;
    if (fields.size() != columns) {
      return chunk.SetError(tokenizer.record_line() - first_line,
                            FieldCountMessage(fields.size(), columns));
    }
    for (size_t i = 0; i < columns; ++i) chunk.builders[i].Add(fields[i], chunk.rows);
    ++chunk.rows;
  }
  chunk.lines = tokenizer.line() - first_line;
}

// Columns that turned out to be text after some rows of the chunk had been read as numbers:
// those rows again, as text (`text[i]`: column i is text in some chunk).
void RereadAsText(Chunk& chunk, const std::string& file_name, const std::vector<bool>& text) {
  size_t until = 0;
  for (size_t i = 0; i < chunk.builders.size(); ++i) {
    if (text[i]) until = std::max(until, std::min(chunk.builders[i].text_from_row, chunk.rows));
  }
  if (until == 0) return;
  Tokenizer tokenizer(chunk.text, file_name, 0);
  std::vector<std::string_view> fields;
  for (size_t row = 0; row < until;) {
    if (!tokenizer.Next(fields)) return;  // cannot happen: the chunk parsed before
    if (IsBlankRecord(fields, chunk.builders.size())) continue;
    for (size_t i = 0; i < chunk.builders.size(); ++i) {
      Builder& b = chunk.builders[i];
      if (!text[i] || !b.wanted || row >= b.text_from_row) continue;
      const std::string_view field = Trim(fields[i]);
      if (IsMissingToken(field)) continue;
      b.column.values.Set(row, b.CodeOf(field));
    }
    ++row;
  }
}

// Cuts the body into about `parts` stretches of whole lines.
std::vector<std::string_view> SplitAtLineEnds(std::string_view body, size_t parts) {
  std::vector<std::string_view> pieces;
  size_t start = 0;
  for (size_t k = 1; k <= parts && start < body.size(); ++k) {
    size_t cut = k == parts ? body.size() : std::max(start, body.size() * k / parts);
    if (cut < body.size()) {
      const size_t newline = body.find('\n', cut);
      cut = newline == std::string_view::npos ? body.size() : newline + 1;
    }
    if (cut > start) pieces.push_back(body.substr(start, cut - start));
    start = cut;
  }
  return pieces;
}

// Column i of the chunks joined in order; a text column gets one set of codes.
Column MergeColumn(std::vector<Chunk>& chunks, size_t i, bool text, size_t rows) {
  Builder& first = chunks.front().builders[i];
  Column column = std::move(first.column);
  if (!text) {
    column.values.reserve(rows);
    for (size_t c = 1; c < chunks.size(); ++c) {
      column.values.Append(chunks[c].builders[i].column.values);
      chunks[c].builders[i].column.values = {};
    }
    return column;
  }
  // Provisional codes of every chunk mapped to one dictionary, then sorted by FinishTextColumn.
  std::unordered_map<std::string, double> codes = std::move(first.codes);
  for (size_t c = 1; c < chunks.size(); ++c) {
    Builder& b = chunks[c].builders[i];
    std::vector<double> remap(b.codes.size() + 1, kMissing);
    for (const auto& [value, code] : b.codes) {
      remap[static_cast<size_t>(code)] =
          codes.emplace(value, static_cast<double>(codes.size() + 1)).first->second;
    }
    for (const double code : b.column.values) {
      column.values.push_back(IsMissing(code) ? kMissing : remap[static_cast<size_t>(code)]);
    }
    b.column.values = {};
  }
  FinishTextColumn(column, codes);
  return column;
}

// Joins the chunks' columns, one column per task on `threads` threads (the copies and the fresh
// pages they fill are most of the work).
Table Merge(std::vector<Chunk>& chunks, const std::vector<bool>& text, size_t threads) {
  size_t rows = 0;
  for (const auto& chunk : chunks) rows += chunk.rows;
  std::vector<size_t> stored;
  std::vector<std::string> unloaded;
  for (size_t i = 0; i < chunks.front().builders.size(); ++i) {
    if (chunks.front().builders[i].wanted) {
      stored.push_back(i);
    } else {
      unloaded.push_back(chunks.front().builders[i].column.name);
    }
  }
  std::vector<Column> columns(stored.size());
  core::ParallelFor(stored.size(), chunks.size() > 1 ? threads : 1, [&](size_t, size_t k) {
    columns[k] = MergeColumn(chunks, stored[k], text[stored[k]], rows);
  });
  Table table(std::move(columns), rows);
  table.SetUnloaded(std::move(unloaded));
  return table;
}

// About how many records `text` holds, from the line length of its first megabyte.
size_t EstimateRows(std::string_view text) {
  const std::string_view sample = text.substr(0, 1 << 20);
  const size_t lines = CountLines(sample, sample.size());
  if (lines == 0 || sample.size() == text.size()) return lines + 1;
  const double per_line = static_cast<double>(sample.size()) / static_cast<double>(lines);
  return static_cast<size_t>(static_cast<double>(text.size()) / per_line * 1.05) + 64;
}

// Bodies smaller than this are parsed on one thread.
constexpr size_t kMinBytesPerThread = 4 << 20;

// The body cut into chunks of whole lines, each with a copy of the header's builders and its
// columns reserved for about the rows it will hold (counting the lines would read the whole file
// before parsing it). The first chunk reserves for the whole body, since Merge appends the others
// to its columns: untouched reserved pages cost no memory.
std::vector<Chunk> MakeChunks(std::string_view body, const std::vector<Builder>& builders,
                              size_t parts) {
  std::vector<Chunk> chunks;
  for (const std::string_view piece : SplitAtLineEnds(body, parts)) {
    Chunk& chunk = chunks.emplace_back();
    chunk.text = piece;
    chunk.builders = builders;
    const size_t rows = EstimateRows(chunks.size() == 1 ? body : piece);
    for (auto& b : chunk.builders) {
      if (b.wanted) b.column.values.reserve(rows);
    }
  }
  if (chunks.empty()) chunks.emplace_back().builders = builders;  // a header and no rows
  return chunks;
}

// Parses the body in `parts` chunks at once, each on its own thread, as long as no chunk holds a
// quote (each looks for one first, so the file is read on every core from the start). Returns
// false, with the chunks half-done, when some chunk does: quoted fields may hold line ends, so
// such a body can only be cut where the general tokenizer finds a record end.
bool ParsePlainChunks(std::vector<Chunk>& chunks, const core::MappedFile* file) {
  std::atomic<bool> quoted = false;
  core::ParallelFor(chunks.size(), chunks.size(), [&](size_t, size_t c) {
    const std::string_view text = chunks[c].text;
    if (file != nullptr) file->Populate(text.data(), text.data() + text.size());
    const TextScan scan = ScanText(text);
    if (scan.quote) {
      quoted = true;
      return;
    }
    ParsePlainChunk(chunks[c], scan.first_high, file);
  });
  return !quoted;
}

// The first chunk's error as "file:line: message", or nothing; each chunk's lines are numbered
// after those of the chunks before it.
std::optional<core::Error> FirstChunkError(const std::vector<Chunk>& chunks,
                                           const std::string& file_name, size_t first_line) {
  size_t line = first_line;
  for (const auto& chunk : chunks) {
    if (chunk.failed) {
      if (chunk.error_line == SIZE_MAX) {  // a tokenizer message, numbered from the body start
        return core::Error{ErrorCode::kParse, chunk.error, {}, 0};
      }
      return core::Error{ErrorCode::kParse,
                         fmt::format("{}:{}: {}", file_name, line + chunk.error_line, chunk.error),
                         {},
                         0};
    }
    line += chunk.lines;
  }
  return std::nullopt;
}

core::Result<Table> Parse(std::string_view text, const std::string& file_name,
                          const std::set<std::string>* wanted, int threads,
                          const core::MappedFile* file,
                          size_t min_chunk_bytes = kMinBytesPerThread) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.find_first_not_of("\r\n \t") == std::string_view::npos) {
    return Fail(ErrorCode::kParse, file_name + ": the file is empty (expected a header row)");
  }
  // The header's first line is checked before it is read; a quoted header may run on.
  const std::string_view first_header_line = text.substr(0, text.find('\n'));
  if (const size_t bad = FindInvalidUtf8(first_header_line); bad != std::string_view::npos) {
    return Fail(ErrorCode::kParse,
                fmt::format("{}:1: {}", file_name, Utf8Message(first_header_line, bad)));
  }
  Tokenizer header(text, file_name);
  INSPIRE_ASSIGN_OR_RETURN(std::vector<Builder> builders, ReadHeader(header, file_name));
  for (auto& b : builders) b.wanted = NameWanted(wanted, b.column.name);
  const std::string_view header_text = text.substr(0, header.position());
  if (const size_t bad = FindInvalidUtf8(header_text); bad != std::string_view::npos) {
    return Fail(ErrorCode::kParse,
                fmt::format("{}:{}: {}", file_name, 1 + CountLines(header_text, bad),
                            Utf8Message(header_text, bad)));
  }
  const std::string_view body = text.substr(header.position());
  const size_t first_line = header.line();

  const auto cores = static_cast<size_t>(
      threads > 0 ? threads : std::max(1U, std::thread::hardware_concurrency()));
  const size_t parts =
      std::clamp<size_t>(body.size() / std::max<size_t>(1, min_chunk_bytes), 1, cores);
  std::vector<Chunk> chunks = MakeChunks(body, builders, parts);
  if (!ParsePlainChunks(chunks, file)) {
    // Quotes: the whole body through the general tokenizer, its bytes checked first.
    if (const size_t bad = FindInvalidUtf8(body); bad != std::string_view::npos) {
      return Fail(ErrorCode::kParse,
                  fmt::format("{}:{}: {}", file_name, first_line + CountLines(body, bad),
                              Utf8Message(body, bad)));
    }
    chunks = MakeChunks(body, builders, 1);
    ParseQuotedChunk(chunks.front(), file_name, first_line);
  }
  if (auto error = FirstChunkError(chunks, file_name, first_line)) {
    return tl::unexpected(std::move(*error));
  }
  std::vector<bool> text_column(builders.size(), false);
  for (const auto& chunk : chunks) {
    for (size_t i = 0; i < builders.size(); ++i) {
      if (chunk.builders[i].text_from_row != SIZE_MAX && chunk.builders[i].wanted) {
        text_column[i] = true;
      }
    }
  }
  for (auto& chunk : chunks) RereadAsText(chunk, file_name, text_column);
  return Merge(chunks, text_column, cores);
}

}  // namespace

core::Result<Table> ParseCsv(std::string_view text, const std::string& file_name,
                             const std::set<std::string>* wanted, int threads) {
  return Parse(text, file_name, wanted, threads, nullptr);
}

core::Result<Table> ParseCsvInChunks(std::string_view text, const std::string& file_name,
                                     int threads, size_t min_chunk_bytes) {
  return Parse(text, file_name, nullptr, threads, nullptr, min_chunk_bytes);
}

core::Result<Table> ReadCsv(const std::string& path, const std::set<std::string>* wanted,
                            int threads) {
  INSPIRE_ASSIGN_OR_RETURN(const core::MappedFile file, core::MappedFile::Open(path));
  return Parse(file.view(), path, wanted, threads, &file);
}

}  // namespace inspire::survey
