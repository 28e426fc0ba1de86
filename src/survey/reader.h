// Opens a survey file by its extension: .csv, .sav/.zsav (SPSS), .dta (Stata).
#ifndef INSPIRE_SURVEY_READER_H_
#define INSPIRE_SURVEY_READER_H_

#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "survey/table.h"

namespace inspire::survey {

// Reads the file. Errors: kUnsupported for another extension (listing those accepted), and the
// readers' own errors.
// `wanted`, if given, limits the columns stored to those named (see VariablesUsed in recipe.h).
// `threads` bounds the threads a CSV file is parsed on (0: one per core). With
// `keep_missing_codes`, SPSS user-missing values keep their codes (ReadStatFile), for writing the
// file out again.
core::Result<Table> ReadSurvey(const std::string& path,
                               const std::set<std::string>* wanted = nullptr, int threads = 0,
                               bool keep_missing_codes = false);

// Reads several files and stacks them (StackTables); one file is read as ReadSurvey does.
core::Result<Table> ReadSurveys(const std::vector<std::string>& paths,
                                const std::set<std::string>* wanted = nullptr, int threads = 0,
                                bool keep_missing_codes = false);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_READER_H_
