#include "survey/design.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <future>
#include <unordered_map>

#include "core/gather.h"
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

bool GroupRowsByPsu(Table& table, Design& design, int threads) {
  const size_t rows = design.psu.size();
  if (design.replicates || design.psus_contiguous || rows >= UINT32_MAX) return false;
  // A counting sort: each PSU's first position, then its rows in file order.
  std::vector<uint32_t> next(design.psu_count() + 1, 0);
  for (const uint32_t psu : design.psu) ++next[psu + 1];
  for (size_t p = 1; p < next.size(); ++p) next[p] += next[p - 1];
  std::vector<uint32_t> order(rows);
  for (size_t row = 0; row < rows; ++row) {
    order[next[design.psu[row]]++] = static_cast<uint32_t>(row);
  }
  // The design's arrays on another thread while the table's columns are gathered.
  auto design_rows = std::async(std::launch::async, [&] {
    design.weight = core::Gather(design.weight, order);
    design.psu = core::Gather(design.psu, order);
  });
  table.ReorderRows(order, threads);
  design_rows.get();
  design.psus_contiguous = true;
  return true;
}

namespace {

// Dense numbers for the values of a design variable, in order of first appearance: a table for
// whole numbers from 0 to 4,194,303 (cluster and stratum numbers), a hash map for the rest.
class ValueNumbers {
 public:
  // The value's number, and whether it is new.
  std::pair<uint32_t, bool> Find(double value) {
    if (value >= 0 && value < kDenseLimit && value == std::floor(value)) {
      const auto slot = static_cast<size_t>(value);
      if (slot >= dense_.size()) dense_.resize(std::max(slot + 1, dense_.size() * 2), kUnseen);
      if (dense_[slot] != kUnseen) return {dense_[slot], false};
      dense_[slot] = count_;
      return {count_++, true};
    }
    const auto [it, inserted] = sparse_.emplace(value, count_);
    if (inserted) ++count_;
    return {it->second, inserted};
  }

 private:
  static constexpr double kDenseLimit = 1 << 22;
  static constexpr uint32_t kUnseen = UINT32_MAX;
  std::vector<uint32_t> dense_;
  std::unordered_map<double, uint32_t> sparse_;
  uint32_t count_ = 0;
};

// Numbers strata and the PSUs nested in them in order of first appearance, filling the design's
// per-stratum and per-PSU lists. A PSU value met in one stratum only (cluster numbers unique in
// the file) needs no hash lookup; one that recurs in other strata is a different PSU there.
class PsuNumbering {
 public:
  PsuNumbering(Design& design, const Column* strata) : design_(design), strata_(strata) {}

  uint32_t PsuOf(double stratum_value, double psu_value) {
    const auto [h, new_stratum] = strata_numbers_.Find(stratum_value);
    if (new_stratum) {
      design_.stratum_names.push_back(strata_ != nullptr ? strata_->LabelOf(stratum_value) : "all");
      design_.psus_in_stratum.push_back(0);
    }
    const auto [v, new_value] = psu_values_.Find(psu_value);
    if (new_value) first_.emplace_back(h, NewPsu(h));
    if (first_[v].first == h) return first_[v].second;
    const uint64_t key = (static_cast<uint64_t>(h) << 32) | v;
    const auto it = others_.find(key);
    if (it != others_.end()) return it->second;
    return others_.emplace(key, NewPsu(h)).first->second;
  }

 private:
  uint32_t NewPsu(uint32_t h) {
    design_.psu_stratum.push_back(h);
    ++design_.psus_in_stratum[h];
    return static_cast<uint32_t>(design_.psu_stratum.size() - 1);
  }

  Design& design_;
  const Column* strata_;
  ValueNumbers strata_numbers_;
  ValueNumbers psu_values_;
  std::vector<std::pair<uint32_t, uint32_t>> first_;  // per PSU value: its first stratum and PSU
  std::unordered_map<uint64_t, uint32_t> others_;     // (stratum, PSU value) met later
};

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
  PsuNumbering numbering(design, strata);
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
    design.psu[row] = numbering.PsuOf(s, p);
  }
  FinishDesign(design);
  return design;
}

}  // namespace inspire::survey
