// The design-based estimator of domain proportions (ratio/Hajek estimator, Taylor linearisation,
// PSUs with replacement within strata), as R survey's
//   svymean(~y, subset(design, domain), na.rm = TRUE, deff = "replace")
// with confidence intervals as svyciprop(method = "logit") or confint(svymean()).
// Formulas and their references: docs/statistics.md. State follows the Add/Merge/Finish shape.
//
// All domains of one disaggregation are estimated together. Their rows are summed per cell, a
// cell being one PSU's part of one domain; only cells that hold rows exist, so memory and the
// work of Finish grow with the rows and PSUs a domain touches, not with domains x PSUs.
#ifndef INSPIRE_SURVEY_PROPORTION_H_
#define INSPIRE_SURVEY_PROPORTION_H_

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "survey/design.h"
#include "survey/statistic.h"

namespace inspire::survey {

enum class CiMethod { kLogit, kWald };
enum class LonelyPsu { kFail, kRemove, kAdjust, kCertainty, kAverage };

// "fail", "remove", "adjust", "certainty" or "average" (R's survey.lonely.psu names); nullopt
// for anything else.
std::optional<LonelyPsu> ParseLonelyPsu(std::string_view text);

struct EstimateOptions {
  CiMethod ci = CiMethod::kLogit;
  double level = 0.95;
  LonelyPsu lonely_psu = LonelyPsu::kFail;
  DfRule df = DfRule::kDomain;
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
  double df = 0;  // degrees of freedom of the interval, by EstimateOptions::df
};

// The variance of a domain's statistic under simple random sampling of n rows with replacement,
// the denominator of deff = "replace": p (1 - p) / (n - 1) for a proportion; s2 / n for a mean
// and s2 W^2 / n for a total, s2 = (sum w y^2 / W - mean^2) n / (n - 1) (R's svyvar() has the
// n / (n - 1) factor). `weighted_yy` is unused for a proportion. NaN when n <= 1.
double SrsVariance(Statistic statistic, double n, double weight_sum, double weighted_y,
                   double weighted_yy);

// Sets e's interval to estimate -+ t(e.df) * se (R's confint(svymean(), df = )), or NaN when
// df <= 0 or the SE is not finite.
void SetTInterval(DomainEstimate& e, double level);

// Sets e's interval to estimate -+ z * se (R's confint(svymean()) without df).
void SetNormalInterval(DomainEstimate& e, double level);

// A row's domain in one disaggregation (0..domains-1; -1: in none). Disaggregations have at most
// a few thousand domains (survey/estimate.cc), so two bytes per row and disaggregation do.
using DomainIndex = int16_t;

// How the rows of a design fall into the domains of one disaggregation. A streamed set (when the
// rows of each PSU are adjacent and the domains x strata are few, CanStream) keeps only each
// row's domain: every PSU's rows are summed together and folded into per-stratum moments as the
// rows go by. Otherwise the set splits the PSUs into cells, a cell being one PSU's part of one
// domain, numbered by domain, then stratum, then PSU, so the cells of one domain and stratum are
// adjacent. Built once per disaggregation, shared by every indicator.
struct DomainCells {
  size_t domains = 0;
  bool streamed = false;
  std::vector<DomainIndex> row_domain;      // streamed: per row, its domain, or -1 for none;
                                            // empty for the whole sample (every row in 0)
  std::vector<int32_t> row_cell;            // cells: per row, its cell, or -1 if in no domain
  std::vector<uint32_t> cell_psu;           // cells: per cell, its PSU
  std::vector<uint32_t> cell_domain;        // cells: per cell, its domain (ascending)
  std::vector<uint32_t> domain_first_cell;  // cells: per domain, then the cell count: its cells
                                            // are [domain_first_cell[d], domain_first_cell[d + 1])
  size_t cells() const { return cell_psu.size(); }
};

// Whether a set of `domains` domains may be streamed on `design`: a stratified design (not
// replicate weights) whose PSUs are contiguous (Design::psus_contiguous), with domains x strata
// at most the larger of 65,536 and the PSU count (the per-stratum moments are then no bigger
// than the cells would be).
bool CanStream(const Design& design, size_t domains);

// A streamed set: `row_domain` gives each row's domain 0..domains-1, or -1 for none; empty when
// every row is in domain 0 (then `domains` is 1).
DomainCells StreamedDomainCells(std::vector<DomainIndex> row_domain, size_t domains);

// `row_domain`: each row's domain 0..domains-1, or -1 for none. Cells are found with a bitmap of
// domains x PSUs bits when that has at most `max_bitmap_bits` (32 MB), else with a hash table;
// both give the same numbering (tests lower the bound to check).
inline constexpr uint64_t kMaxDomainBitmapBits = uint64_t{1} << 28;
DomainCells MakeDomainCells(const Design& design, const std::vector<DomainIndex>& row_domain,
                            size_t domains, uint64_t max_bitmap_bits = kMaxDomainBitmapBits);

// Every row in one domain: streamed when CanStream(design, 1), else the cells are the PSUs.
DomainCells WholeSampleCells(const Design& design);

// Sums the strata's parts of a domain's variance (docs/statistics.md, "Variance"), strata with a
// single PSU by the lonely-PSU policy.
class StrataVariance {
 public:
  explicit StrataVariance(LonelyPsu policy) : policy_(policy) {}
  // Adds stratum h, which holds a row of the domain with a numerator: `total` is the sum of its
  // PSUs' scores z, `squares` the sum over all its n_h PSUs of (z - total / n_h)^2. Errors:
  // kValidation for a single-PSU stratum under LonelyPsu::kFail (naming the stratum).
  core::Result<void> Add(const Design& design, uint32_t h, double total, double squares);
  // The variance: NaN under kAverage when every stratum had one PSU.
  double Result() const;

 private:
  LonelyPsu policy_;
  double variance_ = 0;
  size_t present_ = 0;
  size_t counted_ = 0;
};

// A block's rows of the universe, prepared once for every streamed set of domains: per row m,
// its offset in the block and its terms in the sums.
struct StreamedRows {
  // kind: whether the numerator is missing (bit 0) and whether the weight is 0 (bit 1).
  static constexpr uint8_t kMissingBit = 1;
  static constexpr uint8_t kZeroWeightBit = 2;
  const uint32_t* offset = nullptr;
  const double* w = nullptr;   // the weight where the numerator is present, else 0
  const double* wy = nullptr;  // w y where present, else 0
  const double* wa = nullptr;  // w (y - shift) where present, else 0 (DomainSetState::SetShift)
  const uint8_t* kind = nullptr;
  size_t count = 0;
  // The rows come in runs of one PSU each (the table is grouped by PSU): run r ends before row
  // run_end[r], and run_psu[r] is its PSU. Found once per block for every set of domains.
  const uint32_t* run_end = nullptr;
  const uint32_t* run_psu = nullptr;
  size_t runs = 0;
};

// Accumulates the domains of one disaggregation for one indicator. Not thread-safe; merge
// per-thread states.
class DomainSetState {
 public:
  // `design`: the design the cells were made for (streamed sets read its strata).
  DomainSetState(const DomainCells& cells, const Design& design);

  // Adds a row of the universe in cell `cell` (DomainCells::row_cell, >= 0): its weight and
  // numerator (1, 0, or NaN for missing). Branch-free: whether numerators are missing varies
  // from row to row unpredictably.
  void Add(int32_t cell, double weight, double y) {
    CellTotals& totals = cells_totals_[static_cast<size_t>(cell)];
    const bool present = y == y;
    const bool member = weight > 0;
    totals.w += present ? weight : 0.0;
    totals.wy += present ? weight * y : 0.0;
    totals.present_rows += static_cast<uint32_t>(present);
    totals.missing_rows += static_cast<uint32_t>(!present);
    totals.n += static_cast<uint32_t>(present & member);
    totals.n_missing += static_cast<uint32_t>(!present & member);
  }

  // Streamed sets only: adds a block's rows of the universe (prepared once for every set, with
  // their PSU runs) whose `domain` (indexed by the rows' offsets in the block) is >= 0. All rows
  // of one PSU must come before the next PSU's (Design::psus_contiguous). Means: call SetShift
  // first, and give `rows.wa` about it.
  void AddStreamedRows(const StreamedRows& rows, const DomainIndex* domain);

  // Streamed sets, means only, before the first AddStreamedRows: a value near the mean (the
  // first numerator seen, say). The variance's moments are taken about it, which keeps them
  // accurate when the values are large next to their spread (a year, say).
  void SetShift(double shift) { shift_ = shift; }

  // Streamed sets: call after the last AddStreamedRows and before rows(), Finish or AddLogitStart.
  void EndRows() { StartPsu(kNoPsu); }

  // Only for means and totals, for the same rows as Add: the row's w y^2, summed per domain
  // (0..domains-1) for the design effect's simple-random-sampling variance.
  void AddSquare(int32_t domain, double weight, double y) {
    if (IsMissing(y)) return;
    domains_[static_cast<size_t>(domain)].wyy += weight * y * y;
  }

  // Only for logit intervals, after every Add and Merge: the weight of each row of R's subset
  // (every row Add saw under DfRule::kUniverse, those with a numerator under the other rules),
  // summed per domain for the first step of R's IRLS fit.
  void AddRowWeight(int32_t domain, double weight) {
    DomainTotals& totals = domains_[static_cast<size_t>(domain)];
    ++totals.all_rows;
    totals.all_weight += weight;
  }

  // Second pass, only for logit intervals: adds the term of a row of domain `domain` in the
  // first step of R's IRLS fit (docs/statistics.md, "Logit interval"). Call for the same rows as
  // Add, after AddRowWeight has seen all of them.
  void AddLogitStart(int32_t domain_index, double weight, double y) {
    if (IsMissing(y) || !(weight > 0)) return;
    DomainTotals& domain = domains_[static_cast<size_t>(domain_index)];
    const StartTerms& terms = domain.LogitStartTerms(weight);
    domain.logit_sum_wz += y == 1 ? terms.wz : -terms.wz;
    domain.logit_sum_w += terms.w;
    domain.logit_deviance += terms.deviance;
  }

  // Back to the state of a new object, keeping the storage.
  void Reset();

  // Rows added to `domain` so far, numerator missing or not.
  double rows(size_t domain) const;

  // Adds everything `other` (same DomainCells, not streamed) accumulated. Order of Add/Merge does
  // not matter.
  void Merge(const DomainSetState& other);

  // The estimate of `domain` as `statistic`; for a proportion's logit interval AddLogitStart
  // must have seen the rows, for a mean or total AddSquare. Errors: kValidation when a domain row
  // lies in a stratum with one PSU and the policy is kFail (the message names the stratum and the
  // options).
  core::Result<DomainEstimate> Finish(size_t domain, const Design& design,
                                      const EstimateOptions& options,
                                      Statistic statistic = Statistic::kProportion) const;

 private:
  // A row's terms in the first IRLS step, which depend only on its weight and its domain.
  struct StartTerms {
    double weight = -1;
    double wz = 0;
    double w = 0;
    double deviance = 0;
  };
  struct DomainTotals {
    double all_rows = 0;    // every row of the domain, numerator missing or not
    double all_weight = 0;  // their weights (R's svyglm rescales weights by their mean)
    double logit_sum_wz = 0;
    double logit_sum_w = 0;
    double logit_deviance = 0;
    double wyy = 0;  // means and totals: sum of w y^2 over rows with y present
    // Survey weights repeat within clusters and households (a few distinct values per
    // cluster), so most rows hit this small cache.
    std::array<StartTerms, 8> start_cache{};
    size_t next_slot = 0;
    const StartTerms& LogitStartTerms(double weight) {
      for (const StartTerms& terms : start_cache) {
        if (terms.weight == weight) return terms;
      }
      StartTerms& slot = start_cache[next_slot++ % start_cache.size()];
      slot = ComputeStartTerms(weight);
      return slot;
    }
    StartTerms ComputeStartTerms(double weight) const;
  };
  // Per cell (32 bytes: the accumulating pass is bound by memory traffic); the domain's counts
  // are the sums over its cells.
  struct CellTotals {
    double w = 0;               // sum of w over rows with y present
    double wy = 0;              // sum of w*y
    uint32_t present_rows = 0;  // rows with y present (any weight)
    uint32_t missing_rows = 0;  // rows with y missing (any weight)
    uint32_t n = 0;             // rows with weight > 0 and y present
    uint32_t n_missing = 0;     // rows with weight > 0 and y missing
    bool has_rows() const { return present_rows > 0; }
  };

  // Streamed sets: one domain's sums over the current PSU's rows.
  struct PsuDomainTotals {
    double w = 0;
    double wy = 0;
    double wa = 0;                    // sum of w (y - shift) over rows with y present
    std::array<uint32_t, 4> kinds{};  // rows of each StreamedRows kind
    bool touched = false;
  };
  // Domain d's sums in the current PSU, listed in touched_ the first time.
  PsuDomainTotals& Touch(DomainIndex d) {
    PsuDomainTotals& totals = psu_totals_[static_cast<size_t>(d)];
    if (!totals.touched) {
      totals.touched = true;
      touched_.push_back(static_cast<uint32_t>(d));
    }
    return totals;
  }
  // Streamed sets: one domain's PSUs in one stratum, each PSU's sums (b = w, a = w (y - shift))
  // as one term: their means and centred sums of squares and products (Welford's updates, exact
  // where the PSUs' sums are all alike), which give the variance about any centre.
  struct StratumMoments {
    double terms = 0;  // PSUs folded in
    double mean_a = 0;
    double mean_b = 0;
    double aa = 0;              // sum (a - mean_a)^2
    double ab = 0;              // sum (a - mean_a) (b - mean_b)
    double bb = 0;              // sum (b - mean_b)^2
    uint32_t psus_present = 0;  // PSUs with a row whose numerator is present (any weight)
    uint32_t psus_n = 0;        // PSUs with a row of weight > 0 and a numerator
    uint32_t psus_any = 0;      // PSUs with a row of weight > 0, numerator missing or not
  };
  static constexpr uint32_t kNoPsu = UINT32_MAX;
  // Streamed sets: folds the current PSU's sums into the moments and domain totals, then starts
  // `psu` (survey/proportion_stream.cc).
  void StartPsu(uint32_t psu);
  // A domain's counts, weighted sums and df's PSUs and strata, from its cells or its moments.
  void SumCells(size_t domain, const Design& design, bool count_missing, DomainEstimate& e,
                double& weighted_y, double& psus, double& strata) const;
  void SumStreamedDomain(size_t domain, bool count_missing, DomainEstimate& e, double& weighted_y,
                         double& psus, double& strata) const;
  core::Result<double> StreamedVariance(size_t domain, const Design& design, double centre,
                                        double scale, LonelyPsu lonely_psu) const;

  // The variance of the domain total of z = (wy - centre * w) / scale over the domain's cells
  // (docs/statistics.md, "Variance").
  core::Result<double> Variance(size_t domain, const Design& design, double centre, double scale,
                                LonelyPsu lonely_psu) const;
  // The intercept of R's svyglm(y ~ 1, family = quasibinomial) on the domain's full sample, as
  // glm.fit reaches it; NaN when the logit interval cannot be formed (the estimate is 0 or 1,
  // df <= 0, or AddLogitStart saw no row).
  double LogitIntercept(size_t domain, const DomainEstimate& e) const;
  core::Result<void> SetInterval(size_t domain, const Design& design,
                                 const EstimateOptions& options, DomainEstimate& e) const;
  // A mean's or total's estimate, SE, deff and t interval, from the domain's sums.
  core::Result<void> SetMeanOrTotal(size_t domain, const Design& design,
                                    const EstimateOptions& options, Statistic statistic,
                                    double weighted_y, DomainEstimate& e) const;
  // Replicate designs (survey/replicate_estimate.cc): the df of `domain`, the rank of the
  // replicate weights of the patterns holding its rows with a weight > 0 (and a numerator, unless
  // `count_missing`) minus 1, as R's degf() of the subset; cached by the set of patterns.
  double ReplicateDf(size_t domain, const Design& design, bool count_missing) const;
  // Replicate designs: the estimate, SE, deff and interval of `e` (counts and df set) from the
  // replicate estimates, as R's svymean/svytotal and svyciprop on an svrepdesign.
  void SetReplicateValues(size_t domain, const Design& design, const EstimateOptions& options,
                          Statistic statistic, double weighted_y, DomainEstimate& e) const;

  const DomainCells* cells_;
  std::vector<CellTotals> cells_totals_;  // cells only
  std::vector<DomainTotals> domains_;
  // Streamed sets: the current PSU's sums per domain and the domains it touched; per domain and
  // stratum (domain * strata + h) the moments; per domain the counts and sums over all PSUs.
  uint32_t current_psu_ = kNoPsu;
  uint32_t current_stratum_ = 0;
  double shift_ = 0;
  std::vector<PsuDomainTotals> psu_totals_;
  std::vector<uint32_t> touched_;
  std::vector<StratumMoments> moments_;
  std::vector<CellTotals> domain_sums_;
  std::vector<double> inverse_;  // inverse_[k] = 1/k up to the most PSUs of a stratum
  const std::vector<uint32_t>* psu_stratum_ = nullptr;
  size_t strata_ = 0;
  // Replicate designs: the rank of each set of patterns met so far (PatternSetKey), kept across
  // Reset because indicators with the same universe meet the same sets.
  mutable std::unordered_map<uint64_t, double> rank_cache_;
};

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_PROPORTION_H_
