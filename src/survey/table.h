// The columnar table every survey reader produces and every later stage reads: one column of
// doubles per variable (NaN = missing), with the variable's label, value labels and, for text
// variables, the text of each code.
#ifndef INSPIRE_SURVEY_TABLE_H_
#define INSPIRE_SURVEY_TABLE_H_

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace inspire::survey {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool IsMissing(double value) { return std::isnan(value); }

struct Column {
  std::string name;
  std::string label;           // the variable's label (question text), may be empty
  std::vector<double> values;  // one per row; NaN is missing
  // Text variables are stored as codes 1..k in order of first appearance, and the text of each
  // code is its value label. `is_text` tells expressions to compare against strings.
  bool is_text = false;
  std::map<double, std::string> value_labels;

  // The label of `code`, or the code written as a number ("2", "1.5") if it has none.
  std::string LabelOf(double code) const;
  // The code whose label is `text` (text variables), or NaN if none.
  double CodeOf(std::string_view text) const;
};

// A whole survey file in memory. Columns keep file order; names are unique.
class Table {
 public:
  Table() = default;
  Table(std::vector<Column> columns, size_t rows);

  size_t rows() const { return rows_; }
  const std::vector<Column>& columns() const { return columns_; }

  // The column named `name` (exact match), or nullptr.
  const Column* Find(std::string_view name) const;
  // Names of the loaded columns, in file order.
  std::vector<std::string> Names() const;
  // Names of every variable of the file, loaded or not (for suggestions in messages).
  std::vector<std::string> AllNames() const;
  // Names the file the rows came from (readers call it), for messages.
  void SetSource(const std::string& file) { segments_ = {{file, 0}}; }

  // "survey.csv: row 15 (line 16)" for a data row (0-based `row`): the file it came from (or
  // `fallback_file`), its 1-based row, and for CSV files the line. Stacked tables name the file
  // of each row and the row within it.
  std::string RowRef(size_t row, const std::string& fallback_file = "") const;

  // Where each block of rows came from (one per stacked file), in row order.
  struct Segment {
    std::string file;
    size_t first_row;
  };
  const std::vector<Segment>& segments() const { return segments_; }
  void SetSegments(std::vector<Segment> segments) { segments_ = std::move(segments); }

  // Records variables of the file that a reader skipped because nothing used them.
  void SetUnloaded(std::vector<std::string> names) { unloaded_ = std::move(names); }

  // Adds (or replaces) a column. Precondition: column.values.size() == rows().
  void Put(Column column);

  // Mutable access for readers applying declared missing values. nullptr if absent.
  Column* FindMutable(std::string_view name);

 private:
  std::vector<Column> columns_;
  std::map<std::string, size_t, std::less<>> index_;
  std::vector<std::string> unloaded_;
  std::vector<Segment> segments_;
  size_t rows_ = 0;
};

// Turns provisional codes of a text column (`codes`: text -> code, in any order, as stored in
// column.values) into codes 1..k in sorted text order, so results never depend on row order;
// sets the value labels to the texts and marks the column as text.
void FinishTextColumn(Column& column, const std::unordered_map<std::string, double>& codes);

// A number as the shortest text that reads back to the same double ("2", "0.5", "1e-07").
std::string FormatNumber(double value);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_TABLE_H_
