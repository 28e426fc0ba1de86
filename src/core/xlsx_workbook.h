// An XLSX workbook: sheets of text and numbers with a few number formats, written through
// libxlsxwriter (core/xlsx_workbook.cc is the only file that includes <xlsxwriter.h>).
#ifndef INSPIRE_CORE_XLSX_WORKBOOK_H_
#define INSPIRE_CORE_XLSX_WORKBOOK_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"

namespace inspire::core {

class XlsxWorkbook {
 public:
  // How a cell shows: plain, bold (headers and keys), 0.0%, 0.0000 or a whole number.
  enum class Style { kPlain, kHeader, kPercent, kDecimal, kInteger };

  // A workbook that Close writes to `path` (kIo when it cannot be started).
  static Result<XlsxWorkbook> Create(const std::filesystem::path& path);
  XlsxWorkbook(XlsxWorkbook&&) noexcept;
  XlsxWorkbook& operator=(XlsxWorkbook&&) noexcept;
  // Closes the workbook if Close was not called (what it wrote is then left to the caller).
  ~XlsxWorkbook();

  // Adds a sheet named `name` (1-31 characters Excel accepts; the caller makes it so) and returns
  // its number; kIo when libxlsxwriter refuses the name.
  Result<size_t> AddSheet(const std::string& name);
  // Writes a cell of sheet `sheet` (a number AddSheet returned). Rows and columns count from 0.
  void Text(size_t sheet, uint32_t row, uint16_t column, const std::string& text,
            Style style = Style::kPlain);
  void Number(size_t sheet, uint32_t row, uint16_t column, double value,
              Style style = Style::kPlain);
  // Columns first..last of `sheet` get `width` characters.
  void ColumnWidth(size_t sheet, uint16_t first, uint16_t last, double width);
  // Cells first_row..last_row of `column` accept only one of `choices` (a drop-down list in
  // spreadsheet programs; the choices together at most 255 characters, else the list is left
  // out and kValidation returned).
  Result<void> ChoiceList(size_t sheet, uint32_t first_row, uint32_t last_row, uint16_t column,
                          const std::vector<std::string>& choices);
  // The first row of `sheet` stays in view when scrolling.
  void FreezeTopRow(size_t sheet);
  // Writes the file; kIo when it cannot. Nothing may be written after.
  Result<void> Close();

 private:
  struct Impl;
  explicit XlsxWorkbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A workbook made by `fill` in a private temporary file, closed, read back and removed: its
// bytes, or the first error of `fill`, of writing or of reading.
Result<std::string> XlsxBytes(const std::function<Result<void>(XlsxWorkbook&)>& fill);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_XLSX_WORKBOOK_H_
