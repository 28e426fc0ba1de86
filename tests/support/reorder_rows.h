// A table's rows in another order, for tests of properties that must not depend on it.
#ifndef INSPIRE_TESTS_SUPPORT_REORDER_ROWS_H_
#define INSPIRE_TESTS_SUPPORT_REORDER_ROWS_H_

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "survey/table.h"

namespace inspire::testing {

// Row i of the result is row order[i] of `table` (`order` a permutation of its rows); every
// column keeps its name, labels and declared missing codes.
inline survey::Table ReorderRows(const survey::Table& table, const std::vector<size_t>& order) {
  std::vector<survey::Column> columns;
  columns.reserve(table.columns().size());
  for (const auto& column : table.columns()) {
    survey::Column copy = column;
    std::vector<double> values(order.size());
    for (size_t i = 0; i < order.size(); ++i) values[i] = column.values[order[i]];
    copy.values = survey::ColumnValues(values);
    columns.push_back(std::move(copy));
  }
  return survey::Table(std::move(columns), table.rows());
}

// An order that makes each PSU's rows adjacent (`row_psu`: each row's PSU), keeping the rows of
// a PSU in file order; or, when they already are, one that deals the rows out like cards (even
// rows, then odd ones), which splits PSUs of more than one row.
inline std::vector<size_t> OtherPsuOrder(const std::vector<uint32_t>& row_psu, bool contiguous) {
  std::vector<size_t> order(row_psu.size());
  std::iota(order.begin(), order.end(), size_t{0});
  if (!contiguous) {
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return row_psu[a] < row_psu[b]; });
    return order;
  }
  const size_t half = (order.size() + 1) / 2;
  for (size_t i = 0; i < order.size(); ++i) {
    order[i] = i < half ? 2 * i : 2 * (i - half) + 1;
  }
  return order;
}

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_REORDER_ROWS_H_
