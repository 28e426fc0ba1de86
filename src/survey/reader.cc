#include "survey/reader.h"

#include <algorithm>
#include <filesystem>

#include "survey/csv_reader.h"
#include "survey/readstat_reader.h"
#include "survey/stack.h"

namespace inspire::survey {

core::Result<Table> ReadSurvey(const std::string& path, const std::set<std::string>* wanted,
                               int threads, bool keep_missing_codes) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto table = [&]() -> core::Result<Table> {
    if (extension == ".csv") return ReadCsv(path, wanted, threads);
    if (extension == ".sav" || extension == ".zsav") {
      return ReadStatFile(path, StatFormat::kSav, wanted, keep_missing_codes);
    }
    if (extension == ".dta") {
      return ReadStatFile(path, StatFormat::kDta, wanted, keep_missing_codes);
    }
    return core::Fail(core::ErrorCode::kUnsupported,
                      path + ": unknown file type '" + extension +
                          "'; expected .csv, .sav, .zsav (SPSS) or .dta (Stata)");
  }();
  if (table) table->SetSource(std::filesystem::path(path).filename().string());
  return table;
}

core::Result<Table> ReadSurveys(const std::vector<std::string>& paths,
                                const std::set<std::string>* wanted, int threads,
                                bool keep_missing_codes) {
  if (paths.size() == 1) return ReadSurvey(paths[0], wanted, threads, keep_missing_codes);
  std::vector<Table> tables;
  for (const auto& path : paths) {
    INSPIRE_ASSIGN_OR_RETURN(Table table, ReadSurvey(path, wanted, threads, keep_missing_codes));
    tables.push_back(std::move(table));
  }
  return StackTables(std::move(tables));
}

}  // namespace inspire::survey
