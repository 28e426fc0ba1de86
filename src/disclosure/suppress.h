// Complementary suppression (DESIGN.md invariant 2; docs/statistics.md, "Disclosure control"):
// after the small cells are suppressed, suppress further cells until no suppressed cell can be
// worked out from the published ones through the tables' relations.
#ifndef INSPIRE_DISCLOSURE_SUPPRESS_H_
#define INSPIRE_DISCLOSURE_SUPPRESS_H_

#include <span>
#include <vector>

#include "core/error.h"
#include "disclosure/relations.h"

namespace inspire::disclosure {

enum class Suppression { kNone, kPrimary, kComplementary };

// "", "primary" or "complementary", as estimate files and the API write it.
const char* SuppressionName(Suppression suppression);

// One cell of an indicator: its key, its unweighted n (for published cells: it orders the
// choice of cells to give up, the smallest first, and tells what a relation reveals; ignored
// for suppressed cells) and whether it is suppressed.
struct Cell {
  CellKey key;
  double n = 0;
  Suppression suppression = Suppression::kNone;
};

// Marks kComplementary the cells that must be suppressed besides the primary ones so that no
// suppressed cell is determined and no relation reveals a sum of suppressed cells below
// `min_n` (two small groups of one disaggregation would otherwise give away their union):
//  1. while a relation leaves a suppressed cell its only unknown, or its published parent minus
//     its published children is below `min_n`, the smallest published cell of that relation is
//     suppressed (ties broken by key);
//  2. then, while a suppressed cell is determined through several relations (exact elimination,
//     determined.h), the smallest published cell whose suppression alone undoes that is
//     suppressed, and step 1 runs again.
// Stops when nothing is given away or no published cell is left to give up. Returns how many
// cells it suppressed. Errors: as BuildRelations. The same cells in any order give the same
// choice. See docs/statistics.md, "Disclosure control".
core::Result<size_t> SuppressComplementary(std::vector<Cell>& cells, double min_n);

}  // namespace inspire::disclosure

#endif  // INSPIRE_DISCLOSURE_SUPPRESS_H_
