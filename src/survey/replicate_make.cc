#include "survey/replicate_make.h"

#include <fmt/format.h>

#include <limits>
#include <random>

namespace inspire::survey {
namespace {

using core::ErrorCode;
using core::Fail;

// The replicates as columns (one factor per PSU) while they are made.
struct Columns {
  std::vector<std::vector<double>> factors;
  std::vector<double> rscales;
  std::vector<double>& Add(size_t psus, double rscale) {
    factors.emplace_back(psus, 1.0);
    rscales.push_back(rscale);
    return factors.back();
  }
};

auto LonelyFails(const Design& design, uint32_t h, std::string_view why) {
  return Fail(ErrorCode::kValidation,
              fmt::format("stratum {} has only one PSU; {}", design.stratum_names[h], why));
}

// The PSUs of stratum h, in order of first appearance.
std::span<const uint32_t> StratumPsus(const Design& design, uint32_t h) {
  return {design.stratum_psus.data() + design.stratum_offsets[h], design.psus_in_stratum[h]};
}

core::Result<double> MakeJackknife(const Design& design, const MakeReplicatesOptions& options,
                                   Columns& columns) {
  const size_t psus = design.psu_count();
  const double strata = static_cast<double>(design.strata_count());
  for (uint32_t h = 0; h < design.strata_count(); ++h) {
    const auto stratum = StratumPsus(design, h);
    const double n = static_cast<double>(stratum.size());
    if (stratum.size() >= 2) {
      for (const uint32_t dropped : stratum) {
        auto& factors = columns.Add(psus, (n - 1) / n);
        for (const uint32_t psu : stratum) factors[psu] = psu == dropped ? 0.0 : n / (n - 1);
      }
      continue;
    }
    switch (options.lonely_psu) {
      case LonelyPsu::kFail:
        return LonelyFails(
            design, h, "choose how to treat it with --lonely-psu remove|adjust|certainty|average");
      case LonelyPsu::kAdjust: {
        if (strata < 2) return LonelyFails(design, h, "adjust needs another stratum");
        auto& factors = columns.Add(psus, (strata - 1) / strata);
        for (uint32_t psu = 0; psu < psus; ++psu) {
          factors[psu] = design.psu_stratum[psu] == h ? 0.0 : strata / (strata - 1);
        }
        break;
      }
      case LonelyPsu::kRemove:
      case LonelyPsu::kCertainty:
      case LonelyPsu::kAverage:
        break;
    }
  }
  const double made = static_cast<double>(columns.rscales.size());
  const bool averaged =
      options.lonely_psu == LonelyPsu::kAverage && made < static_cast<double>(psus);
  return averaged ? static_cast<double>(psus) / made : 1.0;
}

// A uniform integer in [0, n) without modulo bias.
uint64_t Uniform(std::mt19937_64& generator, uint64_t n) {
  const uint64_t limit =
      std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % n;
  uint64_t x = generator();
  while (x >= limit) x = generator();
  return x % n;
}

core::Result<void> MakeBootstrap(const Design& design, const MakeReplicatesOptions& options,
                                 Columns& columns) {
  if (options.bootstrap_replicates < 2) {
    return Fail(ErrorCode::kValidation, "the bootstrap needs at least 2 replicates");
  }
  for (uint32_t h = 0; h < design.strata_count(); ++h) {
    if (design.psus_in_stratum[h] >= 2) continue;
    if (options.lonely_psu == LonelyPsu::kFail) {
      return LonelyFails(design, h,
                         "for the bootstrap choose --lonely-psu certainty (or remove): its rows "
                         "keep their weight in every replicate");
    }
    if (options.lonely_psu != LonelyPsu::kCertainty && options.lonely_psu != LonelyPsu::kRemove) {
      return LonelyFails(design, h, "the bootstrap takes --lonely-psu certainty or remove only");
    }
  }
  std::mt19937_64 generator(options.seed);
  const size_t psus = design.psu_count();
  for (size_t r = 0; r < options.bootstrap_replicates; ++r) {
    auto& factors = columns.Add(psus, 1.0);
    for (uint32_t h = 0; h < design.strata_count(); ++h) {
      const auto stratum = StratumPsus(design, h);
      if (stratum.size() < 2) continue;
      const double n = static_cast<double>(stratum.size());
      for (const uint32_t psu : stratum) factors[psu] = 0;
      for (size_t draw = 0; draw + 1 < stratum.size(); ++draw) {
        factors[stratum[Uniform(generator, stratum.size())]] += n / (n - 1);
      }
    }
  }
  return {};
}

}  // namespace

core::Result<MadeReplicates> MakeReplicates(const Design& design,
                                            const MakeReplicatesOptions& options) {
  if (design.replicates) {
    return Fail(ErrorCode::kValidation, "the design has replicate weights already");
  }
  MadeReplicates made;
  made.type = options.type;
  Columns columns;
  const bool stratified = design.strata_count() > 1;
  if (options.type == ReplicateType::kJK1 || options.type == ReplicateType::kJKn) {
    if (options.type == ReplicateType::kJK1 && stratified) {
      return Fail(ErrorCode::kValidation,
                  "JK1 is for a design without strata; use JKn (or the bootstrap)");
    }
    if (options.type == ReplicateType::kJKn && !stratified) {
      return Fail(ErrorCode::kValidation,
                  "JKn is for a stratified design; use JK1 (or the bootstrap)");
    }
    INSPIRE_ASSIGN_OR_RETURN(made.scale, MakeJackknife(design, options, columns));
    if (options.type == ReplicateType::kJK1) {
      const double n = static_cast<double>(columns.rscales.size());
      made.scale = (n - 1) / n;
      columns.rscales.assign(columns.rscales.size(), 1.0);
    }
  } else if (options.type == ReplicateType::kBootstrap) {
    INSPIRE_RETURN_IF_ERROR(MakeBootstrap(design, options, columns));
    made.scale = 1.0 / static_cast<double>(options.bootstrap_replicates - 1);
  } else {
    return Fail(ErrorCode::kValidation,
                fmt::format("replicate weights of type {} cannot be made; expected JK1, JKn or "
                            "bootstrap",
                            ReplicateTypeName(options.type)));
  }
  if (columns.rscales.empty()) {
    return Fail(ErrorCode::kValidation,
                "the design's PSUs give no replicate (every stratum has "
                "one PSU)");
  }
  made.rscales = columns.rscales;
  const size_t count = made.count();
  made.factors.resize(design.psu_count() * count);
  for (size_t r = 0; r < count; ++r) {
    for (size_t psu = 0; psu < design.psu_count(); ++psu) {
      made.factors[psu * count + r] = columns.factors[r][psu];
    }
  }
  return made;
}

}  // namespace inspire::survey
