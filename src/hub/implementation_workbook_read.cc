// Reading a round's workbook back (hub/implementation_workbook.h): each sheet's rows become the
// round's fields or a section's items, then the hub's own checks run through UpdateRound and
// SaveSection, and a refusal is placed in the sheet ("laws!C5").
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "core/xlsx_reader.h"
#include "hub/implementation_fields.h"
#include "hub/implementation_rounds.h"
#include "hub/implementation_sections.h"
#include "hub/implementation_workbook.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;

// A section sheet's items with, for each, its row in the sheet (1-based) and, for each field,
// its column letters.
struct SheetItems {
  Json items = Json::array();
  std::vector<size_t> rows;
  std::map<std::string, std::string> columns;
};

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// A cell's text as the field's value: numbers as numbers (text the hub then refuses naming the
// field when it is not one), lists split at ';'.
Json CellValue(const FieldSpec& field, const std::string& text) {
  if (field.type == FieldType::kChoices) {
    Json list = Json::array();
    size_t from = 0;
    while (from <= text.size()) {
      const size_t to = std::min(text.find(';', from), text.size());
      const std::string part = Trimmed(text.substr(from, to - from));
      if (!part.empty()) list.push_back(part);
      from = to + 1;
    }
    return list;
  }
  if (field.type == FieldType::kYear || field.type == FieldType::kAmount ||
      field.type == FieldType::kNumber) {
    double number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || end != text.data() + text.size()) return text;
    if (field.type == FieldType::kYear &&
        number == static_cast<double>(static_cast<int64_t>(number))) {
      return static_cast<int64_t>(number);
    }
    return number;
  }
  return text;
}

std::string Cell(const std::vector<std::string>& row, size_t column) {
  return column < row.size() ? Trimmed(row[column]) : "";
}

core::Error Placed(const std::string& sheet, const std::string& column, size_t row,
                   core::Error error) {
  error.field = fmt::format("{}!{}{}", sheet, column, row);
  error.message = fmt::format("sheet '{}', cell {}{}: {}", sheet, column, row, error.message);
  return error;
}

// The rows of a section sheet as items; an unknown column header is refused in its cell.
core::Result<SheetItems> ReadSection(const core::XlsxSheet& sheet, const RecordFields& fields) {
  SheetItems read;
  if (sheet.rows.empty()) return read;
  std::vector<const FieldSpec*> by_column;
  for (size_t c = 0; c < sheet.rows[0].size(); ++c) {
    const std::string header = Cell(sheet.rows[0], c);
    const FieldSpec* field = fields.Find(header);
    if (field != nullptr && !SetByHub(*field)) {
      read.columns[field->name] = core::ColumnLetters(c);
    } else if (!header.empty() && header != "about") {
      return tl::unexpected(Placed(
          sheet.name, core::ColumnLetters(c), 1,
          {ErrorCode::kValidation, fmt::format("'{}' is not a column of this sheet", header), {}}));
    } else {
      field = nullptr;
    }
    by_column.push_back(field);
  }
  for (size_t r = 1; r < sheet.rows.size(); ++r) {
    Json item = Json::object();
    bool answered = false;
    for (size_t c = 0; c < by_column.size(); ++c) {
      const std::string text = Cell(sheet.rows[r], c);
      if (by_column[c] == nullptr || text.empty()) continue;
      item[by_column[c]->name] = CellValue(*by_column[c], text);
      const bool key = IsSectionKeyField(by_column[c]->name);
      answered = answered || (!key && text != "unknown");
    }
    if (!answered) continue;  // a blank row (a grid row with its key only) is no answer
    read.items.push_back(std::move(item));
    read.rows.push_back(r + 1);
  }
  return read;
}

// The round sheet's "field, value" rows as the round's fields.
core::Result<Json> ReadRoundSheet(const core::XlsxSheet& sheet,
                                  std::map<std::string, size_t>& rows) {
  Json fields = Json::object();
  for (size_t r = 1; r < sheet.rows.size(); ++r) {
    const std::string name = Cell(sheet.rows[r], 0);
    if (name.empty()) continue;
    const FieldSpec* field = RoundFields().Find(name);
    if (field == nullptr || SetByHub(*field) || name == "country" || name == "copied_from") {
      return tl::unexpected(Placed(
          sheet.name, "A", r + 1,
          {ErrorCode::kValidation, fmt::format("'{}' is not a field of a round", name), {}}));
    }
    const std::string text = Cell(sheet.rows[r], 1);
    rows[name] = r + 1;
    if (!text.empty()) {
      fields[name] = CellValue(*field, text);
    } else if (field->type == FieldType::kChoices) {
      fields[name] = Json::array();
    } else if (field->type == FieldType::kYear || field->type == FieldType::kAmount ||
               field->type == FieldType::kNumber) {
      fields[name] = nullptr;
    } else if (field->type != FieldType::kChoice) {  // an empty choice keeps its answer
      fields[name] = "";
    }
  }
  return fields;
}

// The hub's refusal of "<section>[i].<field>" placed in its cell.
core::Error PlaceSectionError(const std::string& section, const SheetItems& read,
                              core::Error error) {
  const std::string start = section + "[";
  size_t index = 0;
  if (error.field.rfind(start, 0) != 0) return error;
  const char* first = error.field.data() + start.size();
  const auto [end, ec] = std::from_chars(first, error.field.data() + error.field.size(), index);
  if (ec != std::errc() || index >= read.rows.size() || *end != ']') return error;
  const std::string name = *(end + 1) == '.' ? std::string(end + 2) : "";
  const auto column = read.columns.find(name);
  return Placed(section, column == read.columns.end() ? "A" : column->second, read.rows[index],
                std::move(error));
}

core::Result<void> ApplyRound(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, int64_t id, const core::XlsxSheet& sheet) {
  std::map<std::string, size_t> rows;
  INSPIRE_ASSIGN_OR_RETURN(const Json fields, ReadRoundSheet(sheet, rows));
  const auto updated = UpdateRound(db, catalogue, actor, id, fields);
  if (updated) return {};
  const auto row = rows.find(updated.error().field);
  if (row == rows.end()) return tl::unexpected(updated.error());
  return tl::unexpected(Placed(sheet.name, "B", row->second, updated.error()));
}

}  // namespace

core::Result<Json> ApplyRoundWorkbook(store::Connection& db, const catalogue::Catalogue& catalogue,
                                      const Actor& actor, int64_t id, std::string_view bytes) {
  INSPIRE_RETURN_IF_ERROR(EditableRound(db, actor, id));
  INSPIRE_ASSIGN_OR_RETURN(const auto sheets, core::ReadXlsx(bytes, "the workbook"));
  Json applied = Json::array();
  for (const core::XlsxSheet& sheet : sheets) {
    if (sheet.name == "round") {
      INSPIRE_RETURN_IF_ERROR(ApplyRound(db, catalogue, actor, id, sheet));
      applied.push_back(sheet.name);
      continue;
    }
    const RecordFields* fields = SectionFields(sheet.name);
    if (fields == nullptr) continue;  // "lists" and sheets of the filler's own
    INSPIRE_ASSIGN_OR_RETURN(const SheetItems read, ReadSection(sheet, *fields));
    const auto saved = SaveSection(db, catalogue, actor, id, sheet.name, read.items);
    if (!saved) return tl::unexpected(PlaceSectionError(sheet.name, read, saved.error()));
    applied.push_back(sheet.name);
  }
  INSPIRE_ASSIGN_OR_RETURN(Json round, GetRound(db, actor, id));
  return Json{{"round", std::move(round)}, {"sheets", std::move(applied)}};
}

}  // namespace inspire::hub
