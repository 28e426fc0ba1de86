// Writing CSV (RFC 4180): fields quoted only when they hold a comma, quote, CR or LF, and text
// that a spreadsheet would run as a formula neutralised (OWASP "CSV injection").
#ifndef INSPIRE_CORE_CSV_WRITER_H_
#define INSPIRE_CORE_CSV_WRITER_H_

#include <span>
#include <string>
#include <string_view>

namespace inspire::core {

// `field` as one CSV field: unchanged, or in double quotes with inner quotes doubled. Text that
// starts with `=`, `+`, `-`, `@`, a tab or a carriage return (after any leading apostrophes)
// and is not a number gets one more apostrophe in front, so that no spreadsheet takes it for a
// formula; numbers ("-0.5", "+3", "-1e-5") stay numbers. CsvUnprotect undoes it exactly.
std::string CsvField(std::string_view field);

// One CSV record: the fields joined by commas, ending in "\n".
std::string CsvRecord(std::span<const std::string> fields);

// The value CsvField protected: `cell` without the apostrophe CsvField added (a cell of
// apostrophes followed by a formula character loses one); any other cell unchanged. For readers
// of the CSV this program writes (hub imports), so that export then import changes nothing.
std::string CsvUnprotect(std::string_view cell);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_CSV_WRITER_H_
