// The linear relations between the cells of one indicator's published tables: each
// disaggregation's groups add up to the total, and a crossed table's cells add up to each of its
// margins (in unweighted n, in weighted n and in the weighted numerator alike). Complementary
// suppression (suppress.h) and the disclosure attacker tests reason over these relations.
#ifndef INSPIRE_DISCLOSURE_RELATIONS_H_
#define INSPIRE_DISCLOSURE_RELATIONS_H_

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"

namespace inspire::disclosure {

// The key of one published cell, as estimate rows carry it: `table` "total", "sex" or
// "sex*agegrp" (variables joined by '*'), `code` "", "2" or "2*3" (one code per variable).
struct CellKey {
  std::string table;
  std::string code;
};

// One relation: the cell `parent` equals the sum of the cells `children` (indexes into
// Relations::cells).
struct Relation {
  size_t parent = 0;
  std::vector<size_t> children;
};

// The cells of an indicator and the relations between them. The first `given` cells are the
// keys passed to BuildRelations, in their order; after them come hidden margins: cells of
// tables that are not published (the "agegrp" margin of a published "sex*agegrp" with no
// "agegrp" table) but that still link the published ones. Hidden cells are never known.
struct Relations {
  std::vector<CellKey> cells;
  size_t given = 0;
  std::vector<Relation> relations;
};

// The relations among `keys` (one indicator's rows). Tables are matched by their set of
// variables, whatever the order in their names. Relations are taken as exact: rows missing one
// variable of a crossed table make a margin larger than the sum of its cells, and treating it
// as equal errs on the side of suppressing more. Errors (kValidation, naming the key): a code
// with another number of parts than its table has variables, a variable named twice, or the
// same key twice.
core::Result<Relations> BuildRelations(std::span<const CellKey> keys);

}  // namespace inspire::disclosure

#endif  // INSPIRE_DISCLOSURE_RELATIONS_H_
