#include "survey/stack.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace inspire::survey {
namespace {

std::string FileOf(const Table& table) {
  return table.segments().empty() ? "input" : table.segments().front().file;
}

}  // namespace

core::Result<Table> StackTables(std::vector<Table> tables) {
  std::vector<std::string> order;
  std::map<std::string, size_t> first_table;
  size_t rows = 0;
  for (size_t t = 0; t < tables.size(); ++t) {
    for (const auto& column : tables[t].columns()) {
      if (first_table.emplace(column.name, t).second) order.push_back(column.name);
      const Column& first = *tables[first_table[column.name]].Find(column.name);
      if (first.is_text != column.is_text) {
        return core::Fail(core::ErrorCode::kValidation,
                          fmt::format("variable '{}' is {} in {} but {} in {}; stacked files must "
                                      "agree",
                                      column.name, first.is_text ? "text" : "numeric",
                                      FileOf(tables[first_table[column.name]]),
                                      column.is_text ? "text" : "numeric", FileOf(tables[t])));
      }
    }
    rows += tables[t].rows();
  }
  std::vector<Column> columns;
  for (const auto& name : order) {
    Column out;
    const Column& first = *tables[first_table[name]].Find(name);
    out.name = name;
    out.label = first.label;
    out.values.reserve(rows);
    std::unordered_map<std::string, double> text_codes;  // text columns: text -> provisional code
    for (const auto& table : tables) {
      const Column* column = table.Find(name);
      if (column == nullptr) {
        out.values.Append(table.rows(), kMissing);
        continue;
      }
      if (!column->is_text) {
        out.values.Append(column->values);
        for (const auto& entry : column->value_labels) out.value_labels.insert(entry);
        continue;
      }
      for (const double code : column->values) {
        if (IsMissing(code)) {
          out.values.push_back(kMissing);
          continue;
        }
        const std::string text = column->LabelOf(code);
        out.values.push_back(
            text_codes.emplace(text, static_cast<double>(text_codes.size() + 1)).first->second);
      }
    }
    if (first.is_text) FinishTextColumn(out, text_codes);
    columns.push_back(std::move(out));
  }
  Column file_column;
  file_column.name = kFileColumn;
  file_column.values.reserve(rows);
  std::vector<Table::Segment> segments;
  std::vector<std::string> unloaded;
  size_t first_row = 0;
  for (size_t t = 0; t < tables.size(); ++t) {
    const auto index = static_cast<double>(t + 1);
    file_column.values.Append(tables[t].rows(), index);
    file_column.value_labels[index] = FileOf(tables[t]);
    segments.push_back({FileOf(tables[t]), first_row});
    first_row += tables[t].rows();
    for (const auto& name : tables[t].AllNames()) {
      if (first_table.count(name) == 0) unloaded.push_back(name);
    }
  }
  columns.push_back(std::move(file_column));
  Table stacked(std::move(columns), rows);
  stacked.SetSegments(std::move(segments));
  std::sort(unloaded.begin(), unloaded.end());
  unloaded.erase(std::unique(unloaded.begin(), unloaded.end()), unloaded.end());
  stacked.SetUnloaded(std::move(unloaded));
  return stacked;
}

}  // namespace inspire::survey
