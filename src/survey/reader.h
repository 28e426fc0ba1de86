// Opens a survey file by its extension: .csv, .sav/.zsav (SPSS), .dta (Stata).
#ifndef INSPIRE_SURVEY_READER_H_
#define INSPIRE_SURVEY_READER_H_

#include <string>

#include "core/error.h"
#include "survey/table.h"

namespace inspire::survey {

// Reads the file. Errors: kUnsupported for another extension (listing those accepted), and the
// readers' own errors.
core::Result<Table> ReadSurvey(const std::string& path);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_READER_H_
