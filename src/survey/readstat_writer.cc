#include "survey/readstat_writer.h"

#include <fmt/format.h>
#include <readstat.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/file.h"

namespace inspire::survey {
namespace {

using core::ErrorCode;
using core::Fail;

ssize_t WriteBytes(const void* bytes, size_t length, void* file) {
  const size_t written = std::fwrite(bytes, 1, length, static_cast<std::FILE*>(file));
  return written == length ? static_cast<ssize_t>(written) : -1;
}

struct WriterFree {
  void operator()(readstat_writer_t* writer) const { readstat_writer_free(writer); }
};

// The widest text of a text column, in bytes (at least 1, as the formats need).
size_t TextWidth(const Column& column) {
  size_t width = 1;
  for (const auto& entry : column.value_labels) width = std::max(width, entry.second.size());
  return width;
}

// Declares the variables: types, labels, value labels and (SPSS) missing values.
std::vector<readstat_variable_t*> DeclareVariables(readstat_writer_t* writer, StatFormat format,
                                                   const Table& table) {
  std::vector<readstat_variable_t*> variables;
  variables.reserve(table.columns().size());
  for (const Column& column : table.columns()) {
    readstat_variable_t* variable = readstat_add_variable(
        writer, column.name.c_str(), column.is_text ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE,
        column.is_text ? TextWidth(column) : 0);
    if (!column.label.empty()) readstat_variable_set_label(variable, column.label.c_str());
    if (!column.is_text && !column.value_labels.empty()) {
      readstat_label_set_t* labels =
          readstat_add_label_set(writer, READSTAT_TYPE_DOUBLE, column.name.c_str());
      for (const auto& [code, text] : column.value_labels) {
        readstat_label_double_value(labels, code, text.c_str());
      }
      readstat_variable_set_label_set(variable, labels);
    }
    if (format == StatFormat::kSav && !column.is_text) {
      for (const DeclaredMissing& missing : column.declared_missing) {
        if (IsMissing(missing.low) || IsMissing(missing.high)) continue;
        if (missing.low == missing.high) {
          readstat_variable_add_missing_double_value(variable, missing.low);
        } else {
          readstat_variable_add_missing_double_range(variable, missing.low, missing.high);
        }
      }
    }
    variables.push_back(variable);
  }
  return variables;
}

readstat_error_t WriteRow(readstat_writer_t* writer, const Table& table,
                          const std::vector<readstat_variable_t*>& variables, size_t row) {
  readstat_error_t error = readstat_begin_row(writer);
  for (size_t c = 0; c < variables.size() && error == READSTAT_OK; ++c) {
    const Column& column = table.columns()[c];
    const double value = column.values[row];
    if (IsMissing(value)) {
      error = readstat_insert_missing_value(writer, variables[c]);
    } else if (column.is_text) {
      error = readstat_insert_string_value(writer, variables[c], column.LabelOf(value).c_str());
    } else {
      error = readstat_insert_double_value(writer, variables[c], value);
    }
  }
  return error == READSTAT_OK ? readstat_end_row(writer) : error;
}

// Writes the whole file through `writer` into `file`.
core::Result<void> WriteAll(readstat_writer_t* writer, std::FILE* file, StatFormat format,
                            const Table& table, const std::string& path) {
  readstat_set_data_writer(writer, WriteBytes);
  const auto variables = DeclareVariables(writer, format, table);
  const long rows = static_cast<long>(table.rows());
  readstat_error_t error = format == StatFormat::kSav
                               ? readstat_begin_writing_sav(writer, file, rows)
                               : readstat_begin_writing_dta(writer, file, rows);
  if (error == READSTAT_OK) error = readstat_validate_metadata(writer);
  for (size_t c = 0; c < variables.size() && error == READSTAT_OK; ++c) {
    error = readstat_validate_variable(writer, variables[c]);
    if (error != READSTAT_OK) {
      return Fail(ErrorCode::kValidation,
                  fmt::format("{}: variable '{}' cannot be written to this format: {}", path,
                              table.columns()[c].name, readstat_error_message(error)));
    }
  }
  for (size_t row = 0; row < table.rows() && error == READSTAT_OK; ++row) {
    error = WriteRow(writer, table, variables, row);
  }
  if (error == READSTAT_OK) error = readstat_end_writing(writer);
  if (error != READSTAT_OK) {
    return Fail(ErrorCode::kIo,
                fmt::format("{}: cannot write the file: {}", path, readstat_error_message(error)));
  }
  return {};
}

}  // namespace

core::Result<void> WriteStatFile(const std::string& path, StatFormat format, const Table& table) {
  return core::WriteThroughTemporary(path, [&](std::FILE* file) {
    std::unique_ptr<readstat_writer_t, WriterFree> writer(readstat_writer_init());
    return WriteAll(writer.get(), file, format, table, path);
  });
}

}  // namespace inspire::survey
