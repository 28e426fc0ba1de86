#include "survey/table.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <type_traits>

#include "core/gather.h"
#include "core/parallel.h"

namespace inspire::survey {

ColumnValues::ColumnValues(std::initializer_list<double> values) {
  reserve(values.size());
  for (const double value : values) push_back(value);
}

ColumnValues::ColumnValues(const std::vector<double>& values) {
  reserve(values.size());
  for (const double value : values) push_back(value);
}

ColumnValues::Width ColumnValues::WidthFor(double value) {
  if (IsMissing(value)) return Width::kInt8;
  // Integers strictly above the type's minimum (the missing sentinel); -0 keeps its sign bit in
  // a double.
  if (!(value > -2147483648.0 && value <= 2147483647.0) || std::trunc(value) != value ||
      (value == 0 && std::signbit(value))) {
    return Width::kDouble;
  }
  if (value > -128 && value <= 127) return Width::kInt8;
  if (value > -32768 && value <= 32767) return Width::kInt16;
  return Width::kInt32;
}

namespace {

template <typename T>
T Encode(double value) {
  if constexpr (std::is_same_v<T, double>) {
    return value;
  } else {
    return IsMissing(value) ? std::numeric_limits<T>::min() : static_cast<T>(value);
  }
}

}  // namespace

void ColumnValues::WidenTo(Width width) {
  if (width <= width_) return;
  // Straight from the narrow storage into the wide one: no array of doubles in between.
  ColumnValues wider;
  wider.width_ = width;
  wider.reserve(std::max(reserved_, size_));
  auto convert = [&](const auto& from, auto& to) {
    using T = typename std::decay_t<decltype(to)>::value_type;
    to.resize(from.size());
    for (size_t row = 0; row < from.size(); ++row) to[row] = Encode<T>(Decode(from[row]));
  };
  auto into = [&](const auto& from) {
    switch (width) {
      case Width::kInt8:
        break;  // never narrower than the source
      case Width::kInt16:
        convert(from, wider.i16_);
        break;
      case Width::kInt32:
        convert(from, wider.i32_);
        break;
      case Width::kDouble:
        convert(from, wider.f64_);
        break;
    }
  };
  switch (width_) {
    case Width::kInt8:
      into(i8_);
      break;
    case Width::kInt16:
      into(i16_);
      break;
    case Width::kInt32:
      into(i32_);
      break;
    case Width::kDouble:
      break;  // the widest already
  }
  wider.size_ = size_;
  *this = std::move(wider);
}

void ColumnValues::reserve(size_t rows) {
  reserved_ = std::max(reserved_, rows);
  switch (width_) {
    case Width::kInt8:
      i8_.reserve(rows);
      break;
    case Width::kInt16:
      i16_.reserve(rows);
      break;
    case Width::kInt32:
      i32_.reserve(rows);
      break;
    case Width::kDouble:
      f64_.reserve(rows);
      break;
  }
}

void ColumnValues::push_back(double value) {
  if (width_ == Width::kDouble) {  // the widest: nothing to check (weights, replicate weights)
    f64_.push_back(value);
    ++size_;
    return;
  }
  const Width needed = WidthFor(value);
  if (needed > width_) WidenTo(needed);
  switch (width_) {
    case Width::kInt8:
      i8_.push_back(Encode<int8_t>(value));
      break;
    case Width::kInt16:
      i16_.push_back(Encode<int16_t>(value));
      break;
    case Width::kInt32:
      i32_.push_back(Encode<int32_t>(value));
      break;
    case Width::kDouble:
      f64_.push_back(value);
      break;
  }
  ++size_;
}

void ColumnValues::Set(size_t row, double value) {
  const Width needed = WidthFor(value);
  if (needed > width_) WidenTo(needed);
  switch (width_) {
    case Width::kInt8:
      i8_[row] = Encode<int8_t>(value);
      break;
    case Width::kInt16:
      i16_[row] = Encode<int16_t>(value);
      break;
    case Width::kInt32:
      i32_[row] = Encode<int32_t>(value);
      break;
    case Width::kDouble:
      f64_[row] = value;
      break;
  }
}

void ColumnValues::Append(size_t count, double value) {
  const Width needed = WidthFor(value);
  if (needed > width_) WidenTo(needed);
  switch (width_) {
    case Width::kInt8:
      i8_.insert(i8_.end(), count, Encode<int8_t>(value));
      break;
    case Width::kInt16:
      i16_.insert(i16_.end(), count, Encode<int16_t>(value));
      break;
    case Width::kInt32:
      i32_.insert(i32_.end(), count, Encode<int32_t>(value));
      break;
    case Width::kDouble:
      f64_.insert(f64_.end(), count, value);
      break;
  }
  size_ += count;
}

void ColumnValues::Append(const ColumnValues& other) {
  if (other.width_ > width_) WidenTo(other.width_);
  if (other.width_ == width_) {
    switch (width_) {
      case Width::kInt8:
        i8_.insert(i8_.end(), other.i8_.begin(), other.i8_.end());
        break;
      case Width::kInt16:
        i16_.insert(i16_.end(), other.i16_.begin(), other.i16_.end());
        break;
      case Width::kInt32:
        i32_.insert(i32_.end(), other.i32_.begin(), other.i32_.end());
        break;
      case Width::kDouble:
        f64_.insert(f64_.end(), other.f64_.begin(), other.f64_.end());
        break;
    }
    size_ += other.size_;
    return;
  }
  reserve(size_ + other.size_);
  for (const double value : other) push_back(value);
}

void ColumnValues::Reorder(const std::vector<uint32_t>& order) {
  switch (width_) {
    case Width::kInt8:
      i8_ = core::Gather(i8_, order);
      break;
    case Width::kInt16:
      i16_ = core::Gather(i16_, order);
      break;
    case Width::kInt32:
      i32_ = core::Gather(i32_, order);
      break;
    case Width::kDouble:
      f64_ = core::Gather(f64_, order);
      break;
  }
}

void ColumnValues::resize(size_t rows, double fill) {
  if (rows <= size_) {
    i8_.resize(std::min(i8_.size(), rows));
    i16_.resize(std::min(i16_.size(), rows));
    i32_.resize(std::min(i32_.size(), rows));
    f64_.resize(std::min(f64_.size(), rows));
    size_ = rows;
    return;
  }
  Append(rows - size_, fill);
}

void ColumnValues::Load(size_t begin, size_t count, double* out) const {
  auto decode = [&](const auto& storage) {
    const auto* in = storage.data() + begin;
    for (size_t i = 0; i < count; ++i) out[i] = Decode(in[i]);
  };
  switch (width_) {
    case Width::kInt8:
      decode(i8_);
      return;
    case Width::kInt16:
      decode(i16_);
      return;
    case Width::kInt32:
      decode(i32_);
      return;
    case Width::kDouble:
      break;
  }
  std::copy_n(f64_.data() + begin, count, out);
}

void ColumnValues::ReplaceWithMissing(const std::vector<double>& codes) {
  if (width_ == Width::kInt8) {
    std::vector<int8_t> small;  // the codes a one-byte column can hold
    for (const double code : codes) {
      if (WidthFor(code) == Width::kInt8 && !IsMissing(code)) {
        small.push_back(static_cast<int8_t>(code));
      }
    }
    if (small.empty()) return;
    if (small.size() <= 4) {  // the usual 8/9 or 98/99: four comparisons, which vectorise
      std::array<int8_t, 4> four{};
      for (size_t k = 0; k < four.size(); ++k) four[k] = small[std::min(k, small.size() - 1)];
      for (int8_t& value : i8_) {
        const int hit = static_cast<int>(value == four[0]) | static_cast<int>(value == four[1]) |
                        static_cast<int>(value == four[2]) | static_cast<int>(value == four[3]);
        value = hit != 0 ? kInt8Missing : value;
      }
      return;
    }
    std::array<bool, 256> blank{};  // more codes: one table lookup per row
    for (const int8_t code : small) blank[static_cast<uint8_t>(code)] = true;
    for (int8_t& value : i8_) {
      if (blank[static_cast<uint8_t>(value)]) value = kInt8Missing;
    }
    return;
  }
  for (size_t row = 0; row < size_; ++row) {
    if (std::find(codes.begin(), codes.end(), (*this)[row]) != codes.end()) Set(row, kMissing);
  }
}

std::vector<double> ColumnValues::ToVector() const {
  std::vector<double> out(size_);
  Load(0, size_, out.data());
  return out;
}

std::string FormatNumber(double value) {
  if (IsMissing(value)) return "";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

void FinishTextColumn(Column& column, const std::unordered_map<std::string, double>& codes) {
  std::vector<const std::string*> texts;
  texts.reserve(codes.size());
  for (const auto& entry : codes) texts.push_back(&entry.first);
  std::sort(texts.begin(), texts.end(),
            [](const std::string* a, const std::string* b) { return *a < *b; });
  std::vector<double> remap(codes.size() + 1, kMissing);
  column.value_labels.clear();
  for (size_t i = 0; i < texts.size(); ++i) {
    const auto code = static_cast<double>(i + 1);
    remap[static_cast<size_t>(codes.at(*texts[i]))] = code;
    column.value_labels[code] = *texts[i];
  }
  ColumnValues& values = column.values;
  for (size_t row = 0; row < values.size(); ++row) {
    const double value = values[row];
    if (!IsMissing(value)) values.Set(row, remap[static_cast<size_t>(value)]);
  }
  column.is_text = true;
}

std::string Column::LabelOf(double code) const {
  if (IsMissing(code)) return "";  // NaN would compare "equal" to any key of the map
  const auto it = value_labels.find(code);
  return it != value_labels.end() ? it->second : FormatNumber(code);
}

double Column::CodeOf(std::string_view text) const {
  for (const auto& [code, code_label] : value_labels) {
    if (code_label == text) return code;
  }
  return kMissing;
}

Table::Table(std::vector<Column> columns, size_t rows) : rows_(rows) {
  for (auto& column : columns) Put(std::move(column));
}

const Column* Table::Find(std::string_view name) const {
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &columns_[it->second];
}

Column* Table::FindMutable(std::string_view name) {
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &columns_[it->second];
}

std::vector<std::string> Table::Names() const {
  std::vector<std::string> names;
  names.reserve(columns_.size());
  for (const auto& column : columns_) names.push_back(column.name);
  return names;
}

void Table::ReorderRows(const std::vector<uint32_t>& order, int threads) {
  core::ParallelFor(columns_.size(), static_cast<size_t>(std::max(1, threads)),
                    [&](size_t, size_t c) { columns_[c].values.Reorder(order); });
  std::vector<uint32_t> source(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    source[i] = static_cast<uint32_t>(SourceRow(order[i]));
  }
  source_row_ = std::move(source);
}

std::string Table::RowRef(size_t row, const std::string& fallback_file) const {
  row = SourceRow(row);
  std::string file = fallback_file;
  size_t first = 0;
  for (const auto& segment : segments_) {
    if (segment.first_row > row) break;
    file = segment.file;
    first = segment.first_row;
  }
  const size_t local = row - first + 1;
  const bool csv = file.size() >= 4 && (file.compare(file.size() - 4, 4, ".csv") == 0 ||
                                        file.compare(file.size() - 4, 4, ".CSV") == 0);
  std::string out = file.empty() ? "" : file + ": ";
  out += "row " + std::to_string(local);
  if (csv || file.empty()) out += " (line " + std::to_string(local + 1) + ")";
  return out;
}

std::vector<std::string> Table::AllNames() const {
  std::vector<std::string> names = Names();
  names.insert(names.end(), unloaded_.begin(), unloaded_.end());
  return names;
}

void Table::Put(Column column) {
  if (columns_.empty() && rows_ == 0) rows_ = column.values.size();
  assert(column.values.size() == rows_ && "Table::Put: column length must equal row count");
  if (const auto it = index_.find(column.name); it != index_.end()) {
    columns_[it->second] = std::move(column);
    return;
  }
  index_.emplace(column.name, columns_.size());
  columns_.push_back(std::move(column));
}

bool GlobMatch(std::string_view pattern, std::string_view name) {
  size_t p = 0;
  size_t n = 0;
  size_t star = std::string_view::npos;
  size_t resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool NameWanted(const std::set<std::string>* wanted, std::string_view name) {
  if (wanted == nullptr || wanted->count(std::string(name)) > 0) return true;
  for (const std::string& entry : *wanted) {
    if (entry.find_first_of("*?") != std::string::npos && GlobMatch(entry, name)) return true;
  }
  return false;
}

}  // namespace inspire::survey
