#include "survey/pipeline.h"

#include <fmt/format.h>

#include <cmath>
#include <ctime>
#include <future>

#include "core/sha256.h"
#include "core/version.h"
#include "survey/design.h"
#include "survey/reader.h"
#include "survey/recipe.h"

namespace inspire::survey {
namespace {

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// The provenance of a finished run: the inputs (each file's name, hash and rows of the stacked
// table), the recipe, the design and the options.
core::Result<Provenance> ProvenanceOf(const PipelineRequest& request, const RunOptions& options,
                                      const Recipe& recipe, const Table& table,
                                      const Design& design,
                                      std::vector<std::future<core::Result<std::string>>>& hashes) {
  Provenance provenance;
  for (size_t i = 0; i < request.data.size(); ++i) {
    INSPIRE_ASSIGN_OR_RETURN(std::string hash, hashes[i].get());
    const size_t first = table.segments().size() > i ? table.segments()[i].first_row : 0;
    const size_t end =
        i + 1 < table.segments().size() ? table.segments()[i + 1].first_row : table.rows();
    provenance.inputs.push_back(
        {std::filesystem::path(request.data[i]).filename().string(), std::move(hash), end - first});
  }
  provenance.recipe = request.recipe;
  provenance.recipe_sha256 = core::Sha256Hex(recipe.text);
  provenance.rows = table.rows();
  if (design.replicates) {
    provenance.replicates = {std::string(ReplicateTypeName(design.replicates->type)),
                             design.replicates->count(), design.replicates->scale,
                             design.replicates->mse};
  } else {
    provenance.strata = design.strata_count();
    provenance.psus = design.psu_count();
  }
  provenance.design_df = design.df;
  provenance.df_rule = std::string(DfRuleName(options.estimate.df));
  provenance.lonely_psu = request.lonely_psu_name;
  for (const uint32_t h : design.LonelyStrata()) {
    provenance.lonely_strata.push_back(design.stratum_names[h]);
  }
  provenance.ci_method = request.ci_name;
  provenance.level = options.estimate.level;
  provenance.min_n = options.min_n;
  provenance.caution_n = options.caution_n;
  provenance.tool_version = std::string(core::kVersion);
  provenance.created_at = UtcNow();
  return provenance;
}

}  // namespace

std::vector<std::string> TotalWarnings(const std::vector<PreparedIndicator>& indicators,
                                       const Design& design) {
  double sum = 0;
  double weighted_rows = 0;
  for (const double w : design.weight) {
    sum += w;
    weighted_rows += w > 0 ? 1 : 0;
  }
  const bool normalised = weighted_rows > 0 && std::fabs(sum / weighted_rows - 1) <= 0.01;
  std::vector<std::string> warnings;
  for (const auto& indicator : indicators) {
    if (indicator.statistic != Statistic::kTotal || !normalised) continue;
    warnings.push_back(fmt::format(
        "indicator '{}' is a total, but the weights sum to {:.1f} over {:.0f} rows: they look "
        "normalised (mean 1), so its totals count people in the sample, not in the population; "
        "use population weights for totals",
        indicator.id, sum, weighted_rows));
  }
  return warnings;
}

core::Result<PipelineOutput> RunPipeline(const PipelineRequest& request) {
  INSPIRE_ASSIGN_OR_RETURN(const Recipe recipe, LoadRecipe(request.recipe, request.data_dir));
  // The provenance hashes read the files on another core while this one parses them.
  std::vector<std::future<core::Result<std::string>>> hashes;
  for (const auto& path : request.data) {
    hashes.push_back(std::async(std::launch::async, core::Sha256File, std::filesystem::path(path)));
  }
  // Only the variables the recipe uses are stored: survey files often hold hundreds.
  const auto wanted = VariablesUsed(recipe);
  INSPIRE_ASSIGN_OR_RETURN(
      Table table, ReadSurveys(request.data, wanted ? &*wanted : nullptr, request.options.threads));
  const auto no_names = [](const std::string&) { return std::optional<std::string>(); };
  INSPIRE_ASSIGN_OR_RETURN(
      const auto indicators,
      PrepareRecipe(recipe, table, request.indicator_name ? request.indicator_name : no_names));
  // The design comes after the recipe's derived variables, which it may use (a weight taken from
  // whichever of two stacked files a row came from, say).
  const std::string data_name = request.data.size() == 1 ? request.data[0] : "the stacked files";
  INSPIRE_ASSIGN_OR_RETURN(Design design, BuildDesign(table, recipe.design, data_name));
  // Each PSU's rows together, so that the estimator sums one PSU at a time (files sorted by
  // cluster, the usual case, are left as they are).
  GroupRowsByPsu(table, design, request.options.threads);
  RunOptions options = request.options;
  options.estimate.df = request.df.value_or(recipe.design.df.value_or(DfRule::kDomain));
  PipelineOutput output;
  INSPIRE_ASSIGN_OR_RETURN(output.rows, EstimateIndicators(table, design, indicators, options));
  INSPIRE_ASSIGN_OR_RETURN(output.provenance,
                           ProvenanceOf(request, options, recipe, table, design, hashes));
  output.provenance.warnings = TotalWarnings(indicators, design);
  return output;
}

}  // namespace inspire::survey
