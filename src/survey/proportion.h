// The design-based estimator of a domain proportion (ratio/Hajek estimator, Taylor linearisation,
// PSUs with replacement within strata), as R survey's
//   svymean(~y, subset(design, domain), na.rm = TRUE, deff = "replace")
// with confidence intervals as svyciprop(method = "logit") or confint(svymean()).
// Formulas and their references: docs/statistics.md. State follows the Add/Merge/Finish shape.
#ifndef INSPIRE_SURVEY_PROPORTION_H_
#define INSPIRE_SURVEY_PROPORTION_H_

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/error.h"
#include "survey/design.h"

namespace inspire::survey {

enum class CiMethod { kLogit, kWald };
enum class LonelyPsu { kFail, kRemove, kAdjust, kCertainty, kAverage };

struct EstimateOptions {
  CiMethod ci = CiMethod::kLogit;
  double level = 0.95;
  LonelyPsu lonely_psu = LonelyPsu::kFail;
};

// One domain's result. NaN marks a value that cannot be computed (written empty).
struct DomainEstimate {
  double n_unweighted = 0;  // rows with a weight > 0 and a non-missing numerator
  double n_missing = 0;     // rows with a weight > 0 whose numerator is missing
  double n_weighted = 0;    // sum of weights of the n_unweighted rows
  double estimate = 0;
  double se = 0;
  double ci_low = 0;
  double ci_high = 0;
  double deff = 0;
  double df = 0;  // PSUs minus strata among the domain's rows (missing numerators included)
};

// Accumulates one domain of one indicator over rows. Not thread-safe; merge per-thread states.
class ProportionState {
 public:
  explicit ProportionState(size_t psu_count);

  // Adds a row of the domain: its PSU, weight and numerator (1, 0, or NaN for missing).
  void Add(uint32_t psu, double weight, double y) {
    ++all_rows_;
    all_weight_ += weight;
    PsuTotals& totals = psu_[psu];
    if (IsMissing(y)) {
      if (weight > 0) {
        ++n_missing_;
        totals.has_members = 1;
      }
      return;
    }
    totals.w += weight;
    totals.wy += weight * y;
    totals.has_rows = 1;
    if (weight > 0) {
      ++n_;
      totals.has_members = 1;
    }
  }

  // Second pass, only for logit intervals: adds a row's term of the first step of R's IRLS fit
  // (docs/statistics.md, "Logit interval"). Call for the same rows as Add, after all of them.
  void AddLogitStart(double weight, double y) {
    if (IsMissing(y) || !(weight > 0)) return;
    const StartTerms& terms = LogitStartTerms(weight);
    logit_sum_wz_ += y == 1 ? terms.wz : -terms.wz;
    logit_sum_w_ += terms.w;
    logit_deviance_ += terms.deviance;
  }

  // Back to the state of a new object, keeping the storage.
  void Reset();

  // Rows added so far, numerator missing or not.
  double rows() const { return all_rows_; }

  // Adds everything `other` accumulated (same design). Order of Add/Merge does not matter.
  void Merge(const ProportionState& other);

  // The estimate; for logit intervals AddLogitStart must have seen the rows. Errors: kValidation
  // when a domain row lies in a stratum with one PSU and the policy is kFail (the message names the
  // stratum and the options).
  core::Result<DomainEstimate> Finish(const Design& design, const EstimateOptions& options) const;

 private:
  core::Result<void> SetInterval(const Design& design, const EstimateOptions& options,
                                 DomainEstimate& e) const;
  // A row's terms in the first IRLS step, which depend only on its weight.
  struct StartTerms {
    double weight = -1;
    double wz = 0;
    double w = 0;
    double deviance = 0;
  };
  // The terms for `weight`, from a small cache: survey weights repeat within clusters and
  // households (a few distinct values per cluster), so most rows hit it.
  const StartTerms& LogitStartTerms(double weight) {
    for (const StartTerms& terms : start_cache_) {
      if (terms.weight == weight) return terms;
    }
    StartTerms& slot = start_cache_[next_slot_++ % start_cache_.size()];
    slot = ComputeStartTerms(weight);
    return slot;
  }
  StartTerms ComputeStartTerms(double weight) const;

  // One record per PSU of the design, so that adding a row touches one cache line.
  struct PsuTotals {
    double w = 0;             // sum of w over rows with y present
    double wy = 0;            // sum of w*y
    uint8_t has_rows = 0;     // a row with y present (any weight)
    uint8_t has_members = 0;  // a row with weight > 0 (y present or not)
  };
  std::vector<PsuTotals> psu_;
  // Whether PSU i holds a row of the domain with the numerator present.
  auto HasRows() const {
    return [this](uint32_t i) { return psu_[i].has_rows != 0; };
  }
  double n_ = 0;
  double n_missing_ = 0;
  double all_rows_ = 0;    // every row of the domain, numerator missing or not
  double all_weight_ = 0;  // their weights (R's svyglm rescales weights by their mean)
  double logit_sum_wz_ = 0;
  double logit_sum_w_ = 0;
  double logit_deviance_ = 0;
  std::array<StartTerms, 8> start_cache_{};
  size_t next_slot_ = 0;
};

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_PROPORTION_H_
