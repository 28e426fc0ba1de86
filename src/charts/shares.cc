#include "charts/shares.h"

#include <fmt/format.h>

#include <algorithm>

#include "charts/svg.h"

namespace inspire::charts {
namespace {

constexpr double kSharesWidth = 640;

// Grid lines and labels at 0, 25, 50, 75 and 100%.
std::string QuarterAxis(double left, double right, double top, double bottom) {
  std::string out;
  for (int quarter = 0; quarter <= 4; ++quarter) {
    const double x = left + (right - left) * quarter / 4.0;
    out += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>"
        "<text x=\"{0:.1f}\" y=\"{4:.1f}\" text-anchor=\"middle\" fill=\"{5}\">{6}%</text>",
        x, top, bottom, kGrid, top - 6, kMuted, quarter * 25);
  }
  return out;
}

}  // namespace

std::string ShareBars(const std::vector<Share>& rows, const ChartText& text) {
  constexpr double kLabelRight = 262, kPlotLeft = 270, kPlotRight = 500, kValueLeft = 508;
  constexpr double kBarsTop = 28, kBarRow = 24;
  const double height = kBarsTop + kBarRow * static_cast<double>(rows.size()) + 8;
  std::string out = Open(kSharesWidth, height, text, ChartId(text));
  out += QuarterAxis(kPlotLeft, kPlotRight, kBarsTop - 4, height - 8);
  for (size_t i = 0; i < rows.size(); ++i) {
    const Share& row = rows[i];
    const double y = kBarsTop + kBarRow * (static_cast<double>(i) + 0.5);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", kLabelRight,
                       y + 4, EscapeXml(Cut(row.label, 32)));
    if (row.of <= 0) {
      out += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"{}\" font-style=\"italic\">no answers</text>",
          kPlotLeft + 4, y + 4, kMuted);
      continue;
    }
    const double share =
        std::clamp(static_cast<double>(row.count) / static_cast<double>(row.of), 0.0, 1.0);
    out +=
        fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"14\" fill=\"{}\"/>",
                    kPlotLeft, y - 7, (kPlotRight - kPlotLeft) * share, kBar);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\">{:.0f}% · {} of {}</text>", kValueLeft, y + 4,
                       share * 100, row.count, row.of);
  }
  return out + "</svg>";
}

std::string AnswerGrid(const Grid& grid, const ChartText& text) {
  constexpr double kLabelRight = 160, kLeft = 166, kTop = 40, kCell = 18;
  const double columns = static_cast<double>(grid.columns.size());
  const double legend_top = kTop + kCell * static_cast<double>(grid.rows.size()) + 12;
  const size_t legend_rows = (grid.levels.size() + 1) / 2;  // two to a row
  const double height = legend_top + 22 * static_cast<double>(legend_rows) + 6;
  const double width = std::max(kSharesWidth, kLeft + kCell * columns + 10);
  std::string out = Open(width, height, text, ChartId(text));
  for (size_t c = 0; c < grid.columns.size(); ++c) {
    const double x = kLeft + kCell * (static_cast<double>(c) + 0.5);
    out += fmt::format(
        "<text x=\"{0:.1f}\" y=\"{1}\" font-size=\"10\" text-anchor=\"start\" "
        "transform=\"rotate(-60 {0:.1f} {1})\">{2}</text>",
        x, kTop - 4, EscapeXml(Cut(grid.columns[c], 6)));
  }
  for (size_t r = 0; r < grid.rows.size(); ++r) {
    const double y = kTop + kCell * static_cast<double>(r);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", kLabelRight,
                       y + kCell - 5, EscapeXml(Cut(grid.rows[r], 20)));
    for (size_t c = 0; c < grid.columns.size() && c < grid.cells[r].size(); ++c) {
      const int level = grid.cells[r][c];
      const bool known = level >= 0 && static_cast<size_t>(level) < grid.levels.size();
      out += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
          "stroke=\"#ffffff\"/>",
          kLeft + kCell * static_cast<double>(c), y, kCell, kCell,
          known ? grid.levels[static_cast<size_t>(level)].fill : "#f2f2f2");
    }
  }
  for (size_t i = 0; i < grid.levels.size(); ++i) {
    const double x = kLeft + 240 * static_cast<double>(i % 2);
    const size_t legend_row = i / 2;
    const double y = legend_top + 22 * static_cast<double>(legend_row);
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"14\" fill=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>",
        x, y, grid.levels[i].fill, x + 20, y + 12, EscapeXml(grid.levels[i].label));
  }
  return out + "</svg>";
}

}  // namespace inspire::charts
