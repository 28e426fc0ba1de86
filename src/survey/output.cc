#include "survey/output.h"

#include "core/csv_writer.h"
#include "disclosure/estimate_columns.h"

namespace inspire::survey {
namespace {

using Json = nlohmann::ordered_json;

Json Number(double value) { return IsMissing(value) ? Json(nullptr) : Json(value); }
Json Count(double value) {
  return IsMissing(value) ? Json(nullptr) : Json(static_cast<long long>(value));
}

}  // namespace

const std::vector<std::string>& OutputColumns() { return disclosure::EstimateColumnNames(); }

std::vector<std::string> RowFields(const EstimateRow& row) {
  const auto& v = row.values;
  return {row.indicator_id,
          row.indicator_name,
          row.domain,
          row.domain_code,
          row.domain_label,
          FormatNumber(v.n_unweighted),
          FormatNumber(v.n_missing),
          FormatNumber(v.n_weighted),
          FormatNumber(v.estimate),
          FormatNumber(v.se),
          FormatNumber(v.ci_low),
          FormatNumber(v.ci_high),
          FormatNumber(v.deff),
          FormatNumber(v.df),
          std::string(FlagName(row.flag)),
          disclosure::SuppressionName(row.suppression),
          std::string(StatisticName(row.statistic))};
}

std::string EstimatesCsv(const std::vector<EstimateRow>& rows) {
  std::string out = core::CsvRecord(OutputColumns());
  for (const auto& row : rows) out += core::CsvRecord(RowFields(row));
  return out;
}

Json EstimatesJson(const std::vector<EstimateRow>& rows, const Provenance& p) {
  Json estimates = Json::array();
  for (const auto& row : rows) {
    const auto& v = row.values;
    estimates.push_back(
        Json{{"indicator_id", row.indicator_id},
             {"indicator_name", row.indicator_name},
             {"domain", row.domain},
             {"domain_code", row.domain_code},
             {"domain_label", row.domain_label},
             {"n_unweighted", Count(v.n_unweighted)},
             {"n_missing", Count(v.n_missing)},
             {"n_weighted", Number(v.n_weighted)},
             {"estimate", Number(v.estimate)},
             {"se", Number(v.se)},
             {"ci_low", Number(v.ci_low)},
             {"ci_high", Number(v.ci_high)},
             {"deff", Number(v.deff)},
             {"df", Count(v.df)},
             {"flag", FlagName(row.flag)},
             {"suppression", row.suppression == disclosure::Suppression::kNone
                                 ? Json(nullptr)
                                 : Json(disclosure::SuppressionName(row.suppression))},
             {"statistic", StatisticName(row.statistic)}});
  }
  Json inputs = Json::array();
  for (const auto& input : p.inputs) {
    inputs.push_back({{"file", input.file}, {"sha256", input.sha256}, {"rows", input.rows}});
  }
  Json provenance = {
      {"input", inputs.empty() ? Json(nullptr) : inputs[0]},
      {"inputs", inputs},
      {"recipe", {{"name", p.recipe}, {"sha256", p.recipe_sha256}}},
      {"design",
       {{"strata", p.strata},
        {"psus", p.psus},
        {"df", Count(p.design_df)},
        {"df_rule", p.df_rule},
        {"lonely_psu", p.lonely_psu},
        {"lonely_strata", p.lonely_strata},
        {"replicates", p.replicates.type.empty() ? Json(nullptr)
                                                 : Json{{"type", p.replicates.type},
                                                        {"count", p.replicates.count},
                                                        {"scale", p.replicates.scale},
                                                        {"mse", p.replicates.mse}}}}},
      {"options",
       {{"ci", p.ci_method}, {"level", p.level}, {"min_n", p.min_n}, {"caution_n", p.caution_n}}},
      {"warnings", p.warnings},
      {"tool", {{"name", "inspire"}, {"version", p.tool_version}}},
      {"created_at", p.created_at}};
  return Json{{"provenance", provenance}, {"estimates", estimates}};
}

}  // namespace inspire::survey
