// The forest plot of a meta-analysis: one row per study (its name and descriptors, its effect as
// a square sized by its weight, its confidence interval as a line, the numbers as text), the
// pooled effect as a diamond, the prediction interval as a line below it, and the line of no
// effect. Ratio measures are drawn on a log axis labelled with the ratios.
#ifndef INSPIRE_CHARTS_FOREST_H_
#define INSPIRE_CHARTS_FOREST_H_

#include <optional>
#include <string>
#include <vector>

#include "charts/charts.h"

namespace inspire::charts {

struct ForestRow {
  std::string label;                       // the study
  std::vector<std::string> columns;        // its descriptors, one per ForestPlot::column_headers
  double estimate = 0, low = 0, high = 0;  // on the analysis scale (log for ratios)
  double weight = 0;                       // percent
};

struct ForestSummary {
  std::string label;  // "Pooled (REML, 10 studies)"
  double estimate = 0, low = 0, high = 0;
  std::optional<double> pi_low, pi_high;  // the prediction interval, if any
};

struct ForestPlot {
  std::vector<std::string> column_headers;  // descriptor columns shown after the study name
  std::vector<ForestRow> rows;
  std::optional<ForestSummary> summary;
  bool log_scale = false;    // values are logs of ratios: axis and text show exp(value)
  std::string effect_label;  // "Odds ratio", "Hedges' g"
  double level = 0.95;       // of the intervals, for the column header
};

std::string Forest(const ForestPlot& plot, const ChartText& text);

// An effect as text on the display scale: "0.64", "12.3", "-0.215".
std::string EffectText(double value, bool log_scale);

}  // namespace inspire::charts

#endif  // INSPIRE_CHARTS_FOREST_H_
