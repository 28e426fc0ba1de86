// Plain-text tables for a terminal: aligned columns, long cells cut with an ellipsis.
// Widths are counted in Unicode code points, so accented names line up.
#ifndef INSPIRE_CORE_TEXT_TABLE_H_
#define INSPIRE_CORE_TEXT_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

namespace inspire::core {

enum class Align { kLeft, kRight };

struct Column {
  std::string header;
  Align align = Align::kLeft;
  size_t max_width = 60;  // cells wider than this are cut and end with "…",
  bool wrap = false;      // ... or, if set, wrapped at spaces onto continuation lines
};

// Collects rows, then renders them. Not thread-safe; cheap to build.
class TextTable {
 public:
  explicit TextTable(std::vector<Column> columns);

  // Adds a row. Precondition: cells.size() == number of columns (asserted).
  void AddRow(std::vector<std::string> cells);

  // The table: a header line, a rule of dashes, then one line per row, each ending in '\n'.
  // Columns are separated by two spaces; trailing spaces are trimmed.
  std::string Render() const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Number of Unicode code points in a UTF-8 string (continuation bytes are not counted).
size_t DisplayWidth(std::string_view utf8);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_TEXT_TABLE_H_
