// Fuzzes the XLSX reader (core::ReadXlsx), outside input that a round's filled workbook passes
// through. Half the inputs go in as they are (any bytes: the ZIP layer); the other half are cut
// at "\n--\n" into the workbook's parts (workbook.xml, its relationships, the shared strings,
// one sheet) and zipped here, so that the XML layer sees well-formed archives. Any input is read
// or refused with a message, never a crash or a hang; a workbook that is read keeps within the
// limits and reads the same again.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/xlsx_reader.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

// The parts zipped (stored, not compressed), or "" when libzip refuses.
std::string Zipped(const std::vector<std::string>& parts) {
  static const char* const kNames[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                       "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"};
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (source == nullptr) return "";
  zip_source_keep(source);
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, nullptr);
  if (archive == nullptr) {
    zip_source_free(source);
    return "";
  }
  for (size_t i = 0; i < parts.size() && i < 4; ++i) {
    zip_source_t* part = zip_source_buffer(archive, parts[i].data(), parts[i].size(), 0);
    const zip_int64_t index = zip_file_add(archive, kNames[i], part, ZIP_FL_OVERWRITE);
    if (index >= 0)
      zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  std::string bytes;
  if (zip_close(archive) == 0 && zip_source_open(source) == 0) {
    char buffer[4096];
    for (zip_int64_t got; (got = zip_source_read(source, buffer, sizeof buffer)) > 0;) {
      bytes.append(buffer, static_cast<size_t>(got));
    }
    zip_source_close(source);
  } else if (zip_close(archive) != 0) {
    zip_discard(archive);
  }
  zip_source_free(source);
  return bytes;
}

std::vector<std::string> Parts(std::string_view input) {
  std::vector<std::string> parts;
  size_t from = 0;
  while (parts.size() < 4) {
    const size_t at = input.find("\n--\n", from);
    parts.emplace_back(
        input.substr(from, at == std::string_view::npos ? input.size() - from : at - from));
    if (at == std::string_view::npos) break;
    from = at + 4;
  }
  return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string bytes = data[0] % 2 == 0 ? std::string(input) : Zipped(Parts(input));
  inspire::core::XlsxLimits limits;
  limits.max_rows = 2000;
  limits.max_cells = 20000;
  const auto sheets = inspire::core::ReadXlsx(bytes, "fuzz.xlsx", limits);
  if (!sheets) {
    Check(!sheets.error().message.empty());
    return 0;
  }
  size_t cells = 0;
  Check(sheets->size() <= limits.max_sheets);
  for (const auto& sheet : *sheets) {
    Check(sheet.rows.size() <= limits.max_rows);
    for (const auto& row : sheet.rows) {
      Check(row.size() <= limits.max_columns);
      cells += row.size();
    }
  }
  Check(cells <= limits.max_cells * limits.max_columns);
  const auto again = inspire::core::ReadXlsx(bytes, "fuzz.xlsx", limits);
  Check(again && again->size() == sheets->size());
  return 0;
}
