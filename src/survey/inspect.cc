#include "survey/inspect.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace inspire::survey {

VariableSummary Summarize(const Column& column, size_t rows, size_t max_values) {
  VariableSummary s;
  s.name = column.name;
  s.label = column.label;
  s.is_text = column.is_text;
  s.rows = rows;
  s.declared_missing = column.declared_missing;
  s.value_labels = column.is_text ? 0 : column.value_labels.size();
  s.min = std::numeric_limits<double>::infinity();
  s.max = -std::numeric_limits<double>::infinity();
  std::unordered_map<double, size_t> counts;
  for (size_t row = 0; row < rows && row < column.values.size(); ++row) {
    const double x = column.values[row];
    if (IsMissing(x)) {
      ++s.missing;
      continue;
    }
    s.min = std::min(s.min, x);
    s.max = std::max(s.max, x);
    if (s.more_values) continue;
    ++counts[x];
    if (counts.size() > max_values) {
      s.more_values = true;
      counts.clear();
    }
  }
  s.missing += rows > column.values.size() ? rows - column.values.size() : 0;
  if (s.missing == rows || s.is_text) {
    s.min = s.max = kMissing;
  }
  s.distinct = s.more_values ? max_values + 1 : counts.size();
  for (const auto& [value, count] : counts) {
    const auto label = column.value_labels.find(value);
    s.values.push_back(
        {value, label != column.value_labels.end() ? label->second : std::string(), count});
  }
  std::sort(s.values.begin(), s.values.end(),
            [](const ValueCount& a, const ValueCount& b) { return a.value < b.value; });
  return s;
}

std::vector<VariableSummary> SummarizeTable(const Table& table, size_t max_values) {
  std::vector<VariableSummary> out;
  out.reserve(table.columns().size());
  for (const Column& column : table.columns()) {
    out.push_back(Summarize(column, table.rows(), max_values));
  }
  return out;
}

nlohmann::ordered_json SummaryJson(const VariableSummary& s) {
  using Json = nlohmann::ordered_json;
  const auto number = [](double x) { return IsMissing(x) ? Json(nullptr) : Json(x); };
  Json declared = Json::array();
  for (const auto& d : s.declared_missing) declared.push_back({{"code", d.code}, {"rows", d.rows}});
  Json values = Json::array();
  for (const auto& v : s.values) {
    values.push_back({{"value", s.is_text ? Json(nullptr) : Json(v.value)},
                      {"label", v.label.empty() ? Json(nullptr) : Json(v.label)},
                      {"rows", v.rows}});
  }
  return {{"name", s.name},
          {"label", s.label},
          {"type", s.is_text ? "text" : "numeric"},
          {"rows", s.rows},
          {"missing", s.missing},
          {"declared_missing", declared},
          {"distinct", s.distinct},
          {"more_values", s.more_values},
          {"values", values},
          {"min", number(s.min)},
          {"max", number(s.max)},
          {"value_labels", s.value_labels}};
}

std::string ValuesText(const VariableSummary& s, size_t limit) {
  if (s.more_values) {
    if (s.is_text) return fmt::format("more than {} texts", s.distinct - 1);
    return fmt::format("more than {} values, {} to {}", s.distinct - 1, FormatNumber(s.min),
                       FormatNumber(s.max));
  }
  std::string text;
  for (size_t i = 0; i < s.values.size() && i < limit; ++i) {
    const ValueCount& v = s.values[i];
    if (!text.empty()) text += ", ";
    if (s.is_text) {
      text += fmt::format("\"{}\" ({})", v.label, v.rows);
    } else if (v.label.empty()) {
      text += fmt::format("{} ({})", FormatNumber(v.value), v.rows);
    } else {
      text += fmt::format("{} {} ({})", FormatNumber(v.value), v.label, v.rows);
    }
  }
  if (s.values.size() > limit) text += fmt::format(", … ({} values)", s.values.size());
  return text;
}

std::string MissingText(const VariableSummary& s) {
  std::string text = std::to_string(s.missing);
  std::string codes;
  for (const auto& d : s.declared_missing) {
    if (!codes.empty()) codes += ", ";
    codes += fmt::format("{} ({})", d.code, d.rows);
  }
  return codes.empty() ? text : text + ": " + codes;
}

}  // namespace inspire::survey
