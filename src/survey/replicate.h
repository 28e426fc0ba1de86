// Replicate-weight designs, as R survey's svrepdesign(): instead of strata and PSUs, a file
// carries R sets of replicate weights, and a statistic's variance is the spread of its R
// replicate estimates around the full-sample one, scaled by the type's constants
// (docs/statistics.md, "Replicate weights"). This header holds what the recipe says (the spec),
// what the design keeps (the weights, compressed), and the small pieces of arithmetic the
// estimator shares: svrVar's variance, the rank behind the degrees of freedom, and glm.fit's
// iterations from a starting value.
#ifndef INSPIRE_SURVEY_REPLICATE_H_
#define INSPIRE_SURVEY_REPLICATE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace inspire::survey {

// svrepdesign's `type`. kSuccessiveDifference is also R's "ACS".
enum class ReplicateType {
  kJK1,
  kJKn,
  kJK2,
  kBRR,
  kFay,
  kBootstrap,
  kSuccessiveDifference,
  kOther
};

// "JK1", "JKn", "JK2", "BRR", "Fay", "bootstrap", "successive-difference", "other".
std::string_view ReplicateTypeName(ReplicateType type);
// The inverse of ReplicateTypeName, also taking "ACS" and "SDR" for successive difference
// (case-sensitive, as R's); nullopt for anything else.
std::optional<ReplicateType> ParseReplicateType(std::string_view text);
// Every name ParseReplicateType takes, for messages.
std::string ReplicateTypeChoices();

// The replicate part of a recipe's design.
struct ReplicateSpec {
  // The replicate weight variables: names, or a single glob ("repw*"), which takes the matching
  // variables in file order.
  std::vector<std::string> columns;
  ReplicateType type = ReplicateType::kOther;
  std::optional<double> scale = std::nullopt;  // empty: the type's default
  std::vector<double> rscales = {};  // empty: the type's default; one value: every replicate's
  std::optional<double> rho = std::nullopt;  // Fay's rho, required for kFay
  bool mse = false;                          // centre the replicates on the full-sample estimate
  bool combined = true;  // the columns are whole weights (false: factors times the weight)
};

// The constants R's svrepdesign() sets for `count` replicates: `scale` and one `rscales` entry
// per replicate. Defaults by type: JK1 (count-1)/count; BRR 1/count; Fay 1/(count (1-rho)^2);
// bootstrap 1/(count-1); successive difference 4/count; JK2 1; other 1; rscales 1, except that
// JKn has no default (R stops). A given scale or rscales wins where R lets it.
// Errors (kValidation, naming `where`): Fay without rho in [0, 1); JKn without rscales; rscales
// of another length than 1 or `count`; a negative or non-finite constant; fewer than 2
// replicates.
core::Result<void> ResolveReplicateScales(const ReplicateSpec& spec, size_t count,
                                          const std::string& where, double& scale,
                                          std::vector<double>& rscales);

// What a replicate design keeps. Rows with the same full-sample weight and the same replicate
// weights share a pattern (survey files give every row of a cluster the same weights), and each
// pattern keeps its factors: replicate weight / full-sample weight (0 for a zero weight).
struct ReplicateWeights {
  ReplicateType type = ReplicateType::kOther;
  std::vector<std::string> columns;  // the variables, in file order
  double scale = 1;
  std::vector<double> rscales;  // one per replicate
  bool mse = false;
  std::vector<double> factors;  // pattern-major: factors[pattern * count() + r]
  size_t count() const { return rscales.size(); }
  size_t patterns() const { return count() == 0 ? 0 : factors.size() / count(); }
  const double* FactorsOf(size_t pattern) const { return factors.data() + pattern * count(); }
};

// R's svrVar(): scale * sum_r rscales_r (theta_r - centre)^2, the centre being `full` when mse
// is set and otherwise the mean of the replicates with rscales > 0. Replicates whose estimate is
// NaN (a ratio whose replicate weights sum to 0 in the domain) are left out with their rscales,
// as R's na.omit does, and counted in `dropped`; NaN if every one is.
double ReplicateVariance(std::span<const double> thetas, double full,
                         const ReplicateWeights& weights, size_t* dropped = nullptr);

// The rank of the factor rows of `patterns` (each a pattern index, in any order, repeats
// allowed), by Gram-Schmidt with a relative tolerance of 1e-5 as R's qr(tol = 1e-5); a design's
// degrees of freedom are this minus 1 (R's degf() of a replicate design). Stops early once the
// rank equals the number of replicates.
size_t ReplicateRank(const ReplicateWeights& weights, std::span<const uint32_t> patterns);

// An order-free fingerprint of a set of patterns (the same set in any order and with repeats
// gives the same value), for caching ReplicateRank.
uint64_t PatternSetKey(std::span<const uint32_t> patterns);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_REPLICATE_H_
