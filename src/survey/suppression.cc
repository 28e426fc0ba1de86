#include "survey/suppression.h"

#include <limits>
#include <vector>

#include "disclosure/suppress.h"

namespace inspire::survey {

core::Result<void> ProtectSuppressedCells(std::span<EstimateRow> rows, double min_n) {
  std::vector<disclosure::Cell> cells;
  cells.reserve(rows.size());
  for (const EstimateRow& row : rows) {
    cells.push_back({{row.domain, row.domain_code},
                     row.values.n_unweighted,
                     row.flag == Flag::kSuppressed ? disclosure::Suppression::kPrimary
                                                   : disclosure::Suppression::kNone});
  }
  INSPIRE_RETURN_IF_ERROR(disclosure::SuppressComplementary(cells, min_n));
  constexpr double kBlank = std::numeric_limits<double>::quiet_NaN();
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].suppression = cells[i].suppression;
    if (cells[i].suppression == disclosure::Suppression::kNone) continue;
    rows[i].flag = Flag::kSuppressed;
    rows[i].values =
        DomainEstimate{kBlank, kBlank, kBlank, kBlank, kBlank, kBlank, kBlank, kBlank, kBlank};
  }
  return {};
}

}  // namespace inspire::survey
