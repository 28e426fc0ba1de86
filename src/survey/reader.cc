#include "survey/reader.h"

#include <algorithm>
#include <filesystem>

#include "survey/csv_reader.h"
#include "survey/readstat_reader.h"

namespace inspire::survey {

core::Result<Table> ReadSurvey(const std::string& path, const std::set<std::string>* wanted) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".csv") return ReadCsv(path, wanted);
  if (extension == ".sav" || extension == ".zsav") {
    return ReadStatFile(path, StatFormat::kSav, wanted);
  }
  if (extension == ".dta") return ReadStatFile(path, StatFormat::kDta, wanted);
  return core::Fail(core::ErrorCode::kUnsupported,
                    path + ": unknown file type '" + extension +
                        "'; expected .csv, .sav, .zsav (SPSS) or .dta (Stata)");
}

}  // namespace inspire::survey
