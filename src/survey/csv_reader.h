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
// A file without quote characters is cut at line ends and parsed on up to `threads` threads
// (0: one per core); the result does not depend on the number of threads.
core::Result<Table> ParseCsv(std::string_view text, const std::string& file_name,
                             const std::set<std::string>* wanted = nullptr, int threads = 0);

// ParseCsv with chunks of at least `min_chunk_bytes` (ParseCsv: 4 MB), so that tests and fuzzers
// can check on small inputs that chunked parsing gives what one chunk gives.
core::Result<Table> ParseCsvInChunks(std::string_view text, const std::string& file_name,
                                     int threads, size_t min_chunk_bytes);

// Maps and parses a CSV file, letting parsed pages go. Errors: those of core::MappedFile::Open and
// ParseCsv.
core::Result<Table> ReadCsv(const std::string& path, const std::set<std::string>* wanted = nullptr,
                            int threads = 0);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_CSV_READER_H_
