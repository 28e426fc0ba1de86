// SVG charts for the hub's pages, drawn on the server: no script, no external font, small. Each
// chart is an <svg role="img"> with a <title> and a <desc> that say what it shows in words; the
// pages put the same numbers in a table next to it. Values are proportions (0-1) shown as
// percentages, or means or totals (ChartText::scale). Suppressed values are drawn as a mark with
// the word "suppressed", never as zero.
#ifndef INSPIRE_CHARTS_CHARTS_H_
#define INSPIRE_CHARTS_CHARTS_H_

#include <optional>
#include <string>
#include <vector>

namespace inspire::charts {

enum class Quality { kOk, kCaution, kSuppressed };

// One estimate with its confidence interval.
struct Interval {
  std::string label;    // row label ("Female", "Kenya")
  std::string note;     // small text after the value ("VACS 2019")
  double estimate = 0;  // ignored when suppressed
  std::optional<double> low, high;
  Quality quality = Quality::kOk;
};

// How a chart writes its values and draws its value axis: proportions (0-1) as percentages,
// means as numbers, totals as whole numbers with thousands separators. The axis starts at 0.
enum class Scale { kPercent, kMean, kCount };

struct ChartText {
  std::string title;        // <title>: what the chart is
  std::string description;  // <desc>: its main message in words
  Scale scale = Scale::kPercent;
};

// Horizontal dot-and-whisker chart, one row per interval, in the given order.
std::string DotWhisker(const std::vector<Interval>& rows, const ChartText& text);

// Horizontal bars (the estimate) with whiskers (the CI), one row per interval, in the given
// order (callers sort).
std::string BarsWithIntervals(const std::vector<Interval>& rows, const ChartText& text);

struct TrendPoint {
  int year = 0;
  double estimate = 0;
  std::optional<double> low, high;
  std::string source;
};
struct Goal {
  int year = 0;
  double value = 0;
  std::string label;  // "Baseline 2013", "Target 2030"
};

// Estimates over survey rounds: points with whiskers joined by a line, and the baseline and
// target (if any) as marked points, the target joined to the last estimate by a dashed line.
std::string Trend(const std::vector<TrendPoint>& points, const std::vector<Goal>& goals,
                  const ChartText& text);

// "42.5%" (one decimal).
std::string Percent(double proportion);

// A value as `scale` writes it: "42.5%" (Percent), "14.83" (two decimals), "3,225,378" (a whole
// number with thousands separators).
std::string FormatValue(Scale scale, double value);

// A confidence level as readers see it: 0.95 -> "95%", 0.9 -> "90%", 0.995 -> "99.5%".
std::string LevelText(double level);

// Text safe inside XML and HTML: & < > " ' escaped, and each control character XML 1.0 does not
// allow (all below U+0020 but tab, line feed and carriage return) made a space.
std::string EscapeXml(std::string_view text);

}  // namespace inspire::charts

#endif  // INSPIRE_CHARTS_CHARTS_H_
