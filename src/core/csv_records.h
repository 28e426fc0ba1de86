// A reader for small CSV files of text records (RFC 4180): the bulk imports of the hub. Quoted
// fields may hold commas, quotes ("") and line breaks; CRLF or LF line ends; a UTF-8 byte-order
// mark is skipped; blank lines are skipped. Every record must have as many fields as the header.
// Errors (kParse) name the file and line: an unterminated quote, text after a closing quote, a
// record with too few or too many fields, bytes that are not UTF-8, an empty or duplicated
// header name.
#ifndef INSPIRE_CORE_CSV_RECORDS_H_
#define INSPIRE_CORE_CSV_RECORDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace inspire::core {

struct CsvRecords {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> lines;  // the line each row starts on (1-based; the header is line 1)
};

Result<CsvRecords> ReadCsvRecords(std::string_view text, std::string_view name);

// Is `text` valid UTF-8 (no overlong forms, no surrogates)?
bool IsValidUtf8(std::string_view text);
// The offset of the first byte that breaks UTF-8, or npos.
size_t FirstInvalidUtf8(std::string_view text);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_CSV_RECORDS_H_
