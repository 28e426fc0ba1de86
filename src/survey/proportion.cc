#include "survey/proportion.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "survey/distributions.h"
#include "survey/glm_intercept.h"

namespace inspire::survey {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

std::optional<LonelyPsu> ParseLonelyPsu(std::string_view text) {
  if (text == "fail") return LonelyPsu::kFail;
  if (text == "remove") return LonelyPsu::kRemove;
  if (text == "adjust") return LonelyPsu::kAdjust;
  if (text == "certainty") return LonelyPsu::kCertainty;
  if (text == "average") return LonelyPsu::kAverage;
  return std::nullopt;
}

double SrsVariance(Statistic statistic, double n, double weight_sum, double weighted_y,
                   double weighted_yy) {
  if (!(n > 1)) return kNaN;
  const double mean = weighted_y / weight_sum;
  if (statistic == Statistic::kProportion) return mean * (1 - mean) / (n - 1);
  const double s2 = (weighted_yy / weight_sum - mean * mean) * n / (n - 1);
  return statistic == Statistic::kMean ? s2 / n : s2 * weight_sum * weight_sum / n;
}

void SetTInterval(DomainEstimate& e, double level) {
  e.ci_low = e.ci_high = kNaN;
  if (!(e.df > 0) || !std::isfinite(e.se)) return;
  const double t = StudentTQuantile(1 - (1 - level) / 2, e.df);
  e.ci_low = e.estimate - t * e.se;
  e.ci_high = e.estimate + t * e.se;
}

void SetNormalInterval(DomainEstimate& e, double level) {
  const double z = NormalQuantile(1 - (1 - level) / 2);
  e.ci_low = e.estimate - z * e.se;
  e.ci_high = e.estimate + z * e.se;
}

namespace {

// A cell's key orders cells by domain, then stratum, then PSU: domain * P + the PSU's position in
// design.stratum_psus (which lists strata in order, and each stratum's PSUs in order).
std::vector<uint32_t> PsuPositions(const Design& design) {
  std::vector<uint32_t> position(design.psu_count());
  for (size_t k = 0; k < design.stratum_psus.size(); ++k) {
    position[design.stratum_psus[k]] = static_cast<uint32_t>(k);
  }
  return position;
}

// Each row's cell number: the count of marked keys before the row's own key. Compiled twice,
// with and without the CPU's popcount instruction, the loader picking one (the baseline x86-64
// that Debian targets has none, and the software fallback is several times slower).
__attribute__((target_clones("popcnt", "default"))) void NumberRowsFromBitmap(
    const std::vector<uint64_t>& bitmap, const std::vector<uint32_t>& before,
    const std::vector<DomainIndex>& row_domain, const std::vector<uint32_t>& position,
    const std::vector<uint32_t>& row_psu, uint64_t psu_count, std::vector<int32_t>& row_cell) {
  for (size_t row = 0; row < row_domain.size(); ++row) {
    if (row_domain[row] < 0) continue;
    const uint64_t key =
        static_cast<uint64_t>(row_domain[row]) * psu_count + position[row_psu[row]];
    const uint64_t lower = bitmap[key / 64] & ((uint64_t{1} << (key % 64)) - 1);
    row_cell[row] = static_cast<int32_t>(before[key / 64] + __builtin_popcountll(lower));
  }
}

void FinishCells(const Design& design, const std::vector<uint64_t>& sorted_keys, size_t domains,
                 DomainCells& cells) {
  const uint64_t psu_count = design.psu_count();
  cells.cell_psu.resize(sorted_keys.size());
  cells.cell_domain.resize(sorted_keys.size());
  cells.domain_first_cell.assign(domains + 1, 0);
  for (size_t k = 0; k < sorted_keys.size(); ++k) {
    cells.cell_psu[k] = design.stratum_psus[sorted_keys[k] % psu_count];
    cells.cell_domain[k] = static_cast<uint32_t>(sorted_keys[k] / psu_count);
    ++cells.domain_first_cell[cells.cell_domain[k] + 1];
  }
  for (size_t d = 0; d < domains; ++d) {
    cells.domain_first_cell[d + 1] += cells.domain_first_cell[d];
  }
}

}  // namespace

DomainCells MakeDomainCells(const Design& design, const std::vector<DomainIndex>& row_domain,
                            size_t domains, uint64_t max_bitmap_bits) {
  DomainCells cells;
  cells.domains = domains;
  const size_t rows = row_domain.size();
  const uint64_t psu_count = design.psu_count();
  const std::vector<uint32_t> position = PsuPositions(design);
  const auto key_of = [&](size_t row) {
    return static_cast<uint64_t>(row_domain[row]) * psu_count + position[design.psu[row]];
  };
  cells.row_cell.assign(rows, -1);
  std::vector<uint64_t> keys;
  if (domains * psu_count <= max_bitmap_bits) {
    // Mark the keys that occur; a cell's number is the count of marked keys before its own.
    std::vector<uint64_t> bitmap((domains * psu_count + 63) / 64, 0);
    for (size_t row = 0; row < rows; ++row) {
      if (row_domain[row] < 0) continue;
      const uint64_t key = key_of(row);
      bitmap[key / 64] |= uint64_t{1} << (key % 64);
    }
    std::vector<uint32_t> before(bitmap.size());
    uint32_t count = 0;
    for (size_t word = 0; word < bitmap.size(); ++word) {
      before[word] = count;
      for (uint64_t bits = bitmap[word]; bits != 0; bits &= bits - 1) {
        keys.push_back(word * 64 + static_cast<uint64_t>(__builtin_ctzll(bits)));
        ++count;
      }
    }
    NumberRowsFromBitmap(bitmap, before, row_domain, position, design.psu, psu_count,
                         cells.row_cell);
  } else {
    // Provisional numbers in order of first appearance, then renumbered in key order.
    std::unordered_map<uint64_t, int32_t> index;
    for (size_t row = 0; row < rows; ++row) {
      if (row_domain[row] < 0) continue;
      const uint64_t key = key_of(row);
      const auto [it, inserted] = index.emplace(key, static_cast<int32_t>(keys.size()));
      if (inserted) keys.push_back(key);
      cells.row_cell[row] = it->second;
    }
    std::vector<uint32_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
    std::vector<int32_t> final_number(keys.size());
    std::vector<uint64_t> sorted(keys.size());
    for (size_t k = 0; k < order.size(); ++k) {
      final_number[order[k]] = static_cast<int32_t>(k);
      sorted[k] = keys[order[k]];
    }
    for (int32_t& cell : cells.row_cell) {
      if (cell >= 0) cell = final_number[static_cast<size_t>(cell)];
    }
    keys = std::move(sorted);
  }
  FinishCells(design, keys, domains, cells);
  return cells;
}

bool CanStream(const Design& design, size_t domains) {
  if (design.replicates || !design.psus_contiguous) return false;
  const uint64_t moments = uint64_t{domains} * design.strata_count();
  return moments <= std::max<uint64_t>(uint64_t{1} << 16, design.psu_count());
}

DomainCells StreamedDomainCells(std::vector<DomainIndex> row_domain, size_t domains) {
  DomainCells cells;
  cells.domains = domains;
  cells.streamed = true;
  cells.row_domain = std::move(row_domain);
  return cells;
}

DomainCells WholeSampleCells(const Design& design) {
  if (CanStream(design, 1)) return StreamedDomainCells({}, 1);
  DomainCells cells;
  cells.domains = 1;
  cells.cell_psu = design.stratum_psus;  // PSUs ordered by stratum, then PSU
  cells.cell_domain.assign(cells.cell_psu.size(), 0);
  cells.domain_first_cell = {0, static_cast<uint32_t>(cells.cell_psu.size())};
  std::vector<int32_t> cell_of_psu(design.psu_count());
  for (size_t k = 0; k < cells.cell_psu.size(); ++k) {
    cell_of_psu[cells.cell_psu[k]] = static_cast<int32_t>(k);
  }
  cells.row_cell.resize(design.psu.size());
  for (size_t row = 0; row < design.psu.size(); ++row) {
    cells.row_cell[row] = cell_of_psu[design.psu[row]];
  }
  return cells;
}

core::Result<void> StrataVariance::Add(const Design& design, uint32_t h, double total,
                                       double squares) {
  ++present_;
  const double n_h = design.psus_in_stratum[h];
  if (n_h >= 2) {
    variance_ += squares * n_h / (n_h - 1);
    ++counted_;
    return {};
  }
  switch (policy_) {
    case LonelyPsu::kFail:
      return core::Fail(core::ErrorCode::kValidation,
                        fmt::format("stratum {} has only one PSU; choose how to treat it with "
                                    "--lonely-psu remove|adjust|certainty|average",
                                    design.stratum_names[h]));
    case LonelyPsu::kRemove:
    case LonelyPsu::kCertainty:
      ++counted_;
      break;
    case LonelyPsu::kAdjust:  // centred at the grand mean, 0
      variance_ += total * total;
      ++counted_;
      break;
    case LonelyPsu::kAverage:  // left out, then the sum is scaled up by Result
      break;
  }
  return {};
}

double StrataVariance::Result() const {
  if (policy_ != LonelyPsu::kAverage || counted_ == present_) return variance_;
  if (counted_ == 0) return kNaN;
  return variance_ * static_cast<double>(present_) / static_cast<double>(counted_);
}

DomainSetState::DomainSetState(const DomainCells& cells, const Design& design)
    : cells_(&cells), domains_(cells.domains) {
  if (!cells.streamed) {
    cells_totals_.resize(cells.cells());
    return;
  }
  psu_stratum_ = &design.psu_stratum;
  strata_ = design.strata_count();
  psu_totals_.resize(cells.domains);
  moments_.resize(cells.domains * strata_);
  domain_sums_.resize(cells.domains);
  // 1/k for every count of PSUs a stratum can reach: the fold's step without a division.
  uint32_t most = 0;
  for (const uint32_t n : design.psus_in_stratum) most = std::max(most, n);
  inverse_.resize(static_cast<size_t>(most) + 1, 0.0);
  for (size_t k = 1; k < inverse_.size(); ++k) inverse_[k] = 1 / static_cast<double>(k);
}

void DomainSetState::Reset() {
  std::fill(cells_totals_.begin(), cells_totals_.end(), CellTotals{});
  std::fill(domains_.begin(), domains_.end(), DomainTotals{});
  for (const uint32_t domain : touched_) psu_totals_[domain] = PsuDomainTotals{};
  touched_.clear();
  current_psu_ = kNoPsu;
  shift_ = 0;
  std::fill(moments_.begin(), moments_.end(), StratumMoments{});
  std::fill(domain_sums_.begin(), domain_sums_.end(), CellTotals{});
}

double DomainSetState::rows(size_t domain) const {
  if (cells_->streamed) {
    return static_cast<double>(domain_sums_[domain].present_rows) +
           domain_sums_[domain].missing_rows;
  }
  double rows = 0;
  for (uint32_t cell = cells_->domain_first_cell[domain];
       cell < cells_->domain_first_cell[domain + 1]; ++cell) {
    rows += cells_totals_[cell].present_rows + cells_totals_[cell].missing_rows;
  }
  return rows;
}

void DomainSetState::Merge(const DomainSetState& other) {
  for (size_t i = 0; i < cells_totals_.size(); ++i) {
    CellTotals& totals = cells_totals_[i];
    const CellTotals& more = other.cells_totals_[i];
    totals.w += more.w;
    totals.wy += more.wy;
    totals.present_rows += more.present_rows;
    totals.missing_rows += more.missing_rows;
    totals.n += more.n;
    totals.n_missing += more.n_missing;
  }
  for (size_t d = 0; d < domains_.size(); ++d) {
    DomainTotals& totals = domains_[d];
    const DomainTotals& more = other.domains_[d];
    totals.all_rows += more.all_rows;
    totals.all_weight += more.all_weight;
    totals.logit_sum_wz += more.logit_sum_wz;
    totals.logit_sum_w += more.logit_sum_w;
    totals.logit_deviance += more.logit_deviance;
    totals.wyy += more.wyy;
  }
}

DomainSetState::StartTerms DomainSetState::DomainTotals::ComputeStartTerms(double weight) const {
  // glm.fit's start for a binomial family: mu = (w' y + 0.5) / (w' + 1) with w' = w / mean(w).
  // For y = 1 and y = 0 the logits are +/- log(2 w' + 1), the working weights w' mu (1 - mu) are
  // equal, the working responses are opposite, and so are the deviance terms' arguments; one
  // set of terms serves both (docs/statistics.md, "Confidence intervals").
  const double prior = weight / (all_weight / all_rows);
  const double mu_yes = (prior + 0.5) / (prior + 1);  // start value of a row with y = 1
  StartTerms terms;
  terms.weight = weight;
  terms.w = prior * mu_yes * (1 - mu_yes);
  terms.wz = terms.w * (std::log1p(2 * prior) + 1 / mu_yes);
  terms.deviance = -2 * prior * std::log(mu_yes);
  return terms;
}

core::Result<double> DomainSetState::Variance(size_t domain, const Design& design, double centre,
                                              double scale, LonelyPsu lonely_psu) const {
  if (cells_->streamed) return StreamedVariance(domain, design, centre, scale, lonely_psu);
  // Per stratum h with n_h PSUs: sum over its PSUs of (z_i - mean_h)^2. PSUs without a cell of
  // the domain have z_i = 0 and add (n_h - k) * mean_h^2 together.
  const auto z = [&](uint32_t cell) {
    return (cells_totals_[cell].wy - centre * cells_totals_[cell].w) / scale;
  };
  StrataVariance sum(lonely_psu);
  const uint32_t last = cells_->domain_first_cell[domain + 1];
  for (uint32_t begin = cells_->domain_first_cell[domain]; begin < last;) {
    const uint32_t h = design.psu_stratum[cells_->cell_psu[begin]];
    uint32_t end = begin;
    bool present = false;
    double total = 0;
    for (; end < last && design.psu_stratum[cells_->cell_psu[end]] == h; ++end) {
      present = present || cells_totals_[end].has_rows();
      total += z(end);
    }
    const uint32_t first = begin;
    begin = end;
    if (!present) continue;
    const double n_h = design.psus_in_stratum[h];
    const double mean = total / n_h;
    double squares = 0;
    for (uint32_t cell = first; cell < end; ++cell) {
      const double deviation = z(cell) - mean;
      squares += deviation * deviation;
    }
    squares += (n_h - static_cast<double>(end - first)) * mean * mean;
    INSPIRE_RETURN_IF_ERROR(sum.Add(design, h, total, squares));
  }
  return sum.Result();
}

double DomainSetState::LogitIntercept(size_t domain, const DomainEstimate& e) const {
  const DomainTotals& totals = domains_[domain];
  const double p = e.estimate;
  if (!(p > 0 && p < 1) || !(e.df > 0) || !(totals.logit_sum_w > 0)) return kNaN;
  const double prior_total = e.n_weighted / (totals.all_weight / totals.all_rows);
  // glm(y ~ 1, family = quasibinomial, weights = w / mean(w)): the first IRLS iteration from
  // the row-wise starting values AddLogitStart summed, then glm.fit's further iterations.
  return GlmIntercept(p, prior_total, totals.logit_sum_wz / totals.logit_sum_w,
                      totals.logit_deviance);
}

core::Result<void> DomainSetState::SetInterval(size_t domain, const Design& design,
                                               const EstimateOptions& options,
                                               DomainEstimate& e) const {
  e.ci_low = e.ci_high = kNaN;
  const double alpha = 1 - options.level;
  if (options.ci == CiMethod::kWald) {  // confint(svymean()): normal quantile
    SetNormalInterval(e, options.level);
    return {};
  }
  // svyciprop(method = "logit"): svyglm's intercept and sandwich SE, t with the domain's df.
  const double beta = LogitIntercept(domain, e);
  if (std::isnan(beta)) return {};
  const double mu = Expit(beta);
  INSPIRE_ASSIGN_OR_RETURN(
      const double variance,
      Variance(domain, design, mu, mu * (1 - mu) * e.n_weighted, options.lonely_psu));
  const double t = StudentTQuantile(1 - alpha / 2, e.df);
  e.ci_low = Expit(beta - t * std::sqrt(variance));
  e.ci_high = Expit(beta + t * std::sqrt(variance));
  return {};
}

core::Result<void> DomainSetState::SetMeanOrTotal(size_t domain, const Design& design,
                                                  const EstimateOptions& options,
                                                  Statistic statistic, double weighted_y,
                                                  DomainEstimate& e) const {
  // svymean: the ratio sum(w y) / sum(w), linearised as a proportion is; svytotal: sum(w y),
  // whose PSU scores are the plain w y (docs/statistics.md, "Means and totals").
  const bool mean = statistic == Statistic::kMean;
  e.estimate = mean ? weighted_y / e.n_weighted : weighted_y;
  INSPIRE_ASSIGN_OR_RETURN(const double variance,
                           Variance(domain, design, mean ? e.estimate : 0.0,
                                    mean ? e.n_weighted : 1.0, options.lonely_psu));
  e.se = std::sqrt(variance);
  const double srs_variance =
      SrsVariance(statistic, e.n_unweighted, e.n_weighted, weighted_y, domains_[domain].wyy);
  e.deff = srs_variance > 0 ? variance / srs_variance : kNaN;
  // confint(svymean(), df = degf(...)): a t interval on the rule's df.
  SetTInterval(e, options.level);
  return {};
}

void DomainSetState::SumCells(size_t domain, const Design& design, bool count_missing,
                              DomainEstimate& e, double& weighted_y, double& psus,
                              double& strata) const {
  uint32_t last_stratum = UINT32_MAX;
  for (uint32_t cell = cells_->domain_first_cell[domain];
       cell < cells_->domain_first_cell[domain + 1]; ++cell) {
    const CellTotals& c = cells_totals_[cell];
    e.n_unweighted += c.n;
    e.n_missing += c.n_missing;
    e.n_weighted += c.w;
    weighted_y += c.wy;
    if (c.n == 0 && !(count_missing && c.n_missing > 0)) continue;
    ++psus;
    const uint32_t h = design.psu_stratum[cells_->cell_psu[cell]];
    if (h != last_stratum) ++strata;
    last_stratum = h;
  }
}

core::Result<DomainEstimate> DomainSetState::Finish(size_t domain, const Design& design,
                                                    const EstimateOptions& options,
                                                    Statistic statistic) const {
  DomainEstimate e;
  double weighted_y = 0;
  // df: PSUs minus strata among rows with weight > 0 (R's degf() of the subset design), with or
  // without the rows whose numerator is missing; the domain's cells come stratum by stratum.
  const bool count_missing = options.df == DfRule::kUniverse;
  double psus = 0;
  double strata = 0;
  if (cells_->streamed) {
    SumStreamedDomain(domain, count_missing, e, weighted_y, psus, strata);
  } else {
    SumCells(domain, design, count_missing, e, weighted_y, psus, strata);
  }
  e.df = psus - strata;
  if (options.df == DfRule::kDesign) {
    e.df = design.df;
  } else if (design.replicates) {
    e.df = ReplicateDf(domain, design, count_missing);
  }
  if (!(e.n_weighted > 0)) {
    e.estimate = e.se = e.ci_low = e.ci_high = e.deff = kNaN;
    return e;
  }
  if (design.replicates) {
    SetReplicateValues(domain, design, options, statistic, weighted_y, e);
    return e;
  }
  if (statistic != Statistic::kProportion) {
    INSPIRE_RETURN_IF_ERROR(SetMeanOrTotal(domain, design, options, statistic, weighted_y, e));
    return e;
  }
  e.estimate = weighted_y / e.n_weighted;
  INSPIRE_ASSIGN_OR_RETURN(const double variance,
                           Variance(domain, design, e.estimate, e.n_weighted, options.lonely_psu));
  e.se = std::sqrt(variance);
  // deff = "replace": the variance over that of a with-replacement simple random sample.
  const double srs_variance =
      SrsVariance(Statistic::kProportion, e.n_unweighted, e.n_weighted, weighted_y, 0);
  e.deff = srs_variance > 0 ? variance / srs_variance : kNaN;
  INSPIRE_RETURN_IF_ERROR(SetInterval(domain, design, options, e));
  return e;
}

}  // namespace inspire::survey
