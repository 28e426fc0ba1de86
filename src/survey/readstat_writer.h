// Writes a Table as an SPSS .sav or Stata .dta file with ReadStat (this file and
// readstat_reader.cc are the only ones that include <readstat.h>).
#ifndef INSPIRE_SURVEY_READSTAT_WRITER_H_
#define INSPIRE_SURVEY_READSTAT_WRITER_H_

#include <string>

#include "core/error.h"
#include "survey/readstat_reader.h"
#include "survey/table.h"

namespace inspire::survey {

// Writes every column of `table` in order: numbers as doubles (NaN as system missing), text
// columns as strings; with their variable labels and value labels, and for SPSS their declared
// missing values and ranges (DeclaredMissing low/high; read with keep_missing_codes so the rows
// keep their codes). Stata has no user-missing values: the codes stay plain values there.
// The file is written next to `path` and renamed over it at the end, so a failure leaves no
// partial file. Errors (kValidation) name the variable the format refuses (a name too long or
// not allowed, a label too long) and ReadStat's reason; kIo naming `path`.
core::Result<void> WriteStatFile(const std::string& path, StatFormat format, const Table& table);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_READSTAT_WRITER_H_
