// The streamed part of DomainSetState (survey/proportion.h): when the rows of each PSU are
// adjacent, a PSU's rows are summed per domain while they go by, and each finished PSU is folded
// into its stratum's moments. A domain's variance about any centre then comes from five sums per
// stratum instead of a pass over cells (docs/statistics.md, "Variance").
#include <algorithm>
#include <array>
#include <cmath>

#include "survey/proportion.h"

namespace inspire::survey {

void DomainSetState::AddStreamedRows(const StreamedRows& rows, const DomainIndex* domain) {
  const uint32_t* const offset = rows.offset;
  const double* const w = rows.w;
  const double* const wy = rows.wy;
  const double* const wa = rows.wa;
  const uint8_t* const kind = rows.kind;
  size_t m = 0;
  for (size_t run = 0; run < rows.runs; ++run) {
    // A new PSU folds the last one's sums; a PSU none of whose rows is in a domain of this set
    // folds nothing, as if it had been skipped.
    if (rows.run_psu[run] != current_psu_) StartPsu(rows.run_psu[run]);
    const size_t end = rows.run_end[run];
    // Most disaggregations by place (region, urban) and the whole sample give every row of a PSU
    // one domain: its rows are then summed in registers and added once, instead of each row
    // adding to the same memory as the row before it.
    const DomainIndex first = domain[offset[m]];
    size_t same = m + 1;
    while (same < end && domain[offset[same]] == first) ++same;
    if (same == end && first >= 0) {
      double sum_w = 0;
      double sum_wy = 0;
      double sum_wa = 0;
      std::array<uint32_t, 4> kinds{};
      for (; m < end; ++m) {
        sum_w += w[m];
        sum_wy += wy[m];
        sum_wa += wa[m];
        ++kinds[kind[m]];
      }
      PsuDomainTotals& totals = Touch(first);
      totals.w += sum_w;
      totals.wy += sum_wy;
      totals.wa += sum_wa;
      for (size_t k = 0; k < kinds.size(); ++k) totals.kinds[k] += kinds[k];
      continue;
    }
    for (; m < end; ++m) {
      const DomainIndex d = domain[offset[m]];
      if (d < 0) continue;
      PsuDomainTotals& totals = Touch(d);
      totals.w += w[m];
      totals.wy += wy[m];
      totals.wa += wa[m];
      ++totals.kinds[kind[m]];
    }
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
    const auto folded = static_cast<size_t>(m.terms);
    const double step = folded < inverse_.size() ? inverse_[folded] : 1 / m.terms;
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
