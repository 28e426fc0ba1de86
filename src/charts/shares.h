// Charts of shares of a whole that is counted, not sampled (how many countries have a law, support
// an approach): horizontal bars with "count of total" beside each, and a grid of answers (rows x
// columns, each cell one of a few ordered levels). SVG drawn on the server as in charts.h: a
// <title> and <desc> say what the chart shows; the pages put the same numbers in a table.
#ifndef INSPIRE_CHARTS_SHARES_H_
#define INSPIRE_CHARTS_SHARES_H_

#include <string>
#include <vector>

#include "charts/charts.h"

namespace inspire::charts {

// One bar: `count` of `of` (of 0: nobody answered, drawn as a mark with the words "no answers").
struct Share {
  std::string label;
  long long count = 0;
  long long of = 0;
};

// Horizontal bars from 0% to 100%, one row per share in the given order.
std::string ShareBars(const std::vector<Share>& rows, const ChartText& text);

// A grid of answers: `cells[r][c]` is a level index into `levels` (each with its label and
// fill colour; the legend lists them in order), or -1 for no answer (drawn empty).
struct GridLevel {
  std::string label;
  std::string fill;  // "#rrggbb"
};
struct Grid {
  std::vector<std::string> rows;     // row labels (countries)
  std::vector<std::string> columns;  // column labels (approach ids), short
  std::vector<std::vector<int>> cells;
  std::vector<GridLevel> levels;
};
std::string AnswerGrid(const Grid& grid, const ChartText& text);

}  // namespace inspire::charts

#endif  // INSPIRE_CHARTS_SHARES_H_
