#include "survey/design.h"

#include <fmt/format.h>

#include <cmath>
#include <unordered_map>

#include "core/suggest.h"

namespace inspire::survey {
namespace {

using core::ErrorCode;
using core::Fail;

core::Result<const Column*> DesignColumn(const Table& table, const std::string& name,
                                         std::string_view role, const std::string& file) {
  if (name.empty()) return nullptr;
  if (const Column* column = table.Find(name)) return column;
  const auto names = table.AllNames();
  return Fail(ErrorCode::kValidation,
              fmt::format("{}: {} variable '{}' not found{}", file, role, name,
                          core::DidYouMean(core::NearMatches(name, names))));
}

// PSUs minus strata among the rows with a weight > 0 (R's degf(): zero-weight rows, such as
// NHANES's examination weights of people not examined, do not count).
double DegreesOfFreedom(const Design& design) {
  std::vector<bool> psu_seen(design.psu_count(), false);
  std::vector<bool> stratum_seen(design.strata_count(), false);
  double psus = 0;
  double strata = 0;
  for (size_t row = 0; row < design.weight.size(); ++row) {
    if (!(design.weight[row] > 0) || psu_seen[design.psu[row]]) continue;
    psu_seen[design.psu[row]] = true;
    ++psus;
    const uint32_t h = design.psu_stratum[design.psu[row]];
    if (!stratum_seen[h]) {
      stratum_seen[h] = true;
      ++strata;
    }
  }
  return psus - strata;
}

}  // namespace

std::string_view DfRuleName(DfRule rule) {
  switch (rule) {
    case DfRule::kDomain:
      return "domain";
    case DfRule::kUniverse:
      return "universe";
    case DfRule::kDesign:
      return "design";
  }
  return "domain";
}

std::optional<DfRule> ParseDfRule(std::string_view text) {
  for (const DfRule rule : {DfRule::kDomain, DfRule::kUniverse, DfRule::kDesign}) {
    if (text == DfRuleName(rule)) return rule;
  }
  return std::nullopt;
}

std::vector<uint32_t> Design::LonelyStrata() const {
  std::vector<uint32_t> lonely;
  if (replicates) return lonely;
  for (uint32_t h = 0; h < psus_in_stratum.size(); ++h) {
    if (psus_in_stratum[h] == 1) lonely.push_back(h);
  }
  return lonely;
}

core::Result<std::vector<double>> ReadWeights(const Table& table, const DesignSpec& spec,
                                              const std::string& file) {
  INSPIRE_ASSIGN_OR_RETURN(const Column* weight, DesignColumn(table, spec.weight, "weight", file));
  if (weight == nullptr) {
    return Fail(ErrorCode::kValidation, file + ": the design needs a weight variable");
  }
  if (weight->is_text) {
    const std::string example =
        weight->value_labels.empty() ? "" : weight->value_labels.begin()->second;
    return Fail(ErrorCode::kValidation,
                fmt::format("{}: weight variable '{}' holds text (such as '{}'), expected numbers",
                            file, spec.weight, example));
  }
  if (table.rows() == 0) return Fail(ErrorCode::kValidation, file + ": the file has no data rows");
  std::vector<double> weights(table.rows());
  for (size_t row = 0; row < table.rows(); ++row) {
    const double w = weight->values[row];
    if (IsMissing(w) || w < 0 || !std::isfinite(w)) {
      return Fail(ErrorCode::kValidation,
                  fmt::format("{}: weight '{}' is {}; weights must be numbers >= 0",
                              table.RowRef(row, file), spec.weight,
                              IsMissing(w) ? "missing" : FormatNumber(w)));
    }
    weights[row] = w;
  }
  return weights;
}

namespace {

// The per-stratum lists of PSUs and the design's df, once every row has its stratum and PSU.
void FinishDesign(Design& design) {
  design.stratum_offsets.assign(design.strata_count() + 1, 0);
  for (uint32_t h = 0; h < design.strata_count(); ++h) {
    design.stratum_offsets[h + 1] = design.stratum_offsets[h] + design.psus_in_stratum[h];
  }
  design.stratum_psus.resize(design.psu_count());
  std::vector<uint32_t> next(design.stratum_offsets.begin(), design.stratum_offsets.end() - 1);
  for (uint32_t i = 0; i < design.psu_count(); ++i) {
    design.stratum_psus[next[design.psu_stratum[i]]++] = i;
  }
  design.df = DegreesOfFreedom(design);
  size_t runs = design.psu.empty() ? 0 : 1;
  for (size_t row = 1; row < design.psu.size(); ++row) {
    runs += design.psu[row] != design.psu[row - 1] ? 1 : 0;
  }
  design.psus_contiguous = runs == design.psu_count();
}

}  // namespace

core::Result<Design> BuildDesign(const Table& table, const DesignSpec& spec,
                                 const std::string& file) {
  if (spec.replicates) return BuildReplicateDesign(table, spec, file);
  Design design;
  INSPIRE_ASSIGN_OR_RETURN(design.weight, ReadWeights(table, spec, file));
  INSPIRE_ASSIGN_OR_RETURN(const Column* strata, DesignColumn(table, spec.strata, "strata", file));
  INSPIRE_ASSIGN_OR_RETURN(const Column* psu, DesignColumn(table, spec.psu, "psu", file));
  const size_t rows = table.rows();
  design.psu.resize(rows);
  std::unordered_map<double, uint32_t> stratum_index;
  std::unordered_map<uint64_t, uint32_t> psu_index;  // key: stratum index and PSU value
  std::unordered_map<double, uint32_t> psu_value_index;
  double last_stratum_value = kMissing;
  double last_psu_value = kMissing;
  for (size_t row = 0; row < rows; ++row) {
    const double s = strata != nullptr ? strata->values[row] : 0.0;
    if (IsMissing(s)) {
      return Fail(ErrorCode::kValidation, fmt::format("{}: strata variable '{}' is missing",
                                                      table.RowRef(row, file), spec.strata));
    }
    double p = static_cast<double>(row);
    if (psu != nullptr) {
      p = psu->values[row];
      if (IsMissing(p)) {
        return Fail(ErrorCode::kValidation, fmt::format("{}: psu variable '{}' is missing",
                                                        table.RowRef(row, file), spec.psu));
      }
    }
    // Survey files list the rows of a PSU together: a row in the same stratum and PSU as the one
    // before needs no lookup.
    if (row > 0 && psu != nullptr && s == last_stratum_value && p == last_psu_value) {
      design.psu[row] = design.psu[row - 1];
      continue;
    }
    last_stratum_value = s;
    last_psu_value = p;
    const auto [s_it, s_new] =
        stratum_index.emplace(s, static_cast<uint32_t>(stratum_index.size()));
    if (s_new) {
      design.stratum_names.push_back(strata != nullptr ? strata->LabelOf(s) : "all");
      design.psus_in_stratum.push_back(0);
    }
    // Nest PSUs in strata: the key combines the stratum index with the PSU value's index.
    const auto [v_it, v_new] =
        psu_value_index.emplace(p, static_cast<uint32_t>(psu_value_index.size()));
    const uint64_t key = (static_cast<uint64_t>(s_it->second) << 32) | v_it->second;
    const auto [p_it, p_new] = psu_index.emplace(key, static_cast<uint32_t>(psu_index.size()));
    if (p_new) {
      design.psu_stratum.push_back(s_it->second);
      ++design.psus_in_stratum[s_it->second];
    }
    design.psu[row] = p_it->second;
  }
  FinishDesign(design);
  return design;
}

}  // namespace inspire::survey
