#include "survey/proportion.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "survey/distributions.h"

namespace inspire::survey {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The variance of the domain total of the linearised values z_i (docs/statistics.md, "Variance").
// `present(i)` tells whether PSU i holds a row of the domain.
template <typename Present>
core::Result<double> LinearisedVariance(const Design& design, const std::vector<double>& z,
                                        const Present& present_psu, LonelyPsu lonely_psu) {
  double variance = 0;
  size_t strata_present = 0;
  size_t strata_counted = 0;
  for (uint32_t h = 0; h < design.strata_count(); ++h) {
    const uint32_t begin = design.stratum_offsets[h];
    const uint32_t end = design.stratum_offsets[h + 1];
    bool present = false;
    double total = 0;
    for (uint32_t k = begin; k < end; ++k) {
      const uint32_t i = design.stratum_psus[k];
      present = present || present_psu(i);
      total += z[i];
    }
    if (!present) continue;
    ++strata_present;
    const double n_h = end - begin;
    if (n_h >= 2) {
      const double mean = total / n_h;
      double squares = 0;
      for (uint32_t k = begin; k < end; ++k) {
        const double deviation = z[design.stratum_psus[k]] - mean;
        squares += deviation * deviation;
      }
      variance += squares * n_h / (n_h - 1);
      ++strata_counted;
      continue;
    }
    switch (lonely_psu) {
      case LonelyPsu::kFail:
        return core::Fail(core::ErrorCode::kValidation,
                          fmt::format("stratum {} has only one PSU; choose how to treat it with "
                                      "--lonely-psu remove|adjust|certainty|average",
                                      design.stratum_names[h]));
      case LonelyPsu::kRemove:
      case LonelyPsu::kCertainty:
        ++strata_counted;
        break;
      case LonelyPsu::kAdjust:  // centred at the grand mean, 0
        variance += total * total;
        ++strata_counted;
        break;
      case LonelyPsu::kAverage:  // left out, then the sum is scaled up below
        break;
    }
  }
  if (lonely_psu == LonelyPsu::kAverage && strata_counted < strata_present) {
    if (strata_counted == 0) return kNaN;
    variance *= static_cast<double>(strata_present) / static_cast<double>(strata_counted);
  }
  return variance;
}

double Expit(double x) { return 1 / (1 + std::exp(-x)); }

// The intercept of R's glm(y ~ 1, family = quasibinomial, weights = w / mean(w)) as glm.fit
// computes it: the first IRLS step from row-wise starting values (summed by AddLogitStart), then
// Newton steps until the relative change in deviance is below 1e-8, at most 25 iterations. The
// result differs from logit(p) by R's convergence error, which is what svyciprop reports.
double GlmLogitIntercept(double p, double sum_wz, double sum_w, double start_deviance,
                         double prior_total) {
  constexpr double kEpsilon = 1e-8;
  constexpr int kMaxIterations = 25;
  const double prior_y1 = p * prior_total;
  const double prior_y0 = prior_total - prior_y1;
  const auto deviance = [&](double mu) {
    return -2 * (prior_y1 * std::log(mu) + prior_y0 * std::log(1 - mu));
  };
  double beta = sum_wz / sum_w;
  double previous = start_deviance;
  for (int iteration = 1; iteration <= kMaxIterations; ++iteration) {
    if (iteration > 1) {
      const double mu = Expit(beta);
      beta += (p - mu) / (mu * (1 - mu));
    }
    const double current = deviance(Expit(beta));
    if (std::fabs(current - previous) / (std::fabs(current) + 0.1) < kEpsilon) break;
    previous = current;
  }
  return beta;
}

}  // namespace

ProportionState::ProportionState(size_t psu_count) : psu_(psu_count) {}

void ProportionState::Reset() {
  std::fill(psu_.begin(), psu_.end(), PsuTotals{});
  n_ = n_missing_ = all_rows_ = all_weight_ = 0;
  logit_sum_wz_ = logit_sum_w_ = logit_deviance_ = 0;
  start_cache_.fill(StartTerms{});
  next_slot_ = 0;
}

void ProportionState::Merge(const ProportionState& other) {
  for (size_t i = 0; i < psu_.size(); ++i) {
    psu_[i].w += other.psu_[i].w;
    psu_[i].wy += other.psu_[i].wy;
    psu_[i].has_rows |= other.psu_[i].has_rows;
    psu_[i].has_members |= other.psu_[i].has_members;
  }
  n_ += other.n_;
  n_missing_ += other.n_missing_;
  all_rows_ += other.all_rows_;
  all_weight_ += other.all_weight_;
  logit_sum_wz_ += other.logit_sum_wz_;
  logit_sum_w_ += other.logit_sum_w_;
  logit_deviance_ += other.logit_deviance_;
}

ProportionState::StartTerms ProportionState::ComputeStartTerms(double weight) const {
  // glm.fit's start for a binomial family: mu = (w' y + 0.5) / (w' + 1) with w' = w / mean(w).
  // For y = 1 and y = 0 the logits are +/- log(2 w' + 1), the working weights w' mu (1 - mu) are
  // equal, the working responses are opposite, and so are the deviance terms' arguments; one
  // set of terms serves both (docs/statistics.md, "Confidence intervals").
  const double prior = weight / (all_weight_ / all_rows_);
  const double mu_yes = (prior + 0.5) / (prior + 1);  // start value of a row with y = 1
  StartTerms terms;
  terms.weight = weight;
  terms.w = prior * mu_yes * (1 - mu_yes);
  terms.wz = terms.w * (std::log1p(2 * prior) + 1 / mu_yes);
  terms.deviance = -2 * prior * std::log(mu_yes);
  return terms;
}

core::Result<void> ProportionState::SetInterval(const Design& design,
                                                const EstimateOptions& options,
                                                DomainEstimate& e) const {
  e.ci_low = e.ci_high = kNaN;
  const double alpha = 1 - options.level;
  if (options.ci == CiMethod::kWald) {  // confint(svymean()): normal quantile
    const double z = NormalQuantile(1 - alpha / 2);
    e.ci_low = e.estimate - z * e.se;
    e.ci_high = e.estimate + z * e.se;
    return {};
  }
  // svyciprop(method = "logit"): svyglm's intercept and sandwich SE, t with the domain's df.
  const double p = e.estimate;
  if (!(p > 0 && p < 1) || !(e.df > 0) || !(logit_sum_w_ > 0)) return {};
  const double prior_total = e.n_weighted / (all_weight_ / all_rows_);
  const double beta =
      GlmLogitIntercept(p, logit_sum_wz_, logit_sum_w_, logit_deviance_, prior_total);
  const double mu = Expit(beta);
  std::vector<double> z(psu_.size());
  for (size_t i = 0; i < z.size(); ++i) {
    z[i] = (psu_[i].wy - mu * psu_[i].w) / (mu * (1 - mu) * e.n_weighted);
  }
  INSPIRE_ASSIGN_OR_RETURN(const double variance,
                           LinearisedVariance(design, z, HasRows(), options.lonely_psu));
  const double t = StudentTQuantile(1 - alpha / 2, e.df);
  e.ci_low = Expit(beta - t * std::sqrt(variance));
  e.ci_high = Expit(beta + t * std::sqrt(variance));
  return {};
}

core::Result<DomainEstimate> ProportionState::Finish(const Design& design,
                                                     const EstimateOptions& options) const {
  DomainEstimate e;
  e.n_unweighted = n_;
  e.n_missing = n_missing_;
  double weighted_y = 0;
  for (const PsuTotals& totals : psu_) {
    e.n_weighted += totals.w;
    weighted_y += totals.wy;
  }
  // df: PSUs minus strata among rows with weight > 0 (R's degf() of the subset design).
  std::vector<uint8_t> stratum_seen(design.strata_count(), 0);
  double psus = 0;
  for (uint32_t i = 0; i < psu_.size(); ++i) {
    if (psu_[i].has_members == 0) continue;
    ++psus;
    stratum_seen[design.psu_stratum[i]] = 1;
  }
  e.df = psus - std::accumulate(stratum_seen.begin(), stratum_seen.end(), 0.0);
  if (!(e.n_weighted > 0)) {
    e.estimate = e.se = e.ci_low = e.ci_high = e.deff = kNaN;
    return e;
  }
  e.estimate = weighted_y / e.n_weighted;
  std::vector<double> z(psu_.size());
  for (size_t i = 0; i < z.size(); ++i) {
    z[i] = (psu_[i].wy - e.estimate * psu_[i].w) / e.n_weighted;
  }
  INSPIRE_ASSIGN_OR_RETURN(const double variance,
                           LinearisedVariance(design, z, HasRows(), options.lonely_psu));
  e.se = std::sqrt(variance);
  // deff = "replace": the variance over that of a with-replacement simple random sample of the
  // same n, p(1-p)/(n-1) (R: svyvar(y)/n with svyvar's n/(n-1) factor).
  const double srs_variance = e.estimate * (1 - e.estimate) / (e.n_unweighted - 1);
  e.deff = (e.n_unweighted > 1 && srs_variance > 0) ? variance / srs_variance : kNaN;
  INSPIRE_RETURN_IF_ERROR(SetInterval(design, options, e));
  return e;
}

}  // namespace inspire::survey
