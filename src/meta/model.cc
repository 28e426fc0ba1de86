#include "meta/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cfloat>
#include <cmath>
#include <numbers>

#include "meta/effect_size.h"

namespace inspire::meta {
namespace {

using core::ErrorCode;

// Two-sided p of a z or t statistic (df empty: normal).
double TwoSidedP(double statistic, std::optional<int> df) {
  if (std::isnan(statistic)) return std::nan("");
  if (std::isinf(statistic)) return 0;
  const double a = std::fabs(statistic);
  if (!df) return std::erfc(a / std::numbers::sqrt2);
  return 2 * boost::math::cdf(boost::math::complement(boost::math::students_t(*df), a));
}

// The upper alpha/2 critical value of the normal or t distribution.
double Critical(double level, std::optional<int> df) {
  const double upper = (1 - level) / 2;
  if (!df) return boost::math::quantile(boost::math::complement(boost::math::normal(), upper));
  return boost::math::quantile(boost::math::complement(boost::math::students_t(*df), upper));
}

double ChiSquareUpper(double q, int df) {
  if (!(q > 0)) return 1;
  if (std::isinf(q)) return 0;
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared(df), q));
}

// Sums over the studies with weights w_i = 1 / (v_i + tau2).
struct Weighted {
  double s1 = 0, s2 = 0, s3 = 0;  // sums of w, w^2, w^3
  double mean = 0;                // weighted mean of y
  double rss = 0;                 // sum of w (y - mean)^2
  double rss2 = 0;                // sum of w^2 (y - mean)^2
  double log_v = 0;               // sum of log(v + tau2)
};

Weighted Weigh(std::span<const double> y, std::span<const double> v, double tau2) {
  Weighted out;
  double sum_wy = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    const double w = 1 / (v[i] + tau2);
    out.s1 += w;
    out.s2 += w * w;
    out.s3 += w * w * w;
    sum_wy += w * y[i];
    out.log_v += std::log(v[i] + tau2);
  }
  out.mean = sum_wy / out.s1;
  for (size_t i = 0; i < y.size(); ++i) {
    const double w = 1 / (v[i] + tau2);
    const double r = y[i] - out.mean;
    out.rss += w * r * r;
    out.rss2 += w * w * r * r;
  }
  return out;
}

// The restricted log-likelihood of an intercept-only model at tau2.
double RestrictedLogLikelihood(std::span<const double> y, std::span<const double> v, double tau2) {
  const Weighted s = Weigh(y, v, tau2);
  const double k = static_cast<double>(y.size());
  return -0.5 * (k - 1) * std::log(2 * std::numbers::pi) - 0.5 * s.log_v - 0.5 * std::log(s.s1) -
         0.5 * s.rss;
}

bool Converged(double change, double tau2) {
  return change <= kTau2Tolerance * std::max(1.0, tau2);
}

struct Tau2 {
  double value = 0;
  int iterations = 0;
};

core::Result<Tau2> DerSimonianLaird(std::span<const double> y, std::span<const double> v) {
  const Weighted s = Weigh(y, v, 0);
  const double k = static_cast<double>(y.size());
  return Tau2{std::max(0.0, (s.rss - (k - 1)) / (s.s1 - s.s2 / s.s1)), 0};
}

// Fisher scoring as metafor does it: Hedges' estimate to start, steps halved to stay >= 0, then
// tau2 = 0 if the likelihood there is higher (a local maximum).
core::Result<Tau2> RestrictedMaximumLikelihood(std::span<const double> y,
                                               std::span<const double> v) {
  const double k = static_cast<double>(y.size());
  double mean = 0;
  for (double value : y) mean += value;
  mean /= k;
  double ss = 0, sum_v = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    ss += (y[i] - mean) * (y[i] - mean);
    sum_v += v[i];
  }
  double tau2 = std::max(0.0, (ss - sum_v * (k - 1) / k) / (k - 1));
  int iterations = 0;
  for (;;) {
    if (++iterations > kMaxIterations) {
      return core::Fail(ErrorCode::kValidation,
                        fmt::format("the REML estimate of tau^2 did not converge in {} "
                                    "iterations; try --method PM or DL",
                                    kMaxIterations));
    }
    const Weighted s = Weigh(y, v, tau2);
    const double tr_p = s.s1 - s.s2 / s.s1;
    const double tr_pp = s.s2 - 2 * s.s3 / s.s1 + (s.s2 * s.s2) / (s.s1 * s.s1);
    double step = (s.rss2 - tr_p) / tr_pp;
    if (!std::isfinite(step)) step = 0;
    while (tau2 + step < 0) step /= 2;  // ends: step reaches -0.0 after at most ~1100 halvings
    const double old = tau2;
    tau2 += step;
    if (Converged(std::fabs(tau2 - old), tau2)) break;
  }
  if (tau2 > kTau2Tolerance &&
      RestrictedLogLikelihood(y, v, 0) - RestrictedLogLikelihood(y, v, tau2) > 1e-12) {
    tau2 = 0;
  }
  return Tau2{tau2, iterations};
}

// Paule-Mandel: the tau2 at which the generalised Q equals its expectation k - 1 (Q falls as tau2
// grows), found by bisection after bracketing.
core::Result<Tau2> PauleMandel(std::span<const double> y, std::span<const double> v) {
  const double target = static_cast<double>(y.size()) - 1;
  if (Weigh(y, v, 0).rss <= target) return Tau2{0, 0};
  double low = 0, high = 100;
  int iterations = 0;
  while (Weigh(y, v, high).rss > target) {
    low = high;
    high *= 2;
    if (++iterations > kMaxIterations || !std::isfinite(high)) {
      return core::Fail(ErrorCode::kValidation,
                        "the Paule-Mandel estimate of tau^2 could not be bracketed");
    }
  }
  while (!Converged(high - low, high)) {
    if (++iterations > kMaxIterations) {
      return core::Fail(ErrorCode::kValidation,
                        fmt::format("the Paule-Mandel estimate of tau^2 did not converge in {} "
                                    "iterations",
                                    kMaxIterations));
    }
    const double middle = low + (high - low) / 2;
    if (middle <= low || middle >= high) break;  // no double between them: as close as it gets
    (Weigh(y, v, middle).rss > target ? low : high) = middle;
  }
  return Tau2{low + (high - low) / 2, iterations};
}

core::Result<Tau2> EstimateTau2(std::span<const double> y, std::span<const double> v,
                                Method method) {
  switch (method) {
    case Method::kFe:
      return Tau2{};
    case Method::kDl:
      return DerSimonianLaird(y, v);
    case Method::kReml:
      return RestrictedMaximumLikelihood(y, v);
    case Method::kPm:
      return PauleMandel(y, v);
  }
  return core::Fail(ErrorCode::kInternal, "unknown method");
}

core::Result<void> CheckInput(std::span<const double> yi, std::span<const double> vi,
                              const ModelOptions& options, size_t minimum) {
  if (yi.size() != vi.size()) {
    return core::Fail(ErrorCode::kInternal, "effects and variances differ in number");
  }
  if (yi.size() < minimum) {
    return core::Fail(ErrorCode::kValidation,
                      fmt::format("a meta-analysis needs at least {} studies; there {} {}", minimum,
                                  yi.size() == 1 ? "is" : "are", yi.size()));
  }
  if (!(options.level > 0 && options.level < 1)) {
    return core::Fail(ErrorCode::kInvalidArgument,
                      fmt::format("the level is {}; expected a number between 0 and 1 such as "
                                  "0.95",
                                  options.level));
  }
  for (size_t i = 0; i < yi.size(); ++i) {
    if (!(std::fabs(yi[i]) <= kMaxAbsEffect) || !(vi[i] >= kMinVariance) ||
        !(vi[i] <= kMaxVariance)) {
      return core::Fail(ErrorCode::kValidation,
                        fmt::format("study {} has effect {} with variance {}; expected an effect "
                                    "between -{:g} and {:g} and a variance between {:g} and {:g}",
                                    i + 1, yi[i], vi[i], kMaxAbsEffect, kMaxAbsEffect, kMinVariance,
                                    kMaxVariance));
    }
  }
  return {};
}

Pooled SingleStudy(double yi, double vi, double level) {
  Pooled out;
  out.k = 1;
  out.estimate = yi;
  out.se = std::sqrt(vi);
  out.statistic = yi / out.se;
  out.p = TwoSidedP(out.statistic, std::nullopt);
  const double crit = Critical(level, std::nullopt);
  out.ci_low = yi - crit * out.se;
  out.ci_high = yi + crit * out.se;
  out.weights = {100};
  return out;
}

}  // namespace

core::Result<Method> ParseMethod(std::string_view name) {
  if (name == "FE") return Method::kFe;
  if (name == "DL") return Method::kDl;
  if (name == "REML") return Method::kReml;
  if (name == "PM") return Method::kPm;
  return core::Fail(ErrorCode::kInvalidArgument,
                    fmt::format("unknown method '{}'; expected FE, DL, REML or PM", name));
}

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kFe:
      return "FE";
    case Method::kDl:
      return "DL";
    case Method::kReml:
      return "REML";
    case Method::kPm:
      return "PM";
  }
  return "?";
}

core::Result<Pooled> Pool(std::span<const double> yi, std::span<const double> vi,
                          const ModelOptions& options) {
  INSPIRE_RETURN_IF_ERROR(CheckInput(yi, vi, options, 2));
  const auto k = static_cast<int>(yi.size());
  // Centred effects for the tau2 search, as metafor does (the residuals are the same).
  double mean = 0;
  for (double y : yi) mean += y;
  mean /= k;
  std::vector<double> centred(yi.begin(), yi.end());
  for (double& y : centred) y -= mean;
  INSPIRE_ASSIGN_OR_RETURN(const Tau2 tau2, EstimateTau2(centred, vi, options.method));

  Pooled out;
  out.k = k;
  out.tau2 = tau2.value;
  out.iterations = tau2.iterations;
  const Weighted fit = Weigh(yi, vi, out.tau2);
  out.estimate = fit.mean;
  double variance = 1 / fit.s1;
  if (options.knha) {
    out.df = k - 1;
    variance *= fit.rss <= DBL_EPSILON ? 0 : fit.rss / (k - 1);
  }
  out.se = std::sqrt(variance);
  out.statistic = out.estimate / out.se;
  out.p = TwoSidedP(out.statistic, out.df);
  const double crit = Critical(options.level, out.df);
  out.ci_low = out.estimate - crit * out.se;
  out.ci_high = out.estimate + crit * out.se;
  if (options.method != Method::kFe) {
    const double spread = std::sqrt(variance + out.tau2);
    out.pi_low = out.estimate - crit * spread;
    out.pi_high = out.estimate + crit * spread;
  }
  out.weights.reserve(yi.size());
  for (double v : vi) out.weights.push_back(100 / (v + out.tau2) / fit.s1);

  // Heterogeneity, from the fixed-effect weights.
  const Weighted fixed = Weigh(centred, vi, 0);
  out.q = std::max(0.0, fixed.rss);
  out.q_p = ChiSquareUpper(out.q, k - 1);
  if (options.method == Method::kFe) {
    out.i2 = out.q > 0 ? std::clamp(100 * (out.q - (k - 1)) / out.q, 0.0, 100.0) : 0;
    out.h2 = out.q / (k - 1);
  } else {
    const double typical = (k - 1) / (fixed.s1 - fixed.s2 / fixed.s1);
    // At most 100 also when tau^2 dwarfs the typical variance and rounding would pass it.
    out.i2 = std::min(100.0, 100 * out.tau2 / (typical + out.tau2));
    out.h2 = out.tau2 / typical + 1;
  }
  return out;
}

core::Result<std::vector<Pooled>> LeaveOneOut(std::span<const double> yi,
                                              std::span<const double> vi,
                                              const ModelOptions& options) {
  INSPIRE_RETURN_IF_ERROR(CheckInput(yi, vi, options, 3));
  std::vector<Pooled> out;
  std::vector<double> y, v;
  for (size_t left_out = 0; left_out < yi.size(); ++left_out) {
    y.clear();
    v.clear();
    for (size_t i = 0; i < yi.size(); ++i) {
      if (i == left_out) continue;
      y.push_back(yi[i]);
      v.push_back(vi[i]);
    }
    auto pooled = Pool(y, v, options);
    if (!pooled) {
      pooled.error().message =
          fmt::format("without study {}: {}", left_out + 1, pooled.error().message);
      return tl::unexpected(pooled.error());
    }
    out.push_back(std::move(*pooled));
  }
  return out;
}

core::Result<SubgroupAnalysis> Subgroups(std::span<const double> yi, std::span<const double> vi,
                                         const std::vector<std::string>& levels,
                                         const ModelOptions& options) {
  INSPIRE_RETURN_IF_ERROR(CheckInput(yi, vi, options, 1));
  if (levels.size() != yi.size()) {
    return core::Fail(ErrorCode::kInternal, "subgroup levels and studies differ in number");
  }
  SubgroupAnalysis out;
  for (size_t i = 0; i < levels.size(); ++i) {
    auto group = std::find_if(out.groups.begin(), out.groups.end(),
                              [&](const Subgroup& g) { return g.level == levels[i]; });
    if (group == out.groups.end()) {
      out.groups.push_back({levels[i], {}, {}});
      group = out.groups.end() - 1;
    }
    group->studies.push_back(i);
  }
  std::vector<double> estimates, variances;
  for (auto& group : out.groups) {
    if (group.studies.size() == 1) {
      group.pooled = SingleStudy(yi[group.studies[0]], vi[group.studies[0]], options.level);
    } else {
      std::vector<double> y, v;
      for (size_t i : group.studies) {
        y.push_back(yi[i]);
        v.push_back(vi[i]);
      }
      auto pooled = Pool(y, v, options);
      if (!pooled) {
        pooled.error().message =
            fmt::format("subgroup '{}': {}", group.level, pooled.error().message);
        return tl::unexpected(pooled.error());
      }
      group.pooled = std::move(*pooled);
    }
    estimates.push_back(group.pooled.estimate);
    variances.push_back(group.pooled.se * group.pooled.se);
  }
  const bool testable =
      out.groups.size() >= 2 && std::all_of(variances.begin(), variances.end(),
                                            [](double v) { return std::isfinite(v) && v > 0; });
  if (testable) {
    INSPIRE_ASSIGN_OR_RETURN(const Pooled between,
                             Pool(estimates, variances, {Method::kFe, false, options.level}));
    out.q_between = between.q;
    out.q_between_p = between.q_p;
    out.df_between = static_cast<int>(out.groups.size()) - 1;
  }
  return out;
}

}  // namespace inspire::meta
