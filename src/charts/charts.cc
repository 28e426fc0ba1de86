#include "charts/charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "charts/svg.h"

namespace inspire::charts {
namespace {

constexpr double kWidth = 640;

// A round step for the value axis: 2, 5, 10 or 20 percentage points.
double AxisStep(double largest) {
  constexpr double kSlack = 1e-9;  // a top computed as 6 x 0.1 is still "0.6"
  if (largest <= 0.1 + kSlack) return 0.02;
  if (largest <= 0.2 + kSlack) return 0.05;
  if (largest <= 0.6 + kSlack) return 0.1;
  return 0.2;
}

// The top of the value axis: the largest upper bound rounded up to a whole step (10% to 100%).
double AxisTop(double largest) {
  const double step = AxisStep(largest);
  const double top = std::ceil(std::max(largest, 0.0) / step - 1e-9) * step;
  return std::clamp(top, 0.1, 1.0);
}

// Vertical grid lines and percentages from x0 to x1 for 0..top.
std::string Axis(double x0, double x1, double y_top, double y_bottom, double top) {
  std::string out;
  const int steps = static_cast<int>(std::lround(top / AxisStep(top)));
  for (int i = 0; i <= steps; ++i) {
    const double value = top * i / steps;
    const double x = x0 + (x1 - x0) * value / top;
    out += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>"
        "<text x=\"{0:.1f}\" y=\"{4:.1f}\" text-anchor=\"middle\" fill=\"{5}\">{6:.0f}%</text>",
        x, y_top, y_bottom, kGrid, y_top - 6, kMuted, value * 100);
  }
  return out;
}

std::string IntervalText(const Interval& row) {
  if (row.quality == Quality::kSuppressed) return "suppressed";
  std::string text = Percent(row.estimate);
  if (row.low && row.high) text += fmt::format(" ({}–{})", Percent(*row.low), Percent(*row.high));
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
  const double top = AxisTop(largest);
  const double height = kTop + kRow * static_cast<double>(rows.size()) + 8;
  const auto x = [&](double value) {
    return kPlotLeft + (kPlotRight - kPlotLeft) * std::clamp(value, 0.0, top) / top;
  };
  std::string out = Open(kWidth, height, text, ChartId(text));
  out += Axis(kPlotLeft, kPlotRight, kTop - 4, height - 8, top);
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
    std::string value = IntervalText(row) + (caution ? " †" : "");
    if (!row.note.empty()) value += " · " + Cut(row.note, 14);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" fill=\"{}\">{}</text>", kValueLeft, y + 4,
                       caution ? kMuted : "#000000", EscapeXml(value));
  }
  out += "</svg>";
  return out;
}

}  // namespace

std::string Percent(double proportion) { return fmt::format("{:.1f}%", proportion * 100); }

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

std::string Trend(const std::vector<TrendPoint>& points, const std::vector<Goal>& goals,
                  const ChartText& text) {
  constexpr double kLeft = 50;
  constexpr double kRight = 600;
  constexpr double kTop = 20;
  constexpr double kBottom = 200;
  constexpr double kHeight = 232;
  int first = 9999;
  int last = 0;
  double largest = 0;
  for (const auto& p : points) {
    first = std::min(first, p.year);
    last = std::max(last, p.year);
    largest = std::max({largest, p.estimate, p.high.value_or(p.estimate)});
  }
  for (const auto& g : goals) {
    first = std::min(first, g.year);
    last = std::max(last, g.year);
    largest = std::max(largest, g.value);
  }
  if (first > last) {
    first = 2000;
    last = 2001;
  }
  if (first == last) {
    --first;
    ++last;
  }
  const double top = AxisTop(largest);
  const auto x = [&](double year) {
    return kLeft + 20 + (kRight - kLeft - 40) * (year - first) / (last - first);
  };
  const auto y = [&](double value) {
    return kBottom - (kBottom - kTop) * std::clamp(value, 0.0, top) / top;
  };
  std::string out = Open(kWidth, kHeight, text, ChartId(text));
  const int steps = static_cast<int>(std::lround(top / AxisStep(top)));
  for (int i = 0; i <= steps; ++i) {
    const double value = top * i / steps;
    out += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>"
        "<text x=\"{4}\" y=\"{5:.1f}\" text-anchor=\"end\" fill=\"{6}\">{7:.0f}%</text>",
        kLeft, kRight, y(value), kGrid, kLeft - 6, y(value) + 4, kMuted, value * 100);
  }
  std::vector<int> years;
  years.reserve(points.size() + goals.size());
  for (const auto& p : points) years.push_back(p.year);
  for (const auto& g : goals) years.push_back(g.year);
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  for (const int year : years) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
                       x(year), kBottom + 18, kMuted, year);
  }
  std::vector<TrendPoint> sorted = points;
  std::sort(sorted.begin(), sorted.end(),
            [](const TrendPoint& a, const TrendPoint& b) { return a.year < b.year; });
  if (sorted.size() > 1) {
    std::string line;
    for (const auto& p : sorted) {
      line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x(p.year), y(p.estimate));
    }
    out += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
                       line, kInk);
  }
  for (const auto& p : sorted) {
    if (p.low && p.high) {
      out += fmt::format(
          "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
          "stroke-width=\"2\"/>",
          x(p.year), y(*p.low), y(*p.high), kInk);
    }
    out += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"{}\"><title>{} {}: {}</title>"
        "</circle>",
        x(p.year), y(p.estimate), kInk, EscapeXml(p.source), p.year, Percent(p.estimate));
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"#000000\">{}</text>", x(p.year) + 8,
                       y(p.estimate) - 6, Percent(p.estimate));
  }
  for (const auto& g : goals) {
    const double gx = x(g.year);
    const double gy = y(g.value);
    const bool target = g.label.find("arget") != std::string::npos;
    if (target && !sorted.empty()) {
      out += fmt::format(
          "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
          "stroke-width=\"2\" stroke-dasharray=\"5 4\"/>",
          x(sorted.back().year), y(sorted.back().estimate), gx, gy, kGoal);
    }
    out += fmt::format(
        "<path d=\"M{0:.1f} {1:.1f} l6 6 l-6 6 l-6 -6 z\" fill=\"{2}\" stroke=\"{3}\" "
        "stroke-width=\"2\"/><text x=\"{4:.1f}\" y=\"{5:.1f}\" fill=\"{3}\" "
        "text-anchor=\"{6}\">{7} {8}</text>",
        gx, gy - 6, target ? "#ffffff" : kGoal, kGoal, target ? gx - 10 : gx + 10, gy + 18,
        target ? "end" : "start", EscapeXml(g.label), Percent(g.value));
  }
  out += "</svg>";
  return out;
}

}  // namespace inspire::charts
