// Complementary suppression in the hub (DESIGN.md invariant 2): the hub never trusts a client to
// have protected its file, so every publication is protected again here, and sets published
// before the hub did this are protected when the server starts.
#ifndef INSPIRE_HUB_ESTIMATE_PROTECTION_H_
#define INSPIRE_HUB_ESTIMATE_PROTECTION_H_

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "disclosure/suppress.h"
#include "store/database.h"

namespace inspire::hub {

// One row of a publication as the protection sees it: its key and its unweighted n, or no n
// when it is suppressed already.
struct ProtectedCell {
  std::string indicator_id;
  std::string domain;
  std::string domain_code;
  std::optional<double> n_unweighted;
};

// Each cell's suppression once complementary suppression has run indicator by indicator (kNone,
// kPrimary for cells that came suppressed, kComplementary for those it adds). Errors
// (kValidation, naming the indicator and cell): a key given twice, a code that does not fit its
// domain.
core::Result<std::vector<disclosure::Suppression>> ProtectCells(
    const std::vector<ProtectedCell>& cells, double min_n);

// Runs ProtectCells over every published set not yet protected (estimate_sets.protection = 0),
// empties the cells it suppresses, marks the sets protected and audits each changed set as the
// system. In the caller's transaction. Returns how many cells it suppressed.
core::Result<int64_t> ProtectPublishedSets(store::Connection& db, double min_n);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ESTIMATE_PROTECTION_H_
