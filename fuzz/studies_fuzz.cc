// Fuzzes the studies reader and the meta-analysis: any bytes give a study set or an error, never
// a crash or a hang; every analysis of a set that parses keeps its invariants (finite estimate,
// ordered intervals, tau^2 >= 0, I^2 in [0, 100], p-values in [0, 1], weights adding up to 100),
// and every report and the forest plot can be drawn.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "meta/report.h"

namespace {

using inspire::meta::Method;
using inspire::meta::Pooled;

void Check(bool condition) {
  if (!condition) std::abort();
}

void CheckPooled(const Pooled& p) {
  Check(std::isfinite(p.estimate));
  Check(p.se >= 0);
  Check(p.ci_low <= p.ci_high);
  Check(p.tau2 >= 0);
  Check(p.i2 >= 0 && p.i2 <= 100);
  Check(p.q >= 0);
  Check(p.q_p >= 0 && p.q_p <= 1);
  Check(p.p >= 0 && p.p <= 1);
  if (p.pi_low) Check(*p.pi_low <= p.ci_low + 1e-9 * (1 + std::fabs(p.ci_low)));
  double total = 0;
  for (double w : p.weights) total += w;
  Check(std::fabs(total - 100) < 1e-6);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto set = inspire::meta::ParseStudies(text, "fuzz.csv", std::nullopt);
  if (!set || set->studies.size() > 200) return 0;  // leave-one-out is O(k^2): keep runs short
  for (Method method : {Method::kFe, Method::kDl, Method::kReml, Method::kPm}) {
    for (bool knha : {false, true}) {
      auto analysis =
          inspire::meta::Analyse("fuzz.csv", *set, {method, knha, 0.95}, set->descriptor_columns);
      if (!analysis) continue;  // non-convergence is an error, not a crash
      CheckPooled(analysis->pooled);
      for (const auto& left_out : analysis->leave_one_out) CheckPooled(left_out);
      Check(!inspire::meta::ForestSvg(*analysis).empty());
      Check(!inspire::meta::ReportTable(*analysis).empty());
      Check(!inspire::meta::ReportCsv(*analysis).empty());
      Check(!inspire::meta::ReportJson(*analysis).dump().empty());
    }
  }
  return 0;
}
