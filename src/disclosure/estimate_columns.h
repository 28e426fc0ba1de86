// The columns of one estimate row, defined once: what the estimator writes (survey/output), what
// the hub reads from a published file (hub/estimate_file) and what its exports hold (hub/bulk).
// Disclosure control works on these rows, so the definition lives with it, below both.
#ifndef INSPIRE_DISCLOSURE_ESTIMATE_COLUMNS_H_
#define INSPIRE_DISCLOSURE_ESTIMATE_COLUMNS_H_

#include <string>
#include <vector>

namespace inspire::disclosure {

// What a column holds.
enum class EstimateValue {
  kText,    // indicator and domain names and codes, flag, suppression
  kCount,   // a whole number >= 0 (n_unweighted, n_missing, df)
  kNumber,  // a real number (n_weighted, estimate, se, interval, deff)
};

struct EstimateColumn {
  std::string name;
  EstimateValue value;
  bool required;  // a published file must give it (for a row that is not suppressed)
};

// indicator_id, indicator_name, domain, domain_code, domain_label, n_unweighted, n_missing,
// n_weighted, estimate, se, ci_low, ci_high, deff, df, flag, suppression, statistic: in this
// order (statistic, last so that earlier positions never moved: proportion, mean or total; a
// file without it holds proportions).
const std::vector<EstimateColumn>& EstimateColumns();

// The names of EstimateColumns(), in order.
const std::vector<std::string>& EstimateColumnNames();

}  // namespace inspire::disclosure

#endif  // INSPIRE_DISCLOSURE_ESTIMATE_COLUMNS_H_
