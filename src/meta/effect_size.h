// Effect sizes of single studies, computed exactly as metafor's escalc() does with its defaults
// (docs/statistics.md, "Effect sizes"): log odds ratio, log risk ratio, risk difference (1/2
// added to every cell of a table with a zero cell, and only there), Hedges' g with the exact
// small-sample correction and the large-sample variance, raw mean difference with unequal
// variances, and already-computed effects with their variance or standard error.
#ifndef INSPIRE_META_EFFECT_SIZE_H_
#define INSPIRE_META_EFFECT_SIZE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace inspire::meta {

enum class Measure {
  kOr,   // log odds ratio
  kRr,   // log risk ratio
  kRd,   // risk difference
  kSmd,  // standardised mean difference (Hedges' g)
  kMd,   // raw mean difference
  kGen,  // an effect already computed, with its variance or standard error
};

// "OR" -> kOr ... (upper case, as in metafor); an error lists the accepted names.
core::Result<Measure> ParseMeasure(std::string_view name);
std::string_view MeasureName(Measure measure);
// A short description for people ("log odds ratio").
std::string_view MeasureDescription(Measure measure);
// Odds and risk ratios are pooled on the log scale and shown back-transformed (exp).
bool IsLogScale(Measure measure);

// What a study reports: the columns one measure needs.
enum class Layout {
  kEvents,  // ai, n1i, ci, n2i: events and totals in the two groups (OR, RR, RD)
  kMeans,   // m1i, sd1i, n1i, m2i, sd2i, n2i: means, SDs and sizes (SMD, MD)
  kYiVi,    // yi, vi (GEN)
  kYiSei,   // yi, sei (GEN)
};
Layout LayoutOf(Measure measure, bool has_sei);
// The column names of a layout, in order.
const std::vector<std::string>& LayoutColumns(Layout layout);

// The numbers of one study, in the order of LayoutColumns(layout).
struct Reported {
  Layout layout = Layout::kEvents;
  std::vector<double> values;
};

struct Effect {
  double yi = 0;  // the effect size (log scale for OR and RR)
  double vi = 0;  // its sampling variance
};

// The magnitudes a study may have: past these the pooled sums lose their meaning in doubles
// (squares near overflow, weights that differ by more than the precision) and no real study
// has them; a value outside is refused as a likely unit or typing error.
inline constexpr double kMaxAbsEffect = 1e8;
inline constexpr double kMinVariance = 1e-12;
inline constexpr double kMaxVariance = 1e16;

// One study's effect size. A value that breaks a rule (negative count, events above the total,
// an SD of zero, a group of fewer than two for means, a variance that is not positive, an
// effect size beyond ±kMaxAbsEffect, a variance outside [kMinVariance, kMaxVariance]) fails
// with kValidation and `field` set to the column at fault; the message says what was expected
// but not which study (callers add that).
core::Result<Effect> ComputeEffect(Measure measure, const Reported& reported);

// A study's own confidence interval at `level`: yi ± z sqrt(vi), normal (as metafor's forest()).
std::pair<double, double> EffectInterval(const Effect& effect, double level = 0.95);

}  // namespace inspire::meta

#endif  // INSPIRE_META_EFFECT_SIZE_H_
