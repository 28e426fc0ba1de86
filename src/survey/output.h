// Writing estimates: CSV, JSON (with the provenance block) and XLSX (one sheet per indicator plus
// a provenance sheet). Suppressed rows are written with empty estimate, se, ci and deff in every
// format (DESIGN.md invariant 2). Files are written atomically: on error nothing is left behind.
#ifndef INSPIRE_SURVEY_OUTPUT_H_
#define INSPIRE_SURVEY_OUTPUT_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "survey/estimate.h"

namespace inspire::survey {

// Where the numbers came from, written with every JSON and XLSX output.
struct Provenance {
  struct Input {
    std::string file;  // file name without its folder
    std::string sha256;
    size_t rows = 0;
  };
  std::vector<Input> inputs;  // one per data file, in the order given
  std::string recipe;         // "builtin:NAME" or the path
  std::string recipe_sha256;
  size_t rows = 0;
  size_t strata = 0;  // 0 for a replicate design
  size_t psus = 0;    // 0 for a replicate design
  // A replicate design's type ("" for strata and PSUs), number of replicates, scale and whether
  // the replicates are centred on the full-sample estimate (mse).
  struct Replicates {
    std::string type;
    size_t count = 0;
    double scale = 0;
    bool mse = false;
  } replicates;
  double design_df = 0;  // PSUs minus strata of the whole design (rows with a weight > 0)
  std::string df_rule;   // how each row's df was counted: "domain", "universe" or "design"
  std::string lonely_psu;
  std::vector<std::string> lonely_strata;
  std::string ci_method;
  double level = 0.95;
  double min_n = 25;
  double caution_n = 50;
  std::vector<std::string> warnings;  // about the numbers (pipeline.h TotalWarnings)
  std::string tool_version;
  std::string created_at;  // UTC, ISO 8601
};

// The output columns, in order (a contract: other programs read them).
const std::vector<std::string>& OutputColumns();

// One row's fields as text, in OutputColumns() order; missing numbers as "".
std::vector<std::string> RowFields(const EstimateRow& row);

std::string EstimatesCsv(const std::vector<EstimateRow>& rows);
nlohmann::ordered_json EstimatesJson(const std::vector<EstimateRow>& rows,
                                     const Provenance& provenance);

// Writes an XLSX workbook. Errors: kIo naming the path.
core::Result<void> WriteEstimatesXlsx(const std::filesystem::path& path,
                                      const std::vector<EstimateRow>& rows,
                                      const Provenance& provenance);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_OUTPUT_H_
