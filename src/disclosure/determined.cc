#include "disclosure/determined.h"

#include <boost/multiprecision/cpp_int.hpp>

namespace inspire::disclosure {
namespace {

using Rational = boost::multiprecision::cpp_rational;
using Matrix = std::vector<std::vector<Rational>>;

// The relations as rows over the unknown cells only (the known cells move to the right-hand
// side, which does not matter for what is determined): parent - sum(children) = known part.
Matrix UnknownRows(const Relations& relations, const std::vector<size_t>& column_of,
                   size_t columns) {
  Matrix rows;
  for (const Relation& relation : relations.relations) {
    std::vector<Rational> row(columns);
    bool any = false;
    const auto add = [&](size_t cell, int sign) {
      if (column_of[cell] == SIZE_MAX) return;
      row[column_of[cell]] += sign;
      any = true;
    };
    add(relation.parent, 1);
    for (const size_t child : relation.children) add(child, -1);
    if (any) rows.push_back(std::move(row));
  }
  return rows;
}

// Reduced row echelon form in place; returns each row's pivot column.
std::vector<size_t> Reduce(Matrix& rows, size_t columns) {
  std::vector<size_t> pivots;
  size_t rank = 0;
  for (size_t column = 0; column < columns && rank < rows.size(); ++column) {
    size_t found = rank;
    while (found < rows.size() && rows[found][column] == 0) ++found;
    if (found == rows.size()) continue;
    std::swap(rows[rank], rows[found]);
    const Rational pivot = rows[rank][column];
    for (Rational& value : rows[rank]) value /= pivot;
    for (size_t r = 0; r < rows.size(); ++r) {
      if (r == rank || rows[r][column] == 0) continue;
      const Rational factor = rows[r][column];
      for (size_t c = column; c < columns; ++c) rows[r][c] -= factor * rows[rank][c];
    }
    pivots.push_back(column);
    ++rank;
  }
  return pivots;
}

}  // namespace

std::vector<size_t> DeterminedCells(const Relations& relations, const std::vector<bool>& unknown) {
  std::vector<size_t> column_of(relations.cells.size(), SIZE_MAX);
  std::vector<size_t> cell_of;
  for (size_t i = 0; i < relations.cells.size(); ++i) {
    if (!unknown[i]) continue;
    column_of[i] = cell_of.size();
    cell_of.push_back(i);
  }
  Matrix rows = UnknownRows(relations, column_of, cell_of.size());
  const std::vector<size_t> pivots = Reduce(rows, cell_of.size());
  // In reduced form a unit vector e_c lies in the row space exactly when some row is e_c.
  std::vector<size_t> determined;
  for (size_t r = 0; r < pivots.size(); ++r) {
    size_t nonzero = 0;
    for (const Rational& value : rows[r]) nonzero += value != 0 ? 1 : 0;
    if (nonzero == 1) determined.push_back(cell_of[pivots[r]]);
  }
  std::sort(determined.begin(), determined.end());
  return determined;
}

}  // namespace inspire::disclosure
