#include "charts/charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "charts/svg.h"

namespace inspire::charts {
namespace {

constexpr double kWidth = 640;

// The value axis: 0 to `top` in steps of `step`, labelled as its scale writes values.
struct ValueAxis {
  double top = 1;
  double step = 0.2;
  Scale scale = Scale::kPercent;
  int steps() const { return static_cast<int>(std::lround(top / step)); }
};

// A round step for a percentage axis: 2, 5, 10 or 20 percentage points.
double PercentStep(double largest) {
  constexpr double kSlack = 1e-9;  // a top computed as 6 x 0.1 is still "0.6"
  if (largest <= 0.1 + kSlack) return 0.02;
  if (largest <= 0.2 + kSlack) return 0.05;
  if (largest <= 0.6 + kSlack) return 0.1;
  return 0.2;
}

// Percentages: the largest value rounded up to a whole step (10% to 100%). Other scales: 1, 2 or
// 5 times a power of ten, about five steps to the largest value rounded up.
ValueAxis MakeAxis(double largest, Scale scale) {
  largest = std::max(largest, 0.0);
  if (scale == Scale::kPercent) {
    const double step = PercentStep(largest);
    const double top = std::clamp(std::ceil(largest / step - 1e-9) * step, 0.1, 1.0);
    return {top, PercentStep(top), scale};
  }
  if (!(largest > 0) || !std::isfinite(largest)) return {1, 0.2, scale};
  const double raw = largest / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double ratio = raw / magnitude;
  const double step = magnitude * (ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 5 ? 5 : 10);
  return {std::max(step, std::ceil(largest / step - 1e-9) * step), step, scale};
}

// An axis label: "40%", "12.5", "350k", "1.2M".
std::string AxisLabel(const ValueAxis& axis, double value) {
  if (axis.scale == Scale::kPercent) return fmt::format("{:.0f}%", value * 100);
  if (axis.scale == Scale::kMean) return fmt::format("{:g}", value);
  if (value >= 1e9) return fmt::format("{:g}G", value / 1e9);
  if (value >= 1e6) return fmt::format("{:g}M", value / 1e6);
  if (value >= 1e3) return fmt::format("{:g}k", value / 1e3);
  return fmt::format("{:g}", value);
}

// Vertical grid lines and labels from x0 to x1 for 0..top.
std::string Axis(double x0, double x1, double y_top, double y_bottom, const ValueAxis& axis) {
  std::string out;
  const int steps = axis.steps();
  for (int i = 0; i <= steps; ++i) {
    const double value = axis.top * i / steps;
    const double x = x0 + (x1 - x0) * value / axis.top;
    out += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>"
        "<text x=\"{0:.1f}\" y=\"{4:.1f}\" text-anchor=\"middle\" fill=\"{5}\">{6}</text>",
        x, y_top, y_bottom, kGrid, y_top - 6, kMuted, AxisLabel(axis, value));
  }
  return out;
}

std::string IntervalText(const Interval& row, Scale scale) {
  if (row.quality == Quality::kSuppressed) return "suppressed";
  std::string text = FormatValue(scale, row.estimate);
  if (row.low && row.high) {
    text += fmt::format(" ({}–{})", FormatValue(scale, *row.low), FormatValue(scale, *row.high));
  }
  return text;
}

std::string HorizontalRows(const std::vector<Interval>& rows, const ChartText& text, bool bars) {
  constexpr double kLabelRight = 190;
  constexpr double kPlotLeft = 200;
  constexpr double kPlotRight = 450;
  constexpr double kValueLeft = 460;
  constexpr double kTop = 28;
  constexpr double kRow = 26;
  double largest = 0;
  for (const auto& row : rows) {
    if (row.quality == Quality::kSuppressed) continue;
    largest = std::max({largest, row.estimate, row.high.value_or(row.estimate)});
  }
  const ValueAxis axis = MakeAxis(largest, text.scale);
  const double top = axis.top;
  const double height = kTop + kRow * static_cast<double>(rows.size()) + 8;
  const auto x = [&](double value) {
    return kPlotLeft + (kPlotRight - kPlotLeft) * std::clamp(value, 0.0, top) / top;
  };
  std::string out = Open(kWidth, height, text, ChartId(text));
  out += Axis(kPlotLeft, kPlotRight, kTop - 4, height - 8, axis);
  for (size_t i = 0; i < rows.size(); ++i) {
    const Interval& row = rows[i];
    const double y = kTop + kRow * (static_cast<double>(i) + 0.5);
    const std::string label = Cut(row.label, 26);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", kLabelRight,
                       y + 4, EscapeXml(label));
    if (row.quality == Quality::kSuppressed) {
      out += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"{}\" font-style=\"italic\">✕ suppressed (too "
          "few respondents)</text>",
          kPlotLeft + 4, y + 4, kMuted);
      continue;
    }
    if (bars) {
      out += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"14\" fill=\"{}\"/>", kPlotLeft,
          y - 7, x(row.estimate) - kPlotLeft, kBar);
    }
    if (row.low && row.high) {
      out += fmt::format(
          "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
          "stroke-width=\"2\"/>",
          x(*row.low), x(*row.high), y, y, kInk);
      for (const double end : {*row.low, *row.high}) {
        out += fmt::format(
            "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
            "stroke-width=\"2\"/>",
            x(end), y - 5, y + 5, kInk);
      }
    }
    const bool caution = row.quality == Quality::kCaution;
    out += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"{}\" stroke=\"{}\" "
        "stroke-width=\"2\"/>",
        x(row.estimate), y, caution ? "#ffffff" : kInk, kInk);
    std::string value = IntervalText(row, text.scale) + (caution ? " †" : "");
    if (!row.note.empty()) value += " · " + Cut(row.note, 14);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" fill=\"{}\">{}</text>", kValueLeft, y + 4,
                       caution ? kMuted : "#000000", EscapeXml(value));
  }
  out += "</svg>";
  return out;
}

}  // namespace

std::string Percent(double proportion) { return fmt::format("{:.1f}%", proportion * 100); }

std::string FormatValue(Scale scale, double value) {
  if (scale == Scale::kPercent) return Percent(value);
  if (scale == Scale::kMean) return fmt::format("{:.2f}", value);
  // Whole number with thousands separators (fmt's locale-independent grouping by hand).
  const std::string digits = fmt::format("{:.0f}", std::fabs(value));
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return (value < 0 && digits != "0" ? "-" : "") + grouped;
}

std::string LevelText(double level) { return fmt::format("{:g}%", std::round(level * 1000) / 10); }

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // XML 1.0 allows no control characters but tab and line breaks.
        out +=
            static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c;
    }
  }
  return out;
}

std::string DotWhisker(const std::vector<Interval>& rows, const ChartText& text) {
  return HorizontalRows(rows, text, false);
}

std::string BarsWithIntervals(const std::vector<Interval>& rows, const ChartText& text) {
  return HorizontalRows(rows, text, true);
}

namespace {

// The trend chart's frame: x maps a year and y a value to the drawing's coordinates.
struct TrendFrame {
  static constexpr double kLeft = 50;
  static constexpr double kRight = 600;
  static constexpr double kTop = 20;
  static constexpr double kBottom = 200;
  static constexpr double kHeight = 232;
  int first = 9999;
  int last = 0;
  ValueAxis axis;
  double x(double year) const {
    return kLeft + 20 + (kRight - kLeft - 40) * (year - first) / (last - first);
  }
  double y(double value) const {
    return kBottom - (kBottom - kTop) * std::clamp(value, 0.0, axis.top) / axis.top;
  }
};

// The years the points and goals span (at least two), and the value axis over their values.
TrendFrame MakeTrendFrame(const std::vector<TrendPoint>& points, const std::vector<Goal>& goals,
                          Scale scale) {
  TrendFrame f;
  double largest = 0;
  for (const auto& p : points) {
    f.first = std::min(f.first, p.year);
    f.last = std::max(f.last, p.year);
    largest = std::max({largest, p.estimate, p.high.value_or(p.estimate)});
  }
  for (const auto& g : goals) {
    f.first = std::min(f.first, g.year);
    f.last = std::max(f.last, g.year);
    largest = std::max(largest, g.value);
  }
  if (f.first > f.last) {
    f.first = 2000;
    f.last = 2001;
  }
  if (f.first == f.last) {
    --f.first;
    ++f.last;
  }
  f.axis = MakeAxis(largest, scale);
  return f;
}

// Horizontal grid lines with their values, and each year under the plot.
std::string TrendAxes(const TrendFrame& f, const std::vector<TrendPoint>& points,
                      const std::vector<Goal>& goals) {
  std::string out;
  const int steps = f.axis.steps();
  for (int i = 0; i <= steps; ++i) {
    const double value = f.axis.top * i / steps;
    out += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>"
        "<text x=\"{4}\" y=\"{5:.1f}\" text-anchor=\"end\" fill=\"{6}\">{7}</text>",
        TrendFrame::kLeft, TrendFrame::kRight, f.y(value), kGrid, TrendFrame::kLeft - 6,
        f.y(value) + 4, kMuted, AxisLabel(f.axis, value));
  }
  std::vector<int> years;
  years.reserve(points.size() + goals.size());
  for (const auto& p : points) years.push_back(p.year);
  for (const auto& g : goals) years.push_back(g.year);
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  for (const int year : years) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
                       f.x(year), TrendFrame::kBottom + 18, kMuted, year);
  }
  return out;
}

// The estimates in year order: the line joining them, each whisker, dot and value.
std::string TrendPoints(const TrendFrame& f, const std::vector<TrendPoint>& sorted, Scale scale) {
  std::string out;
  if (sorted.size() > 1) {
    std::string line;
    for (const auto& p : sorted) {
      line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", f.x(p.year), f.y(p.estimate));
    }
    out += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
                       line, kInk);
  }
  for (const auto& p : sorted) {
    if (p.low && p.high) {
      out += fmt::format(
          "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
          "stroke-width=\"2\"/>",
          f.x(p.year), f.y(*p.low), f.y(*p.high), kInk);
    }
    out += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"{}\"><title>{} {}: {}</title>"
        "</circle>",
        f.x(p.year), f.y(p.estimate), kInk, EscapeXml(p.source), p.year,
        FormatValue(scale, p.estimate));
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"#000000\">{}</text>",
                       f.x(p.year) + 8, f.y(p.estimate) - 6, FormatValue(scale, p.estimate));
  }
  return out;
}

// The baseline and target as marked points, the target joined to the last estimate.
std::string TrendGoals(const TrendFrame& f, const std::vector<TrendPoint>& sorted,
                       const std::vector<Goal>& goals, Scale scale) {
  std::string out;
  for (const auto& g : goals) {
    const double gx = f.x(g.year);
    const double gy = f.y(g.value);
    const bool target = g.label.find("arget") != std::string::npos;
    if (target && !sorted.empty()) {
      out += fmt::format(
          "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
          "stroke-width=\"2\" stroke-dasharray=\"5 4\"/>",
          f.x(sorted.back().year), f.y(sorted.back().estimate), gx, gy, kGoal);
    }
    out += fmt::format(
        "<path d=\"M{0:.1f} {1:.1f} l6 6 l-6 6 l-6 -6 z\" fill=\"{2}\" stroke=\"{3}\" "
        "stroke-width=\"2\"/><text x=\"{4:.1f}\" y=\"{5:.1f}\" fill=\"{3}\" "
        "text-anchor=\"{6}\">{7} {8}</text>",
        gx, gy - 6, target ? "#ffffff" : kGoal, kGoal, target ? gx - 10 : gx + 10, gy + 18,
        target ? "end" : "start", EscapeXml(g.label), FormatValue(scale, g.value));
  }
  return out;
}

}  // namespace

std::string Trend(const std::vector<TrendPoint>& points, const std::vector<Goal>& goals,
                  const ChartText& text) {
  const TrendFrame frame = MakeTrendFrame(points, goals, text.scale);
  std::vector<TrendPoint> sorted = points;
  std::sort(sorted.begin(), sorted.end(),
            [](const TrendPoint& a, const TrendPoint& b) { return a.year < b.year; });
  std::string out = Open(kWidth, TrendFrame::kHeight, text, ChartId(text));
  out += TrendAxes(frame, points, goals);
  out += TrendPoints(frame, sorted, text.scale);
  out += TrendGoals(frame, sorted, goals, text.scale);
  out += "</svg>";
  return out;
}

}  // namespace inspire::charts
