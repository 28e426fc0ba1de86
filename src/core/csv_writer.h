// Writing CSV (RFC 4180): fields quoted only when they hold a comma, quote, CR or LF.
#ifndef INSPIRE_CORE_CSV_WRITER_H_
#define INSPIRE_CORE_CSV_WRITER_H_

#include <span>
#include <string>
#include <string_view>

namespace inspire::core {

// `field` as one CSV field: unchanged, or in double quotes with inner quotes doubled.
std::string CsvField(std::string_view field);

// One CSV record: the fields joined by commas, ending in "\n".
std::string CsvRecord(std::span<const std::string> fields);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_CSV_WRITER_H_
