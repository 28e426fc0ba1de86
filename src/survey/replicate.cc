#include "survey/replicate.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <limits>
#include <utility>

#include "core/join.h"

namespace inspire::survey {
namespace {

using core::ErrorCode;
using core::Fail;

struct TypeName {
  ReplicateType type;
  std::string_view name;
};
constexpr std::array<TypeName, 10> kTypeNames = {{
    {ReplicateType::kJK1, "JK1"},
    {ReplicateType::kJKn, "JKn"},
    {ReplicateType::kJK2, "JK2"},
    {ReplicateType::kBRR, "BRR"},
    {ReplicateType::kFay, "Fay"},
    {ReplicateType::kBootstrap, "bootstrap"},
    {ReplicateType::kSuccessiveDifference, "successive-difference"},
    {ReplicateType::kOther, "other"},
    {ReplicateType::kSuccessiveDifference, "ACS"},
    {ReplicateType::kSuccessiveDifference, "SDR"},
}};

// The scale R's svrepdesign() gives `type` when none is given.
double DefaultScale(ReplicateType type, double count, double rho) {
  switch (type) {
    case ReplicateType::kJK1:
      return (count - 1) / count;
    case ReplicateType::kBRR:
      return 1 / count;
    case ReplicateType::kFay:
      return 1 / (count * (1 - rho) * (1 - rho));
    case ReplicateType::kBootstrap:
      return 1 / (count - 1);
    case ReplicateType::kSuccessiveDifference:
      return 4 / count;
    case ReplicateType::kJKn:
    case ReplicateType::kJK2:
    case ReplicateType::kOther:
      return 1;
  }
  return 1;
}

// Whether R lets a given scale stand (BRR, Fay, JK2 and successive difference fix their own).
bool TakesScale(ReplicateType type) {
  return type == ReplicateType::kJK1 || type == ReplicateType::kJKn ||
         type == ReplicateType::kBootstrap || type == ReplicateType::kOther;
}

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::string_view ReplicateTypeName(ReplicateType type) {
  for (const TypeName& entry : kTypeNames) {
    if (entry.type == type) return entry.name;
  }
  return "other";
}

std::optional<ReplicateType> ParseReplicateType(std::string_view text) {
  for (const TypeName& entry : kTypeNames) {
    if (entry.name == text) return entry.type;
  }
  return std::nullopt;
}

std::string ReplicateTypeChoices() {
  std::vector<std::string> names;
  names.reserve(kTypeNames.size());
  for (const TypeName& entry : kTypeNames) names.emplace_back(entry.name);
  return core::Join(names, ", ");
}

core::Result<void> ResolveReplicateScales(const ReplicateSpec& spec, size_t count,
                                          const std::string& where, double& scale,
                                          std::vector<double>& rscales) {
  const auto fail = [&](const std::string& message) {
    return Fail(ErrorCode::kValidation, where + ": " + message);
  };
  if (count < 2) {
    return fail(
        fmt::format("a replicate design needs at least 2 replicate weights, found {}", count));
  }
  const double rho = spec.rho.value_or(0);
  if (spec.type == ReplicateType::kFay && (!spec.rho || !(rho >= 0 && rho < 1))) {
    return fail("type Fay needs rho, a number from 0 up to (not including) 1");
  }
  if (spec.type == ReplicateType::kJKn && spec.rscales.empty()) {
    return fail(
        "type JKn needs rscales: (n_h - 1) / n_h for each replicate, n_h being the "
        "number of PSUs in the replicate's stratum (a list, or one number for all)");
  }
  if (!spec.rscales.empty() && spec.rscales.size() != 1 && spec.rscales.size() != count) {
    return fail(fmt::format("rscales has {} values; expected 1 or one per replicate ({})",
                            spec.rscales.size(), count));
  }
  const double n = static_cast<double>(count);
  scale = spec.scale && TakesScale(spec.type) ? *spec.scale : DefaultScale(spec.type, n, rho);
  const bool own_rscales =
      spec.type != ReplicateType::kJK2 && spec.type != ReplicateType::kSuccessiveDifference;
  rscales.assign(count, 1.0);
  if (own_rscales && spec.rscales.size() == 1) rscales.assign(count, spec.rscales[0]);
  if (own_rscales && spec.rscales.size() == count) rscales = spec.rscales;
  if (!std::isfinite(scale) || scale < 0) {
    return fail(fmt::format("scale is {}; expected a number >= 0", scale));
  }
  for (size_t r = 0; r < count; ++r) {
    if (!std::isfinite(rscales[r]) || rscales[r] < 0) {
      return fail(fmt::format("rscales[{}] is {}; expected a number >= 0", r + 1, rscales[r]));
    }
  }
  return {};
}

double ReplicateVariance(std::span<const double> thetas, double full,
                         const ReplicateWeights& weights, size_t* dropped) {
  double sum = 0;
  double counted = 0;
  size_t missing = 0;
  for (size_t r = 0; r < thetas.size(); ++r) {
    if (std::isnan(thetas[r])) {
      ++missing;
    } else if (weights.rscales[r] > 0) {
      sum += thetas[r];
      ++counted;
    }
  }
  if (dropped != nullptr) *dropped = missing;
  if (missing == thetas.size()) return std::numeric_limits<double>::quiet_NaN();
  const double centre = weights.mse ? full : sum / counted;
  double variance = 0;
  for (size_t r = 0; r < thetas.size(); ++r) {
    if (std::isnan(thetas[r])) continue;
    const double deviation = thetas[r] - centre;
    variance += deviation * deviation * weights.rscales[r];
  }
  return variance * weights.scale;
}

size_t ReplicateRank(const ReplicateWeights& weights, std::span<const uint32_t> patterns) {
  constexpr double kTolerance = 1e-5;
  const size_t count = weights.count();
  std::vector<double> basis;  // orthonormal rows, rank x count
  std::vector<double> v(count);
  size_t rank = 0;
  for (const uint32_t pattern : patterns) {
    const double* f = weights.FactorsOf(pattern);
    double norm = 0;
    for (size_t r = 0; r < count; ++r) {
      v[r] = f[r];
      norm += f[r] * f[r];
    }
    if (!(norm > 0)) continue;
    // Projected out once, and again when that removed most of the vector, so that what is left
    // is orthogonal to the basis to rounding (Kahan's "twice is enough" test).
    double rest = norm;
    for (int pass = 0; pass < 2; ++pass) {
      const double before = rest;
      for (size_t k = 0; k < rank; ++k) {
        const double* b = basis.data() + k * count;
        double dot = 0;
        for (size_t r = 0; r < count; ++r) dot += v[r] * b[r];
        for (size_t r = 0; r < count; ++r) v[r] -= dot * b[r];
      }
      rest = 0;
      for (size_t r = 0; r < count; ++r) rest += v[r] * v[r];
      if (rest > 0.5 * before) break;
    }
    if (!(rest > kTolerance * kTolerance * norm)) continue;
    const double inverse = 1 / std::sqrt(rest);
    for (size_t r = 0; r < count; ++r) basis.push_back(v[r] * inverse);
    if (++rank == count) break;
  }
  return rank;
}

uint64_t PatternSetKey(std::span<const uint32_t> patterns) {
  // XOR of a random-looking 64-bit value per distinct pattern; repeats are skipped by the caller
  // or cancel in pairs, so callers pass each pattern once.
  uint64_t key = 0;
  for (const uint32_t pattern : patterns) key ^= SplitMix(pattern);
  return SplitMix(key ^ patterns.size());
}

}  // namespace inspire::survey
