// Reading the cells of an XLSX workbook that a person filled in a spreadsheet program, as text:
// outside input, so every part is bounded (the archive's entries, the XML, rows, columns and
// cells) and a file that is not a workbook is refused naming the file and what is wrong. The
// archive is read by libzip and the XML by libxml2 (core/xlsx_reader.cc is the only file that
// includes either); no recursion follows the input's nesting.
#ifndef INSPIRE_CORE_XLSX_READER_H_
#define INSPIRE_CORE_XLSX_READER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace inspire::core {

// One sheet: its name and its cells as text, rows[r][c] counting from 0 (row 0 is the
// spreadsheet's row 1); a row is as long as its last cell, missing cells are "". Numbers are as
// the file stores them ("2019", "0.25"), booleans "TRUE" or "FALSE".
struct XlsxSheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;
};

// How much a workbook may hold.
struct XlsxLimits {
  size_t max_entry_bytes = 32u << 20;  // one part of the archive, uncompressed
  size_t max_sheets = 64;
  size_t max_rows = 20000;  // per sheet
  size_t max_columns = 256;
  size_t max_cells = 500000;  // in all
};

// The sheets of the workbook `bytes`, in the workbook's order. Errors: kParse naming `file_name`
// and the part at fault (not a ZIP archive, no workbook part, broken XML, a cell reference that
// is not one); kTooLarge when a limit is passed.
Result<std::vector<XlsxSheet>> ReadXlsx(std::string_view bytes, const std::string& file_name,
                                        const XlsxLimits& limits = {});

// A column's letters as spreadsheets name it: 0 -> "A", 25 -> "Z", 26 -> "AA".
std::string ColumnLetters(size_t column);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_XLSX_READER_H_
