// XLSX exports of records through core::XlsxBytes.
#include <fmt/format.h>

#include "core/xlsx_workbook.h"
#include "hub/bulk.h"

namespace inspire::hub {
namespace {

using Style = core::XlsxWorkbook::Style;

// One value as a cell's text: a list joined by ';' when its column is a list, else JSON.
std::string CellText(const Json& value, const BulkColumn& column) {
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_array() || column.type != ColumnType::kList) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  std::string text;
  for (const Json& part : value) {
    if (!text.empty()) text += ';';
    text += part.is_string() ? part.get<std::string>() : part.dump();
  }
  return text;
}

core::Result<void> FillSheet(core::XlsxWorkbook& workbook, const Json& items,
                             const std::vector<BulkColumn>& columns,
                             const std::string& sheet_name) {
  INSPIRE_ASSIGN_OR_RETURN(const size_t sheet, workbook.AddSheet(sheet_name.substr(0, 31)));
  for (size_t c = 0; c < columns.size(); ++c) {
    workbook.Text(sheet, 0, static_cast<uint16_t>(c), columns[c].name, Style::kHeader);
  }
  workbook.FreezeTopRow(sheet);
  uint32_t row = 1;
  for (const Json& item : items) {
    for (size_t c = 0; c < columns.size(); ++c) {
      const auto col = static_cast<uint16_t>(c);
      if (!item.contains(columns[c].name) || item[columns[c].name].is_null()) continue;
      const Json& value = item[columns[c].name];
      if (value.is_number()) {
        workbook.Number(sheet, row, col, value.get<double>());
      } else {
        workbook.Text(sheet, row, col, CellText(value, columns[c]));
      }
    }
    ++row;
  }
  return {};
}

}  // namespace

core::Result<std::string> RecordsToXlsx(const Json& items, const std::vector<BulkColumn>& columns,
                                        const std::string& sheet_name) {
  return core::XlsxBytes([&](core::XlsxWorkbook& workbook) -> core::Result<void> {
    return FillSheet(workbook, items, columns, sheet_name);
  });
}

}  // namespace inspire::hub
