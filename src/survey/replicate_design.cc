// BuildReplicateDesign (survey/design.h): a replicate-weight design in the shape of a Design.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <unordered_map>

#include "core/suggest.h"
#include "survey/design.h"
#include "survey/recipe.h"

namespace inspire::survey {
namespace {

using core::ErrorCode;
using core::Fail;

bool IsGlob(std::string_view text) { return text.find_first_of("*?") != std::string_view::npos; }

// The replicate weight variables the spec names: each name, or a glob's matches in file order
// (the weight left out).
core::Result<std::vector<const Column*>> ReplicateColumns(const Table& table,
                                                          const DesignSpec& design,
                                                          const std::string& file) {
  const ReplicateSpec& spec = *design.replicates;
  std::vector<const Column*> columns;
  const auto names = table.AllNames();
  if (spec.columns.size() == 1 && IsGlob(spec.columns[0])) {
    // The weight is never its own replicate ("pwgtp*" next to the weight pwgtp).
    for (const Column& column : table.columns()) {
      if (column.name != design.weight && GlobMatch(spec.columns[0], column.name)) {
        columns.push_back(&column);
      }
    }
    if (columns.empty()) {
      return Fail(ErrorCode::kValidation,
                  fmt::format("{}: design.replicates '{}' matches no variable of the file{}", file,
                              spec.columns[0],
                              core::DidYouMean(core::NearMatches(spec.columns[0], names))));
    }
  } else {
    for (const std::string& name : spec.columns) {
      const Column* column = table.Find(name);
      if (column == nullptr) {
        return Fail(ErrorCode::kValidation,
                    fmt::format("{}: replicate weight variable '{}' not found{}", file, name,
                                core::DidYouMean(core::NearMatches(name, names))));
      }
      columns.push_back(column);
    }
  }
  for (const Column* column : columns) {
    if (column->is_text) {
      return Fail(ErrorCode::kValidation,
                  fmt::format("{}: replicate weight variable '{}' holds text, expected numbers",
                              file, column->name));
    }
  }
  return columns;
}

// Rows grouped by their factors (replicate weight / weight): rows of one cluster share them
// whatever their own weight, so a domain's replicate sums need one product per group, not per row.
// Factors are compared rounded to 40 bits of mantissa (about 1e-12 relative), so that replicate
// weights written as weight x factor, which come back as factor +- an ulp, still group; each
// group keeps its first row's exact factors (an error below 1e-12 relative in a replicate sum).
class PatternIndex {
 public:
  PatternIndex(const std::vector<const Column*>& columns, const std::vector<double>& weight,
               bool combined)
      : columns_(columns),
        weight_(weight),
        combined_(combined),
        row_(columns.size()),
        key_(columns.size()) {}

  // Row `row`'s replicate weight r as an analysis weight.
  double Value(size_t row, size_t r) const {
    const double v = columns_[r]->values[row];
    return combined_ ? v : v * weight_[row];
  }

  // The pattern of `row` (new patterns numbered in order of first appearance).
  uint32_t PatternOf(size_t row) {
    const size_t count = columns_.size();
    const double w = weight_[row];
    for (size_t r = 0; r < count; ++r) {
      row_[r] = w > 0 ? Value(row, r) / w : 0.0;
      key_[r] = Rounded(row_[r]);
    }
    if (!index_.empty() && SameKey(last_)) return last_;
    uint64_t hash = Hash();
    for (;; ++hash) {
      const auto [it, inserted] = index_.emplace(hash, Patterns());
      if (inserted) {
        keys_.insert(keys_.end(), key_.begin(), key_.end());
        factors_.insert(factors_.end(), row_.begin(), row_.end());
      }
      if (inserted || SameKey(it->second)) {
        last_ = it->second;
        return last_;
      }
    }
  }

  // Per pattern, its factors (pattern-major).
  std::vector<double> TakeFactors() { return std::move(factors_); }
  uint32_t Patterns() const {
    return static_cast<uint32_t>(columns_.empty() ? 0 : keys_.size() / columns_.size());
  }

 private:
  static double Rounded(double f) {
    if (f == 0) return 0.0;  // -0 too
    uint64_t bits = 0;
    std::memcpy(&bits, &f, sizeof bits);
    bits = (bits + (uint64_t{1} << 11)) & ~((uint64_t{1} << 12) - 1);
    std::memcpy(&f, &bits, sizeof bits);
    return f;
  }
  bool SameKey(uint32_t pattern) const {
    const double* key = keys_.data() + static_cast<size_t>(pattern) * key_.size();
    return std::equal(key_.begin(), key_.end(), key);
  }
  uint64_t Hash() const {
    uint64_t h = 0;
    for (const double v : key_) {
      uint64_t bits = 0;
      std::memcpy(&bits, &v, sizeof bits);
      h ^= bits + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
      h *= 0xff51afd7ed558ccdULL;
    }
    return h;
  }

  const std::vector<const Column*>& columns_;
  const std::vector<double>& weight_;
  bool combined_;
  std::vector<double> row_;  // the current row's factors
  std::vector<double> key_;  // and rounded
  std::unordered_map<uint64_t, uint32_t> index_;
  std::vector<double> keys_;     // per pattern, its rounded factors
  std::vector<double> factors_;  // per pattern, its first row's factors
  uint32_t last_ = 0;
};

// Every replicate weight of `row` is a finite number, and 0 where the weight is 0.
core::Result<void> CheckRow(const Table& table, size_t row, const PatternIndex& patterns,
                            const std::vector<const Column*>& columns, double weight,
                            const DesignSpec& spec, const std::string& file) {
  for (size_t r = 0; r < columns.size(); ++r) {
    const double raw = columns[r]->values[row];
    if (IsMissing(raw) || !std::isfinite(raw)) {
      return Fail(ErrorCode::kValidation,
                  fmt::format("{}: replicate weight '{}' is {}; replicate weights must be numbers",
                              table.RowRef(row, file), columns[r]->name,
                              IsMissing(raw) ? "missing" : FormatNumber(raw)));
    }
    if (weight == 0 && patterns.Value(row, r) != 0) {
      return Fail(
          ErrorCode::kValidation,
          fmt::format("{}: weight '{}' is 0 but replicate weight '{}' is {}; a row outside "
                      "the full sample must be outside every replicate",
                      table.RowRef(row, file), spec.weight, columns[r]->name, FormatNumber(raw)));
    }
  }
  return {};
}

}  // namespace

core::Result<Design> BuildReplicateDesign(const Table& table, const DesignSpec& spec,
                                          const std::string& file) {
  const ReplicateSpec& replicate = *spec.replicates;
  if (!spec.strata.empty() || !spec.psu.empty()) {
    return Fail(ErrorCode::kValidation,
                file +
                    ": a replicate design takes no strata or psu (the replicate weights carry "
                    "the design); give either replicates or strata and psu");
  }
  Design design;
  INSPIRE_ASSIGN_OR_RETURN(design.weight, ReadWeights(table, spec, file));
  INSPIRE_ASSIGN_OR_RETURN(const auto columns, ReplicateColumns(table, spec, file));
  ReplicateWeights weights;
  weights.type = replicate.type;
  weights.mse = replicate.mse;
  for (const Column* column : columns) weights.columns.push_back(column->name);
  INSPIRE_RETURN_IF_ERROR(ResolveReplicateScales(
      replicate, columns.size(), file + ": design.replicates", weights.scale, weights.rscales));
  PatternIndex patterns(columns, design.weight, replicate.combined);
  design.psu.resize(table.rows());
  for (size_t row = 0; row < table.rows(); ++row) {
    INSPIRE_RETURN_IF_ERROR(
        CheckRow(table, row, patterns, columns, design.weight[row], spec, file));
    design.psu[row] = patterns.PatternOf(row);
  }
  weights.factors = patterns.TakeFactors();
  // One stratum ("all") whose PSUs are the patterns.
  const uint32_t pattern_count = patterns.Patterns();
  design.stratum_names = {"all"};
  design.psus_in_stratum = {pattern_count};
  design.psu_stratum.assign(pattern_count, 0);
  design.stratum_offsets = {0, pattern_count};
  design.stratum_psus.resize(pattern_count);
  std::iota(design.stratum_psus.begin(), design.stratum_psus.end(), 0U);
  design.df = static_cast<double>(ReplicateRank(weights, design.stratum_psus)) - 1;
  design.replicates = std::move(weights);
  return design;
}

}  // namespace inspire::survey
