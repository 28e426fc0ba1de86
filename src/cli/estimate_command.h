// `inspire estimate DATA --recipe RECIPE ...`: survey microdata to INSPIRE indicators with
// design-based standard errors, confidence intervals and small-cell suppression.
#ifndef INSPIRE_CLI_ESTIMATE_COMMAND_H_
#define INSPIRE_CLI_ESTIMATE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/indicator_names.h"
#include "core/error.h"
#include "survey/estimate.h"
#include "survey/output.h"
#include "survey/recipe.h"

namespace inspire::cli {

struct EstimateRequest {
  std::vector<std::string> data;  // one file, or several of one survey to stack
  std::string recipe;
  std::string out;  // empty: standard output
  std::string
      format;       // csv | json | xlsx; empty: from --out's extension, else csv (table on a tty)
  int threads = 0;  // 0: all cores
  std::string ci = "logit";
  double level = 0.95;
  std::string lonely_psu = "fail";
  std::string df;  // domain, universe or design; empty: the recipe's rule, else domain
  double min_n = 25;
  double caution_n = 50;
};

// Runs the request. `data_dir` locates builtin recipes; `names` names catalogue indicators.
// Writes nothing on error. Errors: every reader, recipe, design and estimator error.
struct EstimateOutput {
  std::vector<survey::EstimateRow> rows;
  survey::Provenance provenance;
};

// Reads the data, applies the recipe and estimates every indicator (no output written).
core::Result<EstimateOutput> ComputeEstimates(const EstimateRequest& request,
                                              const std::filesystem::path& data_dir,
                                              const survey::IndicatorNameLookup& names);

// ComputeEstimates with the catalogue's names, then writes the rows in the requested format;
// fails, writing nothing, if the catalogue cannot be read.
core::Result<void> RunEstimate(const EstimateRequest& request,
                               const std::filesystem::path& data_dir, const IndicatorNames& names);

// Adds the subcommand; `run` is called with the parsed request.
void AddEstimateCommand(CLI::App& app, const std::function<void(const EstimateRequest&)>& run);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_ESTIMATE_COMMAND_H_
