// Which unknown cells a reader can work out exactly from the known ones: a cell is determined
// when its unit vector lies in the row space of the relations restricted to the unknown cells
// (exact elimination over the rationals, so no rounding decides it).
#ifndef INSPIRE_DISCLOSURE_DETERMINED_H_
#define INSPIRE_DISCLOSURE_DETERMINED_H_

#include <vector>

#include "disclosure/relations.h"

namespace inspire::disclosure {

// The indexes (into relations.cells, ascending) of the cells with `unknown[i]` true that the
// relations determine, whatever the values of the known cells. `unknown` has one entry per
// cell. Cost: one Gauss-Jordan elimination of (relations x unknown cells) rationals.
std::vector<size_t> DeterminedCells(const Relations& relations, const std::vector<bool>& unknown);

}  // namespace inspire::disclosure

#endif  // INSPIRE_DISCLOSURE_DETERMINED_H_
