// BuildReplicateDesign (survey/design.h): a replicate-weight design in the shape of a Design.
#include <fmt/format.h>

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

// Rows grouped by their weight and replicate weights. A pattern is found by hashing the row's
// values; rows of one cluster usually come together, so the previous row's pattern is tried
// first.
class PatternIndex {
 public:
  PatternIndex(const std::vector<const Column*>& columns, const std::vector<double>& weight,
               bool combined)
      : columns_(columns), weight_(weight), combined_(combined) {}

  // Row `row`'s replicate weight r as an analysis weight.
  double Value(size_t row, size_t r) const {
    const double v = columns_[r]->values[row];
    return combined_ ? v : v * weight_[row];
  }

  // The pattern of `row` (new patterns numbered in order of first appearance).
  uint32_t PatternOf(size_t row) {
    if (!representative_.empty() && Same(row, representative_[last_])) return last_;
    uint64_t key = Hash(row);
    for (;; ++key) {
      const auto [it, inserted] =
          index_.emplace(key, static_cast<uint32_t>(representative_.size()));
      if (inserted) {
        representative_.push_back(row);
        last_ = it->second;
        return last_;
      }
      if (Same(row, representative_[it->second])) {
        last_ = it->second;
        return last_;
      }
    }
  }

  const std::vector<size_t>& representatives() const { return representative_; }

 private:
  bool Same(size_t a, size_t b) const {
    if (weight_[a] != weight_[b]) return false;
    for (size_t r = 0; r < columns_.size(); ++r) {
      if (Value(a, r) != Value(b, r)) return false;
    }
    return true;
  }
  uint64_t Hash(size_t row) const {
    const auto mix = [](uint64_t h, double v) {
      uint64_t bits = 0;
      v = v == 0 ? 0.0 : v;  // -0 and 0 are the same weight
      std::memcpy(&bits, &v, sizeof bits);
      h ^= bits + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
      return h * 0xff51afd7ed558ccdULL;
    };
    uint64_t h = mix(0, weight_[row]);
    for (size_t r = 0; r < columns_.size(); ++r) h = mix(h, Value(row, r));
    return h;
  }

  const std::vector<const Column*>& columns_;
  const std::vector<double>& weight_;
  bool combined_;
  std::unordered_map<uint64_t, uint32_t> index_;
  std::vector<size_t> representative_;  // per pattern, its first row
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
      return Fail(ErrorCode::kValidation,
                  fmt::format("{}: weight '{}' is 0 but replicate weight '{}' is {}; a row outside "
                              "the full sample must be outside every replicate",
                              table.RowRef(row, file), spec.weight, columns[r]->name,
                              FormatNumber(raw)));
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
                file + ": a replicate design takes no strata or psu (the replicate weights carry "
                       "the design); give either replicates or strata and psu");
  }
  Design design;
  INSPIRE_ASSIGN_OR_RETURN(design.weight, ReadWeights(table, spec, file));
  INSPIRE_ASSIGN_OR_RETURN(const auto columns, ReplicateColumns(table, spec, file));
  ReplicateWeights weights;
  weights.type = replicate.type;
  weights.mse = replicate.mse;
  for (const Column* column : columns) weights.columns.push_back(column->name);
  INSPIRE_RETURN_IF_ERROR(ResolveReplicateScales(replicate, columns.size(),
                                                 file + ": design.replicates", weights.scale,
                                                 weights.rscales));
  PatternIndex patterns(columns, design.weight, replicate.combined);
  design.psu.resize(table.rows());
  for (size_t row = 0; row < table.rows(); ++row) {
    INSPIRE_RETURN_IF_ERROR(
        CheckRow(table, row, patterns, columns, design.weight[row], spec, file));
    design.psu[row] = patterns.PatternOf(row);
  }
  const size_t count = columns.size();
  const auto& representatives = patterns.representatives();
  weights.factors.resize(representatives.size() * count);
  for (size_t p = 0; p < representatives.size(); ++p) {
    const size_t row = representatives[p];
    const double w = design.weight[row];
    for (size_t r = 0; r < count; ++r) {
      weights.factors[p * count + r] = w > 0 ? patterns.Value(row, r) / w : 0.0;
    }
  }
  // One stratum ("all") whose PSUs are the patterns.
  const auto pattern_count = static_cast<uint32_t>(representatives.size());
  design.stratum.assign(table.rows(), 0);
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
