// Reads a survey from CSV (RFC 4180, UTF-8, header row) into a Table.
// Each column is numeric if every non-missing field parses as a number, else text. Fields that
// are empty, "NA" or "." are missing. Text values are coded 1..k in sorted order, with the text as
// the value label, so recipes can compare them with strings and outputs can show them.
#ifndef INSPIRE_SURVEY_CSV_READER_H_
#define INSPIRE_SURVEY_CSV_READER_H_

#include <set>
#include <string>
#include <string_view>

#include "core/error.h"
#include "survey/table.h"

namespace inspire::survey {

// Parses `text`, the contents of the file `file_name` (used in messages). Errors (kParse), each
// naming the file, the line and, where it applies, the column:
//  - an empty file or a header with an empty or duplicate column name;
//  - a row with more or fewer fields than the header;
//  - invalid UTF-8; a quote that is never closed; text after a closing quote.
// A leading UTF-8 byte-order mark is skipped; CRLF line ends are accepted.
// If `wanted` is given, only those columns are stored (the others are checked for shape but not
// parsed, and listed by Table::AllNames()).
core::Result<Table> ParseCsv(std::string_view text, const std::string& file_name,
                             const std::set<std::string>* wanted = nullptr);

// Reads and parses a CSV file. Errors: those of core::ReadFile and ParseCsv.
core::Result<Table> ReadCsv(const std::string& path, const std::set<std::string>* wanted = nullptr);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_CSV_READER_H_
