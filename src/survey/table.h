// The columnar table every survey reader produces and every later stage reads: one column of
// values per variable (read as doubles, NaN = missing), with the variable's label, value labels
// and, for text variables, the text of each code.
#ifndef INSPIRE_SURVEY_TABLE_H_
#define INSPIRE_SURVEY_TABLE_H_

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace inspire::survey {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool IsMissing(double value) { return std::isnan(value); }

// The values of one column, read as doubles (NaN = missing) but stored in the narrowest of int8,
// int16, int32 or double that holds every value exactly: survey codes are small integers, so most
// columns take one byte per row instead of eight. Storage widens as values arrive; reading never
// changes a value.
class ColumnValues {
 public:
  enum class Width : uint8_t { kInt8, kInt16, kInt32, kDouble };

  ColumnValues() = default;
  ColumnValues(std::initializer_list<double> values);
  explicit ColumnValues(const std::vector<double>& values);

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Width width() const { return width_; }

  double operator[](size_t row) const {
    switch (width_) {
      case Width::kInt8:
        return Decode(i8_[row]);
      case Width::kInt16:
        return Decode(i16_[row]);
      case Width::kInt32:
        return Decode(i32_[row]);
      case Width::kDouble:
        break;
    }
    return f64_[row];
  }
  // Rows [begin, begin + count) as doubles into `out` (the evaluator's block reads).
  void Load(size_t begin, size_t count, double* out) const;
  std::vector<double> ToVector() const;
  // The values in place when stored as one-byte integers (kInt8Missing: missing), else nullptr.
  static constexpr int8_t kInt8Missing = std::numeric_limits<int8_t>::min();
  const int8_t* Int8Data() const { return width_ == Width::kInt8 ? i8_.data() : nullptr; }
  // Makes every value equal to one of `codes` missing.
  void ReplaceWithMissing(const std::vector<double>& codes);
  // The values in place when stored as doubles, else nullptr.
  const double* DoubleData() const { return width_ == Width::kDouble ? f64_.data() : nullptr; }

  void Set(size_t row, double value);
  void push_back(double value);
  void PushMissing() {
    switch (width_) {
      case Width::kInt8:
        i8_.push_back(kSentinel<int8_t>);
        break;
      case Width::kInt16:
        i16_.push_back(kSentinel<int16_t>);
        break;
      case Width::kInt32:
        i32_.push_back(kSentinel<int32_t>);
        break;
      case Width::kDouble:
        f64_.push_back(std::numeric_limits<double>::quiet_NaN());
        break;
    }
    ++size_;
  }
  // push_back for an integer of at most 15 digits, without the checks a double needs.
  void PushInteger(int64_t value) {
    if (width_ == Width::kInt8 && value > -128 && value <= 127) {
      i8_.push_back(static_cast<int8_t>(value));
      ++size_;
      return;
    }
    push_back(static_cast<double>(value));
  }
  void Append(size_t count, double value);
  void Append(const ColumnValues& other);
  // Puts value order[i] at row i (`order`: a permutation of the rows), keeping the width.
  void Reorder(const std::vector<uint32_t>& order);
  void reserve(size_t rows);
  void resize(size_t rows, double fill);

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = double;
    using difference_type = std::ptrdiff_t;
    using pointer = const double*;
    using reference = double;
    const_iterator(const ColumnValues* values, size_t row) : values_(values), row_(row) {}
    double operator*() const { return (*values_)[row_]; }
    const_iterator& operator++() {
      ++row_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++row_;
      return old;
    }
    bool operator==(const const_iterator& other) const { return row_ == other.row_; }
    bool operator!=(const const_iterator& other) const { return row_ != other.row_; }

   private:
    const ColumnValues* values_;
    size_t row_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  template <typename T>
  static constexpr T kSentinel = std::numeric_limits<T>::min();  // missing
  template <typename T>
  static double Decode(T value) {
    static_assert(std::is_integral_v<T>, "doubles are stored as they are");
    return value == kSentinel<T> ? std::numeric_limits<double>::quiet_NaN()
                                 : static_cast<double>(value);
  }
  static Width WidthFor(double value);
  void WidenTo(Width width);

  Width width_ = Width::kInt8;
  size_t size_ = 0;
  size_t reserved_ = 0;
  std::vector<int8_t> i8_;
  std::vector<int16_t> i16_;
  std::vector<int32_t> i32_;
  std::vector<double> f64_;
};

// A value the file itself declares missing (SPSS user-missing values and ranges, Stata's
// extended missing values .a-.z), as written ("8", "98-99", ".a"), with the rows that held it.
struct DeclaredMissing {
  std::string code;
  size_t rows = 0;
  // An SPSS discrete value or range as numbers (low == high for a value); NaN for a Stata tag.
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
};

struct Column {
  std::string name;
  std::string label;    // the variable's label (question text), may be empty
  ColumnValues values;  // one per row; NaN is missing
  // Text variables are stored as codes 1..k in order of first appearance, and the text of each
  // code is its value label. `is_text` tells expressions to compare against strings.
  bool is_text = false;
  std::map<double, std::string> value_labels;
  // Declared missing values, made NaN in `values` when read (empty for CSV files).
  std::vector<DeclaredMissing> declared_missing = {};

  // The label of `code`, or the code written as a number ("2", "1.5") if it has none.
  std::string LabelOf(double code) const;
  // The code whose label is `text` (text variables), or NaN if none.
  double CodeOf(std::string_view text) const;
};

// True if `name` matches the glob `pattern` (* any run of characters, ? one character).
bool GlobMatch(std::string_view pattern, std::string_view name);

// Whether a reader stores the variable `name`: every variable when `wanted` is null, else those
// named in it or matching one of its entries that hold a * or ? (a glob).
bool NameWanted(const std::set<std::string>* wanted, std::string_view name);

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

  // Puts row order[i] at row i in every column, the columns shared out over `threads` threads
  // (`order`: a permutation of the rows). RowRef and SourceRow go on naming each row as it was
  // in the file.
  void ReorderRows(const std::vector<uint32_t>& order, int threads);
  // The row's index in file order: `row` itself unless ReorderRows moved it.
  size_t SourceRow(size_t row) const { return source_row_.empty() ? row : source_row_[row]; }

  // Mutable access for readers applying declared missing values. nullptr if absent.
  Column* FindMutable(std::string_view name);

 private:
  std::vector<Column> columns_;
  std::map<std::string, size_t, std::less<>> index_;
  std::vector<std::string> unloaded_;
  std::vector<Segment> segments_;
  std::vector<uint32_t> source_row_;  // set by ReorderRows: each row's index in file order
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
