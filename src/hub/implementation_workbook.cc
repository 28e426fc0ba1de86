#include "hub/implementation_workbook.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "core/xlsx_reader.h"
#include "core/xlsx_workbook.h"
#include "hub/implementation_fields.h"
#include "hub/implementation_rounds.h"
#include "hub/implementation_sections.h"

namespace inspire::hub {
namespace {

using Style = core::XlsxWorkbook::Style;

constexpr uint32_t kBlankListRows = 20;  // rows offered for new plans and surveys
constexpr const char* kRoundSheet = "round";

// The fields a sheet of `section` has as columns (the round and what the hub sets aside).
std::vector<const FieldSpec*> Columns(const std::string& section) {
  std::vector<const FieldSpec*> columns;
  for (const FieldSpec& field : SectionFields(section)->fields) {
    if (!SetByHub(field)) columns.push_back(&field);
  }
  return columns;
}

// The fields of the round sheet: the round's own answers but its country and origin.
std::vector<const FieldSpec*> RoundRows() {
  std::vector<const FieldSpec*> rows;
  for (const FieldSpec& field : RoundFields().fields) {
    if (!SetByHub(field) && field.name != "country" && field.name != "copied_from") {
      rows.push_back(&field);
    }
  }
  return rows;
}

// The keys of a grid section's rows, with what each is, in catalogue order.
std::vector<std::pair<std::string, std::string>> GridRows(const std::string& section,
                                                          const catalogue::Catalogue& catalogue) {
  std::vector<std::pair<std::string, std::string>> rows;
  if (section == "laws") {
    for (const auto& law : catalogue.law_kinds()) rows.emplace_back(law.id, law.name);
  } else if (section == "approaches") {
    for (const auto& a : catalogue.approaches()) rows.emplace_back(a.id, a.name);
  } else if (section == "milestones") {
    for (const auto& m : Milestones()) rows.emplace_back(m, "");
  }
  return rows;
}

void WriteValue(core::XlsxWorkbook& book, size_t sheet, uint32_t row, uint16_t column,
                const Json& value) {
  if (value.is_null()) return;
  if (value.is_number()) return book.Number(sheet, row, column, value.get<double>());
  if (value.is_array()) {
    std::vector<std::string> parts;
    for (const Json& part : value) parts.push_back(part.get<std::string>());
    return book.Text(sheet, row, column, fmt::format("{}", fmt::join(parts, ";")));
  }
  book.Text(sheet, row, column, value.get<std::string>());
}

core::Result<void> WriteRoundSheet(core::XlsxWorkbook& book, const Json& round) {
  INSPIRE_ASSIGN_OR_RETURN(const size_t sheet, book.AddSheet(kRoundSheet));
  book.Text(sheet, 0, 0, "field", Style::kHeader);
  book.Text(sheet, 0, 1, "value", Style::kHeader);
  uint32_t row = 1;
  for (const FieldSpec* field : RoundRows()) {
    book.Text(sheet, row, 0, field->name, Style::kHeader);
    WriteValue(book, sheet, row, 1, round[field->name]);
    if (field->type == FieldType::kChoice) {
      INSPIRE_RETURN_IF_ERROR(book.ChoiceList(sheet, row, row, 1, field->choices));
    }
    ++row;
  }
  book.ColumnWidth(sheet, 0, 0, 22);
  book.ColumnWidth(sheet, 1, 1, 50);
  book.FreezeTopRow(sheet);
  return {};
}

core::Result<void> WriteSectionSheet(core::XlsxWorkbook& book, const std::string& section,
                                     const Json& items, const catalogue::Catalogue& catalogue) {
  INSPIRE_ASSIGN_OR_RETURN(const size_t sheet, book.AddSheet(section));
  const auto columns = Columns(section);
  const std::string key = SectionKeyField(section);
  const auto grid = GridRows(section, catalogue);
  const uint16_t base = key.empty() ? 0 : 2;  // grids: A the row's key, B what it is
  if (!key.empty()) {
    book.Text(sheet, 0, 0, key, Style::kHeader);
    book.Text(sheet, 0, 1, "about", Style::kHeader);
  }
  uint16_t column = base;
  for (const FieldSpec* field : columns) {
    if (field->name != key) book.Text(sheet, 0, column++, field->name, Style::kHeader);
  }
  const auto rows =
      static_cast<uint32_t>(key.empty() ? items.size() + kBlankListRows : grid.size());
  for (uint32_t r = 0; r < rows; ++r) {
    const Json* item = nullptr;
    if (key.empty()) {
      if (r < items.size()) item = &items[r];
    } else {
      book.Text(sheet, r + 1, 0, grid[r].first, Style::kHeader);
      book.Text(sheet, r + 1, 1, grid[r].second);
      for (const Json& candidate : items) {
        if (candidate[key] == grid[r].first) item = &candidate;
      }
    }
    uint16_t c = base;
    for (const FieldSpec* field : columns) {
      if (field->name == key) continue;
      if (item != nullptr) WriteValue(book, sheet, r + 1, c, (*item)[field->name]);
      ++c;
    }
  }
  uint16_t c = base;
  for (const FieldSpec* field : columns) {
    if (field->name == key) continue;
    if (field->type == FieldType::kChoice) {
      INSPIRE_RETURN_IF_ERROR(book.ChoiceList(sheet, 1, rows, c, field->choices));
    }
    ++c;
  }
  book.ColumnWidth(sheet, 0, static_cast<uint16_t>(c), 16);
  if (!key.empty()) book.ColumnWidth(sheet, 1, 1, 40);
  book.FreezeTopRow(sheet);
  return {};
}

// A sheet listing the answers each choice field allows ("lists"; ignored when read back).
core::Result<void> WriteListsSheet(core::XlsxWorkbook& book) {
  INSPIRE_ASSIGN_OR_RETURN(const size_t sheet, book.AddSheet("lists"));
  book.Text(sheet, 0, 0, "sheet", Style::kHeader);
  book.Text(sheet, 0, 1, "column", Style::kHeader);
  book.Text(sheet, 0, 2, "answers (several: separate with ;)", Style::kHeader);
  uint32_t row = 1;
  const auto list = [&](const std::string& where, const FieldSpec& field) {
    if (field.type != FieldType::kChoice && field.type != FieldType::kChoices) return;
    book.Text(sheet, row, 0, where);
    book.Text(sheet, row, 1, field.name);
    book.Text(sheet, row, 2, fmt::format("{}", fmt::join(field.choices, ", ")));
    ++row;
  };
  for (const FieldSpec* field : RoundRows()) list(kRoundSheet, *field);
  for (const auto& section : SectionNames()) {
    for (const FieldSpec* field : Columns(section)) list(section, *field);
  }
  book.ColumnWidth(sheet, 0, 1, 18);
  book.ColumnWidth(sheet, 2, 2, 80);
  return {};
}

}  // namespace

core::Result<std::string> RoundWorkbook(store::Connection& db,
                                        const catalogue::Catalogue& catalogue, const Actor& actor,
                                        int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(const Json round, GetRound(db, actor, id));
  return core::XlsxBytes([&](core::XlsxWorkbook& book) -> core::Result<void> {
    INSPIRE_RETURN_IF_ERROR(WriteRoundSheet(book, round));
    for (const auto& section : SectionNames()) {
      INSPIRE_RETURN_IF_ERROR(
          WriteSectionSheet(book, section, round["sections"][section], catalogue));
    }
    return WriteListsSheet(book);
  });
}

}  // namespace inspire::hub
