// The replicate-design part of DomainSetState (survey/proportion.h): a domain's degrees of freedom
// and its SE, deff and interval from the replicate estimates, as R survey computes them on an
// svrepdesign (docs/statistics.md, "Replicate weights").
#include <cmath>
#include <limits>
#include <vector>

#include "survey/distributions.h"
#include "survey/glm_intercept.h"
#include "survey/proportion.h"
#include "survey/replicate.h"

namespace inspire::survey {
double DomainSetState::ReplicateDf(size_t domain, const Design& design, bool count_missing) const {
  // The cells of a domain are its patterns, each once.
  std::vector<uint32_t> patterns;
  for (uint32_t cell = cells_->domain_first_cell[domain];
       cell < cells_->domain_first_cell[domain + 1]; ++cell) {
    const CellTotals& c = cells_totals_[cell];
    if (c.n > 0 || (count_missing && c.n_missing > 0)) patterns.push_back(cells_->cell_psu[cell]);
  }
  const uint64_t key = PatternSetKey(patterns);
  const auto cached = rank_cache_.find(key);
  if (cached != rank_cache_.end()) return cached->second;
  const double df = static_cast<double>(ReplicateRank(*design.replicates, patterns)) - 1;
  rank_cache_.emplace(key, df);
  return df;
}

void DomainSetState::SetReplicateValues(size_t domain, const Design& design,
                                        const EstimateOptions& options, Statistic statistic,
                                        double weighted_y, DomainEstimate& e) const {
  const ReplicateWeights& weights = *design.replicates;
  const size_t count = weights.count();
  // Each replicate's sums of w_r and w_r y over the domain's rows with a numerator: a pattern's
  // replicate weights are its rows' weights times the pattern's factors.
  std::vector<double> w_sums(count, 0.0);
  std::vector<double> wy_sums(count, 0.0);
  double rows = 0;  // R's svyvar counts the subset's rows, zero weights included
  for (uint32_t cell = cells_->domain_first_cell[domain];
       cell < cells_->domain_first_cell[domain + 1]; ++cell) {
    const CellTotals& c = cells_totals_[cell];
    rows += c.present_rows;
    if (c.w == 0 && c.wy == 0) continue;
    const double* f = weights.FactorsOf(cells_->cell_psu[cell]);
    for (size_t r = 0; r < count; ++r) {
      w_sums[r] += f[r] * c.w;
      wy_sums[r] += f[r] * c.wy;
    }
  }
  const bool ratio = statistic != Statistic::kTotal;
  e.estimate = ratio ? weighted_y / e.n_weighted : weighted_y;
  std::vector<double> thetas(count);
  for (size_t r = 0; r < count; ++r) thetas[r] = ratio ? wy_sums[r] / w_sums[r] : wy_sums[r];
  const double variance = ReplicateVariance(thetas, e.estimate, weights);
  e.se = std::sqrt(variance);
  const double wyy = statistic == Statistic::kProportion ? weighted_y : domains_[domain].wyy;
  const double srs_variance = SrsVariance(statistic, rows, e.n_weighted, weighted_y, wyy);
  e.deff = srs_variance > 0 ? variance / srs_variance : std::numeric_limits<double>::quiet_NaN();
  if (statistic != Statistic::kProportion) {
    SetTInterval(e, options.level);
    return;
  }
  if (options.ci == CiMethod::kWald) {
    SetNormalInterval(e, options.level);
    return;
  }
  // svyciprop(method = "logit") on a replicate design: svyglm refits the intercept with each
  // replicate's weights, starting from the full-sample one, and takes svrVar of the intercepts.
  e.ci_low = e.ci_high = std::numeric_limits<double>::quiet_NaN();
  const double beta = LogitIntercept(domain, e);
  if (std::isnan(beta)) return;
  std::vector<double> betas(count);
  for (size_t r = 0; r < count; ++r) betas[r] = GlmInterceptFrom(beta, thetas[r]);
  const double se = std::sqrt(ReplicateVariance(betas, beta, weights));
  const double t = StudentTQuantile(1 - (1 - options.level) / 2, e.df);
  e.ci_low = Expit(beta - t * se);
  e.ci_high = Expit(beta + t * se);
}

}  // namespace inspire::survey
