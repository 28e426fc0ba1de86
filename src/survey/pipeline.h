// One estimation run from files to rows, as `inspire estimate` and the demo make it: the survey
// files read (only the variables the recipe uses) and stacked, the recipe's derived variables
// made, the design built, every indicator estimated with its disclosure control, and the
// provenance that records how (inputs with their SHA-256, recipe, design, options, version).
#ifndef INSPIRE_SURVEY_PIPELINE_H_
#define INSPIRE_SURVEY_PIPELINE_H_

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "survey/estimate.h"
#include "survey/output.h"
#include "survey/recipe.h"

namespace inspire::survey {

struct PipelineRequest {
  std::vector<std::string> data;   // survey files (.csv, .sav, .zsav, .dta), stacked in order
  std::string recipe;              // "builtin:NAME" or a path, as the provenance names it
  std::filesystem::path data_dir;  // where the builtin recipes live
  RunOptions options;              // checked by the caller; `progress` is called as it goes
  // --df: overrides options.estimate.df and the recipe's `design: {df}`; nullopt: the recipe's
  // rule, or DfRule::kDomain if it names none.
  std::optional<DfRule> df;
  // How --ci and --lonely-psu were given, for the provenance ("logit", "adjust", ...).
  std::string ci_name;
  std::string lonely_psu_name;
  // The catalogue's name of an indicator id, if the catalogue has it (empty: no names).
  IndicatorNameLookup indicator_name;
};

struct PipelineOutput {
  std::vector<EstimateRow> rows;
  Provenance provenance;  // created_at is the time the run ended (UTC); its warnings too
};

// Warnings about the numbers of a finished run (also in provenance.warnings): totals over weights
// that look normalised (their sum within 1% of the rows with a weight), which count sample
// people, not the population.
std::vector<std::string> TotalWarnings(const std::vector<PreparedIndicator>& indicators,
                                       const Design& design);

// Runs `request`. Errors: every reader, recipe, design and estimator error, each naming its file
// and, where there is one, its line, variable or indicator. Writes nothing.
core::Result<PipelineOutput> RunPipeline(const PipelineRequest& request);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_PIPELINE_H_
