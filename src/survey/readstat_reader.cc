#include "survey/readstat_reader.h"

#include <fmt/format.h>
#include <readstat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <unordered_map>

namespace inspire::survey {
namespace {

struct Variable {
  Column column;
  bool skipped = false;
  bool is_string = false;
  std::string label_set;
  std::unordered_map<std::string, double> codes;  // string variables: text -> provisional code
};

struct Context {
  std::vector<Variable> variables;
  std::map<std::string, std::map<double, std::string>> label_sets;
  long long rows = 0;
  const std::set<std::string>* wanted = nullptr;
  bool keep_missing_codes = false;
};

double NumericValue(readstat_value_t value) {
  switch (readstat_value_type(value)) {
    case READSTAT_TYPE_INT8:
      return readstat_int8_value(value);
    case READSTAT_TYPE_INT16:
      return readstat_int16_value(value);
    case READSTAT_TYPE_INT32:
      return readstat_int32_value(value);
    case READSTAT_TYPE_FLOAT:
      return readstat_float_value(value);
    case READSTAT_TYPE_DOUBLE:
      return readstat_double_value(value);
    default:
      return kMissing;
  }
}

int OnMetadata(readstat_metadata_t* metadata, void* raw) {
  auto* context = static_cast<Context*>(raw);
  const int rows = readstat_get_row_count(metadata);
  context->rows = rows > 0 ? rows : 0;
  return READSTAT_HANDLER_OK;
}

// A declared missing value or range as written: "8", "98-99", "-inf-0" (SPSS LO THRU 0).
std::string RangeText(readstat_value_t lo, readstat_value_t hi) {
  const auto text = [](readstat_value_t value) {
    if (readstat_value_type(value) == READSTAT_TYPE_STRING) {
      const char* string = readstat_string_value(value);
      return std::string(string != nullptr ? string : "");
    }
    return FormatNumber(NumericValue(value));
  };
  const std::string low = text(lo);
  const std::string high = text(hi);
  return low == high ? low : low + "-" + high;
}

// The variable's declared missing values and ranges (SPSS), each with no rows yet.
std::vector<DeclaredMissing> DeclaredRanges(const readstat_variable_t* variable) {
  std::vector<DeclaredMissing> ranges;
  const int count = readstat_variable_get_missing_ranges_count(variable);
  ranges.reserve(static_cast<size_t>(std::max(count, 0)));
  for (int i = 0; i < count; ++i) {
    const readstat_value_t lo = readstat_variable_get_missing_range_lo(variable, i);
    const readstat_value_t hi = readstat_variable_get_missing_range_hi(variable, i);
    ranges.push_back({RangeText(lo, hi), 0, NumericValue(lo), NumericValue(hi)});
  }
  return ranges;
}

// Counts a declared missing value against its range, or its Stata tag (".a").
void CountDeclaredMissing(Column& column, const readstat_variable_t* variable,
                          readstat_value_t value) {
  if (readstat_value_is_tagged_missing(value)) {
    const std::string code = std::string(".") + readstat_value_tag(value);
    for (DeclaredMissing& entry : column.declared_missing) {
      if (entry.code == code) {
        ++entry.rows;
        return;
      }
    }
    column.declared_missing.push_back({code, 1, kMissing, kMissing});
    return;
  }
  const double x = NumericValue(value);
  const int count = readstat_variable_get_missing_ranges_count(variable);
  for (int i = 0; i < count && static_cast<size_t>(i) < column.declared_missing.size(); ++i) {
    const double lo = NumericValue(readstat_variable_get_missing_range_lo(variable, i));
    const double hi = NumericValue(readstat_variable_get_missing_range_hi(variable, i));
    if (x >= lo && x <= hi) {
      ++column.declared_missing[static_cast<size_t>(i)].rows;
      return;
    }
  }
}

int OnVariable(int index, readstat_variable_t* variable, const char* val_labels, void* raw) {
  auto* context = static_cast<Context*>(raw);
  if (index != static_cast<int>(context->variables.size())) return READSTAT_HANDLER_ABORT;
  Variable v;
  const char* name = readstat_variable_get_name(variable);
  const char* label = readstat_variable_get_label(variable);
  v.column.name = name != nullptr ? name : fmt::format("V{}", index + 1);
  v.column.label = label != nullptr ? label : "";
  v.is_string = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING;
  v.label_set = val_labels != nullptr ? val_labels : "";
  v.column.declared_missing = DeclaredRanges(variable);
  v.skipped = !NameWanted(context->wanted, v.column.name);
  if (!v.skipped) v.column.values.reserve(static_cast<size_t>(context->rows));
  const bool skipped = v.skipped;
  context->variables.push_back(std::move(v));
  return skipped ? READSTAT_HANDLER_SKIP_VARIABLE : READSTAT_HANDLER_OK;
}

int OnValue(int obs_index, readstat_variable_t* variable, readstat_value_t value, void* raw) {
  auto* context = static_cast<Context*>(raw);
  const int index = readstat_variable_get_index(variable);
  if (index < 0 || static_cast<size_t>(index) >= context->variables.size() || obs_index < 0) {
    return READSTAT_HANDLER_ABORT;
  }
  Variable& v = context->variables[static_cast<size_t>(index)];
  auto& values = v.column.values;
  if (values.size() != static_cast<size_t>(obs_index))
    values.resize(static_cast<size_t>(obs_index), kMissing);
  if (readstat_value_is_system_missing(value)) {
    values.push_back(kMissing);
    return READSTAT_HANDLER_OK;
  }
  if (readstat_value_is_tagged_missing(value) ||
      readstat_value_is_defined_missing(value, variable)) {
    const bool keep =
        context->keep_missing_codes && !v.is_string && !readstat_value_is_tagged_missing(value);
    values.push_back(keep ? NumericValue(value) : kMissing);
    if (!v.is_string) CountDeclaredMissing(v.column, variable, value);
    return READSTAT_HANDLER_OK;
  }
  if (v.is_string) {
    const char* text = readstat_string_value(value);
    if (text == nullptr || *text == '\0') {
      values.push_back(kMissing);
      return READSTAT_HANDLER_OK;
    }
    const auto [it, inserted] = v.codes.emplace(text, static_cast<double>(v.codes.size() + 1));
    values.push_back(it->second);
    return READSTAT_HANDLER_OK;
  }
  values.push_back(NumericValue(value));
  return READSTAT_HANDLER_OK;
}

int OnValueLabel(const char* val_labels, readstat_value_t value, const char* label, void* raw) {
  auto* context = static_cast<Context*>(raw);
  if (val_labels == nullptr || label == nullptr) return READSTAT_HANDLER_OK;
  if (readstat_value_type(value) == READSTAT_TYPE_STRING) return READSTAT_HANDLER_OK;
  if (readstat_value_is_tagged_missing(value) || readstat_value_is_system_missing(value)) {
    return READSTAT_HANDLER_OK;
  }
  context->label_sets[val_labels][NumericValue(value)] = label;
  return READSTAT_HANDLER_OK;
}

}  // namespace

core::Result<Table> ReadStatFile(const std::string& path, StatFormat format,
                                 const std::set<std::string>* wanted, bool keep_missing_codes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::Fail(core::ErrorCode::kNotFound, path + ": no such file");
  }
  Context context;
  context.wanted = wanted;
  context.keep_missing_codes = keep_missing_codes;
  readstat_parser_t* parser = readstat_parser_init();
  readstat_set_metadata_handler(parser, OnMetadata);
  readstat_set_variable_handler(parser, OnVariable);
  readstat_set_value_handler(parser, OnValue);
  readstat_set_value_label_handler(parser, OnValueLabel);
  const readstat_error_t error = format == StatFormat::kSav
                                     ? readstat_parse_sav(parser, path.c_str(), &context)
                                     : readstat_parse_dta(parser, path.c_str(), &context);
  readstat_parser_free(parser);
  const char* kind = format == StatFormat::kSav ? "an SPSS .sav/.zsav" : "a Stata .dta";
  if (error != READSTAT_OK) {
    return core::Fail(core::ErrorCode::kParse,
                      fmt::format("{}: cannot read it as {} file: {}", path, kind,
                                  readstat_error_message(error)));
  }
  size_t rows = 0;
  for (const auto& v : context.variables) rows = std::max(rows, v.column.values.size());
  std::vector<Column> columns;
  std::vector<std::string> unloaded;
  columns.reserve(context.variables.size());
  for (auto& v : context.variables) {
    if (v.skipped) {
      unloaded.push_back(v.column.name);
      continue;
    }
    v.column.values.resize(rows, kMissing);
    if (v.is_string) {
      FinishTextColumn(v.column, v.codes);
    } else if (const auto it = context.label_sets.find(v.label_set);
               it != context.label_sets.end()) {
      v.column.value_labels = it->second;
    }
    columns.push_back(std::move(v.column));
  }
  if (context.variables.empty()) {
    return core::Fail(core::ErrorCode::kParse, path + ": the file has no variables");
  }
  Table table(std::move(columns), rows);
  table.SetUnloaded(std::move(unloaded));
  return table;
}

}  // namespace inspire::survey
