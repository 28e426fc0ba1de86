// The pooled effect of k studies, as metafor's rma() fits an intercept-only model
// (docs/statistics.md, "Meta-analysis"): inverse-variance weights with the between-study
// variance tau^2 estimated by DerSimonian-Laird, REML (Fisher scoring) or Paule-Mandel, or fixed
// at 0 (FE); Wald-type (z) or Knapp-Hartung (t, k - 1 df) inference; the Q test; I^2 and H^2;
// the prediction interval as predict() gives it; leave-one-out and subgroup analyses.
#ifndef INSPIRE_META_MODEL_H_
#define INSPIRE_META_MODEL_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace inspire::meta {

enum class Method { kFe, kDl, kReml, kPm };

// "FE", "DL", "REML", "PM".
core::Result<Method> ParseMethod(std::string_view name);
std::string_view MethodName(Method method);

struct ModelOptions {
  Method method = Method::kReml;
  bool knha = false;    // Knapp-Hartung: SE scaled by the weighted residual variance, t with k-1 df
  double level = 0.95;  // of the confidence and prediction intervals
};

// The tolerance of the REML and PM iterations (change in tau^2, relative to max(1, tau^2)) and
// their iteration limit.
inline constexpr double kTau2Tolerance = 1e-12;
inline constexpr int kMaxIterations = 10000;

struct Pooled {
  int k = 0;
  double estimate = 0, se = 0;
  double statistic = 0;   // z, or t under Knapp-Hartung
  double p = 0;           // two-sided p of estimate = 0
  std::optional<int> df;  // t degrees of freedom under Knapp-Hartung
  double ci_low = 0, ci_high = 0;
  double tau2 = 0;  // between-study variance (0 for FE)
  double i2 = 0;    // percent of total variability due to heterogeneity
  double h2 = 1;
  double q = 0, q_p = 1;                  // Cochran's Q with k - 1 df and its p
  std::optional<double> pi_low, pi_high;  // prediction interval (none for FE, as in metafor)
  std::vector<double> weights;            // percent weight of each study, in input order
  int iterations = 0;                     // of the REML or PM search
};

// Pools k >= 2 effects yi with sampling variances vi > 0. Fails (kValidation) for k < 2, a
// variance that is not positive or a value that is not finite, and (kInternal, never a loop)
// when an iteration does not converge within kMaxIterations.
core::Result<Pooled> Pool(std::span<const double> yi, std::span<const double> vi,
                          const ModelOptions& options);

// The pooled result with study i left out, for each i (k >= 3).
core::Result<std::vector<Pooled>> LeaveOneOut(std::span<const double> yi,
                                              std::span<const double> vi,
                                              const ModelOptions& options);

struct Subgroup {
  std::string level;            // the descriptor's value ("" when the study has none)
  std::vector<size_t> studies;  // indices into the input
  Pooled pooled;                // for one study: its own effect, SE and z interval; tau^2 0
};
struct SubgroupAnalysis {
  std::vector<Subgroup> groups;  // in order of first appearance
  // The test of subgroup differences: Q of a fixed-effect model of the subgroup estimates with
  // their standard errors, groups - 1 df (absent with one group).
  std::optional<double> q_between, q_between_p;
  int df_between = 0;
};

// Subgroups by `levels[i]` (one value per study).
core::Result<SubgroupAnalysis> Subgroups(std::span<const double> yi, std::span<const double> vi,
                                         const std::vector<std::string>& levels,
                                         const ModelOptions& options);

}  // namespace inspire::meta

#endif  // INSPIRE_META_MODEL_H_
