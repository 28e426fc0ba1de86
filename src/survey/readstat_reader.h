// Reads SPSS (.sav, .zsav) and Stata (.dta) files into a Table with ReadStat (this file and
// readstat_writer.cc are the only ones that include <readstat.h>). Variable labels and value labels
// are kept; system-missing, Stata extended missing (.a-.z) and SPSS user-declared missing values
// become missing. String variables are coded 1..k in sorted order with the text as value label (as
// in csv_reader.h).
#ifndef INSPIRE_SURVEY_READSTAT_READER_H_
#define INSPIRE_SURVEY_READSTAT_READER_H_

#include <set>
#include <string>

#include "core/error.h"
#include "survey/table.h"

namespace inspire::survey {

enum class StatFormat { kSav, kDta };

// Reads `path`. Errors (kParse) name the file and ReadStat's reason (a truncated or corrupt
// file, a file that is not of the format its extension names); kNotFound if it does not exist.
// If `wanted` is given, only those variables are decoded (ReadStat skips the others). With
// `keep_missing_codes`, SPSS user-missing values keep their codes (for writing the file out
// again with the same declarations); Stata's tagged values still become missing.
core::Result<Table> ReadStatFile(const std::string& path, StatFormat format,
                                 const std::set<std::string>* wanted = nullptr,
                                 bool keep_missing_codes = false);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_READSTAT_READER_H_
