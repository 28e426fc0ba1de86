#include "meta/effect_size.h"

#include <fmt/format.h>

#include <array>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace inspire::meta {
namespace {

using core::ErrorCode;
using core::FailField;

struct MeasureInfo {
  Measure measure;
  std::string_view name;
  std::string_view description;
};
constexpr std::array<MeasureInfo, 6> kMeasures = {{
    {Measure::kOr, "OR", "log odds ratio"},
    {Measure::kRr, "RR", "log risk ratio"},
    {Measure::kRd, "RD", "risk difference"},
    {Measure::kSmd, "SMD", "standardised mean difference (Hedges' g)"},
    {Measure::kMd, "MD", "mean difference"},
    {Measure::kGen, "GEN", "effect size given by the studies"},
}};

// metafor's .cmicalc: the exact small-sample correction of Hedges' g for m degrees of freedom.
double CorrectionFactor(double m) {
  return std::exp(std::lgamma(m / 2) - std::log(std::sqrt(m / 2)) - std::lgamma((m - 1) / 2));
}

core::Result<Effect> FromEvents(Measure measure, const std::vector<double>& v) {
  const double ai = v[0], n1i = v[1], ci = v[2], n2i = v[3];
  const std::array<std::pair<const char*, double>, 4> named = {
      {{"ai", ai}, {"n1i", n1i}, {"ci", ci}, {"n2i", n2i}}};
  for (const auto& [name, value] : named) {
    if (value < 0) {
      return FailField(ErrorCode::kValidation, name,
                       fmt::format("{} is {}; counts cannot be negative", name, value));
    }
  }
  if (n1i <= 0) return FailField(ErrorCode::kValidation, "n1i", "n1i (group 1 total) is 0");
  if (n2i <= 0) return FailField(ErrorCode::kValidation, "n2i", "n2i (group 2 total) is 0");
  if (ai > n1i) {
    return FailField(ErrorCode::kValidation, "ai",
                     fmt::format("ai = {} events is more than the group total n1i = {}", ai, n1i));
  }
  if (ci > n2i) {
    return FailField(ErrorCode::kValidation, "ci",
                     fmt::format("ci = {} events is more than the group total n2i = {}", ci, n2i));
  }
  double a = ai, b = n1i - ai, c = ci, d = n2i - ci;
  // escalc(add = 1/2, to = "only0"): 1/2 added to the four cells of a table with a zero cell.
  if (a == 0 || b == 0 || c == 0 || d == 0) {
    a += 0.5;
    b += 0.5;
    c += 0.5;
    d += 0.5;
  }
  const double n1 = a + b, n2 = c + d;
  const double p1 = a / n1, p2 = c / n2;
  switch (measure) {
    case Measure::kOr:
      return Effect{std::log(p1 / (1 - p1)) - std::log(p2 / (1 - p2)),
                    1 / a + 1 / b + 1 / c + 1 / d};
    case Measure::kRr:
      return Effect{std::log(p1) - std::log(p2), 1 / a - 1 / n1 + 1 / c - 1 / n2};
    case Measure::kRd:
      return Effect{p1 - p2, p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2};
    default:
      break;
  }
  return core::Fail(ErrorCode::kInternal, "events given for a measure of means");
}

core::Result<Effect> FromMeans(Measure measure, const std::vector<double>& v) {
  const double m1i = v[0], sd1i = v[1], n1i = v[2], m2i = v[3], sd2i = v[4], n2i = v[5];
  const std::array<std::pair<const char*, double>, 2> sds = {{{"sd1i", sd1i}, {"sd2i", sd2i}}};
  for (const auto& [name, value] : sds) {
    if (!(value > 0)) {
      return FailField(
          ErrorCode::kValidation, name,
          fmt::format("{} is {}; a standard deviation must be greater than 0", name, value));
    }
  }
  const std::array<std::pair<const char*, double>, 2> sizes = {{{"n1i", n1i}, {"n2i", n2i}}};
  for (const auto& [name, value] : sizes) {
    if (!(value >= 2)) {
      return FailField(ErrorCode::kValidation, name,
                       fmt::format("{} is {}; a group with a standard deviation has at least 2 "
                                   "members",
                                   name, value));
    }
  }
  if (measure == Measure::kMd) {
    return Effect{m1i - m2i, sd1i * sd1i / n1i + sd2i * sd2i / n2i};
  }
  // Hedges' g: pooled SD, exact correction for m = n1 + n2 - 2, variance as vtype = "LS".
  const double m = n1i + n2i - 2;
  const double sd_pooled = std::sqrt(((n1i - 1) * sd1i * sd1i + (n2i - 1) * sd2i * sd2i) / m);
  const double g = CorrectionFactor(m) * (m1i - m2i) / sd_pooled;
  return Effect{g, 1 / n1i + 1 / n2i + g * g / (2 * (n1i + n2i))};
}

}  // namespace

core::Result<Measure> ParseMeasure(std::string_view name) {
  for (const auto& info : kMeasures) {
    if (info.name == name) return info.measure;
  }
  return core::Fail(
      ErrorCode::kInvalidArgument,
      fmt::format("unknown effect measure '{}'; expected OR, RR, RD, SMD, MD or GEN", name));
}

std::string_view MeasureName(Measure measure) {
  for (const auto& info : kMeasures) {
    if (info.measure == measure) return info.name;
  }
  return "?";
}

std::string_view MeasureDescription(Measure measure) {
  for (const auto& info : kMeasures) {
    if (info.measure == measure) return info.description;
  }
  return "?";
}

bool IsLogScale(Measure measure) { return measure == Measure::kOr || measure == Measure::kRr; }

Layout LayoutOf(Measure measure, bool has_sei) {
  switch (measure) {
    case Measure::kOr:
    case Measure::kRr:
    case Measure::kRd:
      return Layout::kEvents;
    case Measure::kSmd:
    case Measure::kMd:
      return Layout::kMeans;
    case Measure::kGen:
      break;
  }
  return has_sei ? Layout::kYiSei : Layout::kYiVi;
}

const std::vector<std::string>& LayoutColumns(Layout layout) {
  static const std::vector<std::string> kEvents = {"ai", "n1i", "ci", "n2i"};
  static const std::vector<std::string> kMeans = {"m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"};
  static const std::vector<std::string> kYiVi = {"yi", "vi"};
  static const std::vector<std::string> kYiSei = {"yi", "sei"};
  switch (layout) {
    case Layout::kEvents:
      return kEvents;
    case Layout::kMeans:
      return kMeans;
    case Layout::kYiVi:
      return kYiVi;
    case Layout::kYiSei:
      break;
  }
  return kYiSei;
}

namespace {

// Refuses an effect size or variance past the limits in the header (see kMaxAbsEffect).
core::Result<void> CheckMagnitude(const Effect& effect, Layout layout) {
  const bool given = layout == Layout::kYiVi || layout == Layout::kYiSei;
  if (std::fabs(effect.yi) > kMaxAbsEffect) {
    return FailField(ErrorCode::kValidation, given ? "yi" : "",
                     fmt::format("the effect size is {:g}; the hub takes effect sizes between "
                                 "-{:g} and {:g} (check the units)",
                                 effect.yi, kMaxAbsEffect, kMaxAbsEffect));
  }
  if (effect.vi < kMinVariance || effect.vi > kMaxVariance) {
    const bool sei = layout == Layout::kYiSei;
    return FailField(ErrorCode::kValidation, given ? (sei ? "sei" : "vi") : "",
                     fmt::format("the sampling variance is {:g}; the hub takes variances "
                                 "between {:g} and {:g} (standard errors between {:g} and {:g})",
                                 effect.vi, kMinVariance, kMaxVariance, std::sqrt(kMinVariance),
                                 std::sqrt(kMaxVariance)));
  }
  return {};
}

}  // namespace

std::pair<double, double> EffectInterval(const Effect& effect, double level) {
  const double z =
      boost::math::quantile(boost::math::complement(boost::math::normal(), (1 - level) / 2));
  const double se = std::sqrt(effect.vi);
  return {effect.yi - z * se, effect.yi + z * se};
}

core::Result<Effect> ComputeEffect(Measure measure, const Reported& reported) {
  const auto& columns = LayoutColumns(reported.layout);
  if (reported.values.size() != columns.size()) {
    return core::Fail(ErrorCode::kInternal, "reported numbers do not match their layout");
  }
  if (LayoutOf(measure, reported.layout == Layout::kYiSei) != reported.layout) {
    return core::Fail(ErrorCode::kValidation,
                      fmt::format("the measure {} needs the columns {}", MeasureName(measure),
                                  fmt::join(LayoutColumns(LayoutOf(measure, false)), ", ")));
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!std::isfinite(reported.values[i])) {
      return FailField(ErrorCode::kValidation, columns[i],
                       fmt::format("{} is not a finite number", columns[i]));
    }
  }
  core::Result<Effect> effect = core::Fail(ErrorCode::kInternal, "no layout");
  switch (reported.layout) {
    case Layout::kEvents:
      effect = FromEvents(measure, reported.values);
      break;
    case Layout::kMeans:
      effect = FromMeans(measure, reported.values);
      break;
    case Layout::kYiVi:
      if (!(reported.values[1] > 0)) {
        return FailField(ErrorCode::kValidation, "vi",
                         fmt::format("vi is {}; a sampling variance must be greater than 0",
                                     reported.values[1]));
      }
      effect = Effect{reported.values[0], reported.values[1]};
      break;
    case Layout::kYiSei:
      if (!(reported.values[1] > 0)) {
        return FailField(
            ErrorCode::kValidation, "sei",
            fmt::format("sei is {}; a standard error must be greater than 0", reported.values[1]));
      }
      effect = Effect{reported.values[0], reported.values[1] * reported.values[1]};
      break;
  }
  if (effect && !(std::isfinite(effect->yi) && std::isfinite(effect->vi) && effect->vi > 0)) {
    return core::Fail(ErrorCode::kValidation,
                      "the numbers give no finite effect size with a positive variance");
  }
  if (effect) INSPIRE_RETURN_IF_ERROR(CheckMagnitude(*effect, reported.layout));
  return effect;
}

}  // namespace inspire::meta
