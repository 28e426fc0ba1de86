// XLSX exports of records through core::XlsxWorkbook, which writes to a file: the workbook is
// written to a private temporary file, read back and removed.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/file.h"
#include "core/xlsx_workbook.h"
#include "hub/bulk.h"

namespace inspire::hub {

core::Result<std::string> RecordsToXlsx(const Json& items, const std::vector<BulkColumn>& columns,
                                        const std::string& sheet_name) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "inspire-export-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(pattern.data(), 5);
  if (fd < 0) return core::Fail(core::ErrorCode::kIo, "cannot make a temporary file for XLSX");
  ::close(fd);
  const std::string path = pattern;
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};
  using Style = core::XlsxWorkbook::Style;
  INSPIRE_ASSIGN_OR_RETURN(core::XlsxWorkbook workbook, core::XlsxWorkbook::Create(path));
  INSPIRE_ASSIGN_OR_RETURN(const size_t sheet, workbook.AddSheet(sheet_name.substr(0, 31)));
  for (size_t c = 0; c < columns.size(); ++c) {
    workbook.Text(sheet, 0, static_cast<uint16_t>(c), columns[c].name, Style::kHeader);
  }
  workbook.FreezeTopRow(sheet);
  uint32_t row = 1;
  for (const Json& item : items) {
    for (size_t c = 0; c < columns.size(); ++c) {
      const auto col = static_cast<uint16_t>(c);
      if (!item.contains(columns[c].name)) continue;
      const Json& value = item[columns[c].name];
      if (value.is_null()) continue;
      if (value.is_number()) {
        workbook.Number(sheet, row, col, value.get<double>());
        continue;
      }
      std::string text;
      if (value.is_string()) {
        text = value.get<std::string>();
      } else if (value.is_array() && columns[c].type == ColumnType::kList) {
        for (const Json& part : value) {
          if (!text.empty()) text += ';';
          text += part.is_string() ? part.get<std::string>() : part.dump();
        }
      } else {
        text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
      }
      workbook.Text(sheet, row, col, text);
    }
    ++row;
  }
  INSPIRE_RETURN_IF_ERROR(workbook.Close());
  return core::ReadFile(path);
}

}  // namespace inspire::hub
