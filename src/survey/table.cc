#include "survey/table.h"

#include <algorithm>
#include <cassert>
#include <charconv>

namespace inspire::survey {

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
  for (double& value : column.values) {
    if (!IsMissing(value)) value = remap[static_cast<size_t>(value)];
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

std::string Table::RowRef(size_t row, const std::string& fallback_file) const {
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

}  // namespace inspire::survey
