// XLSX exports through libxlsxwriter, which writes to a file: the workbook is written to a
// private temporary file, read back and removed.
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>

#include "core/file.h"
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
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return core::Fail(core::ErrorCode::kIo, "cannot start an XLSX file");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.substr(0, 31).c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  for (size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), columns[c].name.c_str(), bold);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  lxw_row_t row = 1;
  for (const Json& item : items) {
    for (size_t c = 0; c < columns.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (!item.contains(columns[c].name)) continue;
      const Json& value = item[columns[c].name];
      if (value.is_null()) continue;
      if (value.is_number()) {
        worksheet_write_number(sheet, row, col, value.get<double>(), nullptr);
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
      worksheet_write_string(sheet, row, col, text.c_str(), nullptr);
    }
    ++row;
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) {
    return core::Fail(core::ErrorCode::kIo, "cannot write the XLSX file");
  }
  return core::ReadFile(path);
}

}  // namespace inspire::hub
