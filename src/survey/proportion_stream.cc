// The streamed part of DomainSetState (survey/proportion.h): when the rows of each PSU are
// adjacent, a PSU's rows are summed per domain while they go by, and each finished PSU is folded
// into its stratum's moments. A domain's variance about any centre then comes from five sums per
// stratum instead of a pass over cells (docs/statistics.md, "Variance").
#include <algorithm>
#include <array>
#include <cmath>

#include "survey/proportion.h"

namespace inspire::survey {

void DomainSetState::AddStreamedRows(const StreamedRows& rows, const DomainIndex* domain,
                                     const uint32_t* psu) {
  for (size_t m = 0; m < rows.count; ++m) {
    const uint32_t i = rows.offset[m];
    const DomainIndex d = domain[i];
    if (d < 0) continue;
    if (psu[i] != current_psu_) StartPsu(psu[i]);
    PsuDomainTotals& totals = psu_totals_[static_cast<size_t>(d)];
    if (!totals.touched) {
      totals.touched = true;
      touched_.push_back(static_cast<uint32_t>(d));
    }
    totals.w += rows.w[m];
    totals.wy += rows.wy[m];
    totals.wa += rows.wa[m];
    ++totals.kinds[rows.kind[m]];
  }
}

void DomainSetState::StartPsu(uint32_t psu) {
  constexpr uint8_t kNoY = StreamedRows::kMissingBit;
  constexpr uint8_t kZero = StreamedRows::kZeroWeightBit;
  for (const uint32_t domain : touched_) {
    PsuDomainTotals& totals = psu_totals_[domain];
    const std::array<uint32_t, 4>& k = totals.kinds;
    const uint32_t n = k[0];
    const uint32_t n_missing = k[kNoY];
    const uint32_t present_rows = k[0] + k[kZero];
    StratumMoments& m = moments_[domain * strata_ + current_stratum_];
    m.terms += 1;
    const double step = 1 / m.terms;
    const double da = totals.wa - m.mean_a;
    const double db = totals.w - m.mean_b;
    m.mean_a += da * step;
    m.mean_b += db * step;
    m.aa += da * (totals.wa - m.mean_a);
    m.ab += da * (totals.w - m.mean_b);
    m.bb += db * (totals.w - m.mean_b);
    m.psus_present += present_rows > 0 ? 1 : 0;
    m.psus_n += n > 0 ? 1 : 0;
    m.psus_any += n > 0 || n_missing > 0 ? 1 : 0;
    CellTotals& sums = domain_sums_[domain];
    sums.w += totals.w;
    sums.wy += totals.wy;
    sums.present_rows += present_rows;
    sums.missing_rows += k[kNoY] + k[kNoY | kZero];
    sums.n += n;
    sums.n_missing += n_missing;
    totals = PsuDomainTotals{};
  }
  touched_.clear();
  current_psu_ = psu;
  if (psu != kNoPsu) current_stratum_ = (*psu_stratum_)[psu];
}

void DomainSetState::SumStreamedDomain(size_t domain, bool count_missing, DomainEstimate& e,
                                       double& weighted_y, double& psus, double& strata) const {
  const CellTotals& sums = domain_sums_[domain];
  e.n_unweighted = sums.n;
  e.n_missing = sums.n_missing;
  e.n_weighted = sums.w;
  weighted_y = sums.wy;
  for (size_t h = 0; h < strata_; ++h) {
    const StratumMoments& m = moments_[domain * strata_ + h];
    const uint32_t counted = count_missing ? m.psus_any : m.psus_n;
    psus += counted;
    strata += counted > 0 ? 1 : 0;
  }
}

core::Result<double> DomainSetState::StreamedVariance(size_t domain, const Design& design,
                                                      double centre, double scale,
                                                      LonelyPsu lonely_psu) const {
  // A PSU's score is z = (w y - centre w) / scale summed over its rows, = (a - c b) / scale with
  // c = centre - shift. Over the k PSUs folded in: mean z = (mean_a - c mean_b) / scale and
  // sum (z - mean z)^2 = (AA - 2 c AB + c^2 BB) / scale^2 from the centred sums; the other
  // n_h - k PSUs of the stratum score 0, and joining the two groups adds k (n_h - k) / n_h
  // mean_z^2 (Chan et al.'s pairwise update).
  const double c = centre - shift_;
  StrataVariance sum(lonely_psu);
  for (uint32_t h = 0; h < strata_; ++h) {
    const StratumMoments& m = moments_[domain * strata_ + h];
    if (m.psus_present == 0) continue;
    const double n_h = design.psus_in_stratum[h];
    const double k = m.terms;
    const double mean = (m.mean_a - c * m.mean_b) / scale;
    const double within = std::max(0.0, (m.aa - 2 * c * m.ab + c * c * m.bb) / (scale * scale));
    const double squares = within + k * (n_h - k) / n_h * mean * mean;
    INSPIRE_RETURN_IF_ERROR(sum.Add(design, h, k * mean, squares));
  }
  return sum.Result();
}

}  // namespace inspire::survey
