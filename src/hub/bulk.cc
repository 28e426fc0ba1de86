#include "hub/bulk.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/csv_records.h"
#include "core/csv_writer.h"
#include "core/fault_point.h"
#include "core/json_parse.h"
#include "disclosure/estimate_columns.h"
#include "hub/activities.h"
#include "hub/organizations.h"
#include "hub/studies.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;

std::string Cell(const Json& value, ColumnType type) {
  if (value.is_null()) return "";
  switch (type) {
    case ColumnType::kText:
      return value.is_string() ? value.get<std::string>() : value.dump();
    case ColumnType::kList: {
      std::string joined;
      for (const Json& item : value) {
        if (!joined.empty()) joined += ';';
        joined += item.is_string() ? item.get<std::string>() : item.dump();
      }
      return joined;
    }
    case ColumnType::kJson:
      return value.dump(-1, ' ', false, Json::error_handler_t::replace);
    case ColumnType::kInteger:
    case ColumnType::kNumber:
      break;
  }
  if (value.is_number_float()) return fmt::format("{}", value.get<double>());
  return value.dump();
}

core::Result<Json> Typed(const std::string& raw, ColumnType type, const std::string& column,
                         size_t line) {
  const std::string cell = core::CsvUnprotect(raw);  // what the hub's own export protected
  const auto bad = [&](std::string_view expected) {
    return FailField(
        ErrorCode::kValidation, column,
        fmt::format("line {}, column {}: '{}' is not {}", line, column, cell, expected));
  };
  switch (type) {
    case ColumnType::kText:
      return Json(cell);
    case ColumnType::kList: {
      Json list = Json::array();
      size_t start = 0;
      while (start <= cell.size() && !cell.empty()) {
        const size_t end = std::min(cell.find(';', start), cell.size());
        std::string item = cell.substr(start, end - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty()) list.push_back(item);
        start = end + 1;
      }
      return list;
    }
    case ColumnType::kJson: {
      if (cell.empty()) return Json::array();
      auto parsed = core::ParseJson(cell, fmt::format("line {}, column {}", line, column));
      if (!parsed) return FailField(ErrorCode::kValidation, column, parsed.error().message);
      return std::move(*parsed);
    }
    case ColumnType::kInteger: {
      if (cell.empty()) return Json();
      int64_t value = 0;
      const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (ec != std::errc() || end != cell.data() + cell.size()) return bad("a whole number");
      return Json(value);
    }
    case ColumnType::kNumber: {
      if (cell.empty()) return Json();
      double value = 0;
      const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(value)) {
        return bad("a number");
      }
      return Json(value);
    }
  }
  return Json();
}

}  // namespace

std::vector<BulkColumn> ColumnsOf(const RecordFields& spec) {
  std::vector<BulkColumn> columns = {{"id", ColumnType::kInteger}};
  for (const FieldSpec& field : spec.fields) {
    if (field.hidden) continue;
    ColumnType type = ColumnType::kText;
    if (IsList(field.type)) {
      type = ColumnType::kList;
    } else if (field.type == FieldType::kObjects) {
      type = ColumnType::kJson;
    } else if (field.type == FieldType::kYear || field.type == FieldType::kOrganization ||
               field.type == FieldType::kRecordId || field.type == FieldType::kInteger) {
      type = ColumnType::kInteger;
    } else if (field.type == FieldType::kAmount || field.type == FieldType::kNumber) {
      type = ColumnType::kNumber;
    }
    columns.push_back({field.name, type});
  }
  columns.push_back({"created_at", ColumnType::kText});
  columns.push_back({"updated_at", ColumnType::kText});
  return columns;
}

const std::vector<BulkColumn>& OrganizationColumns() {
  static const std::vector<BulkColumn> columns = ColumnsOf(OrganizationFields());
  return columns;
}

const std::vector<BulkColumn>& ActivityColumns() {
  static const std::vector<BulkColumn> columns = ColumnsOf(ActivityFields());
  return columns;
}

const std::vector<BulkColumn>& StudyColumns() {
  static const std::vector<BulkColumn> columns = ColumnsOf(StudyFields());
  return columns;
}

const std::vector<BulkColumn>& EstimateColumns() {
  static const std::vector<BulkColumn> columns = [] {
    std::vector<BulkColumn> out = {{"country", ColumnType::kText},
                                   {"year", ColumnType::kInteger},
                                   {"source", ColumnType::kText}};
    for (const auto& column : disclosure::EstimateColumns()) {
      // df is a count of degrees of freedom, exported as the number it is stored as.
      const bool integer = column.value == disclosure::EstimateValue::kCount && column.name != "df";
      out.push_back({column.name, column.value == disclosure::EstimateValue::kText
                                      ? ColumnType::kText
                                  : integer ? ColumnType::kInteger
                                            : ColumnType::kNumber});
    }
    out.push_back({"published_at", ColumnType::kText});
    out.push_back({"level", ColumnType::kNumber});
    return out;
  }();
  return columns;
}

std::string RecordsToCsv(const Json& items, const std::vector<BulkColumn>& columns) {
  std::vector<std::string> fields;
  fields.reserve(columns.size());
  for (const auto& column : columns) fields.push_back(column.name);
  std::string out = core::CsvRecord(fields);
  for (const Json& item : items) {
    fields.clear();
    for (const auto& column : columns) {
      fields.push_back(item.contains(column.name) ? Cell(item[column.name], column.type) : "");
    }
    out += core::CsvRecord(fields);
  }
  return out;
}

core::Result<ImportRecords> RecordsFromCsv(std::string_view text,
                                           const std::vector<BulkColumn>& columns,
                                           std::string_view name) {
  INSPIRE_ASSIGN_OR_RETURN(const core::CsvRecords csv, core::ReadCsvRecords(text, name));
  std::vector<const BulkColumn*> typed;
  for (const std::string& header : csv.header) {
    const auto found = std::find_if(columns.begin(), columns.end(),
                                    [&](const BulkColumn& c) { return c.name == header; });
    if (found == columns.end()) {
      std::vector<std::string> names;
      names.reserve(columns.size());
      for (const auto& c : columns) names.push_back(c.name);
      return FailField(ErrorCode::kValidation, header,
                       fmt::format("{}: line 1: unknown column '{}'; expected some of: {}", name,
                                   header, fmt::join(names, ", ")));
    }
    typed.push_back(&*found);
  }
  ImportRecords out;
  for (size_t r = 0; r < csv.rows.size(); ++r) {
    Json record = Json::object();
    for (size_t c = 0; c < typed.size(); ++c) {
      const BulkColumn& column = *typed[c];
      if (column.name == "created_at" || column.name == "updated_at") continue;
      if (column.name == "id" && csv.rows[r][c].empty()) continue;  // a new record
      INSPIRE_ASSIGN_OR_RETURN(record[column.name],
                               Typed(csv.rows[r][c], column.type, column.name, csv.lines[r]));
    }
    out.records.push_back(std::move(record));
    out.lines.push_back(csv.lines[r]);
  }
  return out;
}

core::Result<ImportRecords> RecordsFromJson(const Json& body) {
  const Json* list = &body;
  if (body.is_object() && body.contains("items")) list = &body["items"];
  if (!list->is_array()) {
    return Fail(ErrorCode::kValidation,
                "an import is a JSON array of records, or {\"items\": [...]} as an export "
                "writes it");
  }
  ImportRecords out;
  for (size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_object()) {
      return FailField(ErrorCode::kValidation, fmt::format("records[{}]", i),
                       fmt::format("record {} is not a JSON object", i));
    }
    Json record = (*list)[i];
    record.erase("created_at");
    record.erase("updated_at");
    out.records.push_back(std::move(record));
  }
  return out;
}

core::Result<Json> ApplyImport(const ImportRecords& input, const ImportCreate& create,
                               const ImportUpdate& update) {
  int64_t created = 0;
  int64_t updated = 0;
  for (size_t i = 0; i < input.records.size(); ++i) {
    Json fields = input.records[i];
    core::Result<Json> done;
    if (fields.contains("id") && !fields["id"].is_null()) {
      if (!fields["id"].is_number_integer()) {
        done = FailField(ErrorCode::kValidation, "id", "id must be a record's whole-number id");
      } else {
        const int64_t id = fields["id"].get<int64_t>();
        fields.erase("id");
        done = update(id, fields);
        ++updated;
      }
    } else {
      fields.erase("id");
      done = create(fields);
      ++created;
    }
    if (!done) {
      core::Error error = done.error();
      const std::string where = input.lines.empty()
                                    ? fmt::format("record {}", i)
                                    : fmt::format("record {} (line {})", i, input.lines[i]);
      error.message = fmt::format("{}: {}", where, error.message);
      error.field = fmt::format("records[{}]{}{}", i, error.field.empty() ? "" : ".", error.field);
      return tl::unexpected(std::move(error));
    }
    core::FaultPoint(core::kFaultImportRecord);
  }
  return Json{{"rows", input.records.size()}, {"created", created}, {"updated", updated}};
}

}  // namespace inspire::hub
