// Runs prepared indicators over a table and design: every indicator overall and by each of its
// disaggregations, with flags for small cells and complementary suppression (DESIGN.md invariant
// 2: a suppressed row keeps its key and flag only, no count, estimate, SE, CI or deff).
#ifndef INSPIRE_SURVEY_ESTIMATE_H_
#define INSPIRE_SURVEY_ESTIMATE_H_

#include <functional>
#include <string>
#include <vector>

#include "core/error.h"
#include "disclosure/suppress.h"
#include "survey/design.h"
#include "survey/proportion.h"
#include "survey/recipe.h"
#include "survey/table.h"

namespace inspire::survey {

enum class Flag { kOk, kCaution, kSuppressed };
std::string_view FlagName(Flag flag);

struct EstimateRow {
  std::string indicator_id;
  std::string indicator_name;
  std::string domain;        // "total", "sex", "sex*agegrp"
  std::string domain_code;   // "", "2", "2*3"
  std::string domain_label;  // "", "Female", "Female*5-9"
  DomainEstimate values;     // every value NaN when suppressed
  Flag flag = Flag::kOk;
  // Why a kSuppressed row is: its own n is small (primary), or it would give a small one away.
  disclosure::Suppression suppression = disclosure::Suppression::kNone;
  Statistic statistic = Statistic::kProportion;  // what `values.estimate` is
};

struct RunOptions {
  EstimateOptions estimate;
  double min_n = 25;      // n_unweighted below this: suppressed
  double caution_n = 50;  // n_unweighted below this: caution
  int threads = 1;
  // Called after each indicator with (done, total), from worker threads (it must be
  // thread-safe); may be empty.
  std::function<void(size_t, size_t)> progress;
};

// Estimates everything. Rows come indicator by indicator (recipe order), the total first, then
// each `by` entry in order with its domains sorted by code; a cell that holds no row of the
// indicator's universe is left out (a cell whose rows all miss the numerator is kept, n = 0).
// Cells below min_n are suppressed, and so are the cells that would give them away through the
// tables' relations (survey/suppression.h).
// Errors: kValidation when a universe, or a proportion's numerator, gives a value other than
// true, false or missing (naming the indicator, the row and the value), or when a lonely PSU
// meets --lonely-psu fail.
core::Result<std::vector<EstimateRow>> EstimateIndicators(
    const Table& table, const Design& design, const std::vector<PreparedIndicator>& indicators,
    const RunOptions& options);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_ESTIMATE_H_
