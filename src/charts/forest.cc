#include "charts/forest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "charts/svg.h"

namespace inspire::charts {
namespace {

constexpr double kCharWidth = 7.2;  // average width of a character at 13 px
constexpr double kPlotWidth = 280;
constexpr double kValueWidth = 160;
constexpr double kWeightWidth = 56;
constexpr double kRow = 22;
constexpr double kHeaderY = 18;
constexpr double kFirstRow = 38;
constexpr size_t kLabelChars = 28;
constexpr size_t kColumnChars = 16;

// 1, 2 or 5 times a power of ten, about a fifth of `span`.
double NiceStep(double span) {
  const double raw = span / 5;
  const double power = std::pow(10, std::floor(std::log10(raw)));
  const double scaled = raw / power;
  return (scaled < 1.5 ? 1 : scaled < 3.5 ? 2 : scaled < 7.5 ? 5 : 10) * power;
}

// Tick positions on the analysis scale, with their labels.
std::vector<std::pair<double, std::string>> Ticks(double low, double high, bool log_scale) {
  std::vector<std::pair<double, std::string>> ticks;
  const auto label = [](double value) { return fmt::format("{:g}", value); };
  if (log_scale) {
    for (int power = -4; power <= 4; ++power) {
      for (const double mantissa : {1.0, 2.0, 5.0}) {
        const double ratio = mantissa * std::pow(10, power);
        if (std::log(ratio) >= low && std::log(ratio) <= high) {
          ticks.emplace_back(std::log(ratio), label(ratio));
        }
      }
    }
    if (ticks.size() >= 3) return ticks;
    ticks.clear();
    const double ratio_low = std::exp(low), ratio_high = std::exp(high);
    const double step = NiceStep(ratio_high - ratio_low);
    const auto first = static_cast<int64_t>(std::ceil(ratio_low / step));
    const auto last = static_cast<int64_t>(std::floor(ratio_high / step + 1e-9));
    for (int64_t i = std::max<int64_t>(first, 1); i <= last && i - first < 50; ++i) {
      const double r = static_cast<double>(i) * step;
      ticks.emplace_back(std::log(r), label(r));
    }
    return ticks;
  }
  const double step = NiceStep(high - low);
  const auto first = static_cast<int64_t>(std::ceil(low / step));
  const auto last = static_cast<int64_t>(std::floor(high / step + 1e-9));
  for (int64_t i = first; i <= last && i - first < 50; ++i) {
    const double value = static_cast<double>(i) * step;
    ticks.emplace_back(value, label(i == 0 ? 0.0 : value));
  }
  return ticks;
}

double TextWidth(size_t characters) { return static_cast<double>(characters) * kCharWidth + 14; }

}  // namespace

std::string EffectText(double value, bool log_scale) {
  const double shown = log_scale ? std::exp(value) : value;
  const double size = std::fabs(shown);
  if (size >= 100) return fmt::format("{:.0f}", shown);
  if (size >= 10) return fmt::format("{:.1f}", shown);
  if (log_scale && size < 0.095) return fmt::format("{:.3f}", shown);  // a ratio near 0
  return fmt::format("{:.2f}", shown);
}

std::string Forest(const ForestPlot& plot, const ChartText& text) {
  // Column widths from the longest text in each.
  size_t label_chars = 5;
  for (const auto& row : plot.rows) {
    label_chars = std::max(label_chars, std::min(Characters(row.label), kLabelChars));
  }
  if (plot.summary) {
    label_chars = std::max(label_chars, std::min(Characters(plot.summary->label), kLabelChars));
  }
  std::vector<double> column_x;
  double x = 8 + TextWidth(label_chars);
  for (size_t c = 0; c < plot.column_headers.size(); ++c) {
    size_t chars = std::min(Characters(plot.column_headers[c]), kColumnChars);
    for (const auto& row : plot.rows) {
      if (c < row.columns.size()) {
        chars = std::max(chars, std::min(Characters(row.columns[c]), kColumnChars));
      }
    }
    column_x.push_back(x);
    x += TextWidth(chars);
  }
  const double plot_left = x + 8;
  const double plot_right = plot_left + kPlotWidth;
  const double value_x = plot_right + 16;
  const double weight_x = value_x + kValueWidth + kWeightWidth - 8;  // right-aligned
  const double width = value_x + kValueWidth + kWeightWidth + 8;

  // The axis range: the estimates, the pooled interval and the line of no effect (0), widened
  // to hold the studies' intervals but by no more than that span again on each side; longer
  // intervals end in an arrow.
  double core_low = 0, core_high = 0, low = 0, high = 0;
  for (const auto& row : plot.rows) {
    core_low = std::min(core_low, row.estimate);
    core_high = std::max(core_high, row.estimate);
    low = std::min(low, row.low);
    high = std::max(high, row.high);
  }
  if (plot.summary) {
    const ForestSummary& s = *plot.summary;
    core_low = std::min({core_low, s.low, s.pi_low.value_or(s.low)});
    core_high = std::max({core_high, s.high, s.pi_high.value_or(s.high)});
  }
  const double core_span = std::max(core_high - core_low, 1e-9);
  low = std::max(low, core_low - core_span);
  high = std::min(high, core_high + core_span);
  if (!std::isfinite(low) || !std::isfinite(high)) {
    low = -1;
    high = 1;
  }
  if (high - low < 1e-9) {
    low -= 1;
    high += 1;
  }
  const double margin = (high - low) * 0.04;
  low -= margin;
  high += margin;
  const auto to_x = [&](double value) {
    return plot_left +
           (plot_right - plot_left) * (std::clamp(value, low, high) - low) / (high - low);
  };

  const double rows_end = kFirstRow + kRow * static_cast<double>(plot.rows.size());
  const double summary_y = rows_end + 12 + kRow / 2;
  const bool has_pi = plot.summary && plot.summary->pi_low && plot.summary->pi_high;
  const double pi_y = summary_y + kRow;
  const double axis_y = (plot.summary ? (has_pi ? pi_y : summary_y) + kRow / 2 : rows_end) + 8;
  const double height = axis_y + 30;

  std::string out = Open(width, height, text, ChartId(text));
  // Header.
  out += fmt::format("<g font-weight=\"600\"><text x=\"8\" y=\"{}\">Study</text>", kHeaderY);
  for (size_t c = 0; c < plot.column_headers.size(); ++c) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{}</text>", column_x[c], kHeaderY,
                       EscapeXml(Cut(plot.column_headers[c], kColumnChars)));
  }
  out += fmt::format(
      "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>"
      "<text x=\"{:.1f}\" y=\"{}\">{} [{:g}% CI]</text>"
      "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"end\">Weight</text></g>",
      (plot_left + plot_right) / 2, kHeaderY, EscapeXml(plot.effect_label), value_x, kHeaderY,
      "Effect", plot.level * 100, weight_x, kHeaderY);
  // Grid: ticks and the line of no effect.
  // Tick labels at least kTickGap apart; the line of no effect's label always shown.
  constexpr double kTickGap = 36;
  std::vector<double> kept = {to_x(0)};
  for (const auto& [value, label] : Ticks(low, high, plot.log_scale)) {
    const double tick_x = to_x(value);
    const bool is_null = std::fabs(value) < 1e-12;
    if (!is_null && std::any_of(kept.begin(), kept.end(),
                                [&](double k) { return std::fabs(k - tick_x) < kTickGap; })) {
      continue;
    }
    if (!is_null) kept.push_back(tick_x);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>"
        "<text x=\"{0:.1f}\" y=\"{4:.1f}\" text-anchor=\"middle\" fill=\"{5}\">{6}</text>",
        to_x(value), kFirstRow - 6, axis_y, kGrid, axis_y + 16, kMuted, EscapeXml(label));
  }
  out += fmt::format(
      "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
      "stroke-dasharray=\"4 3\"/><line x1=\"{4:.1f}\" x2=\"{5:.1f}\" y1=\"{2:.1f}\" "
      "y2=\"{2:.1f}\" stroke=\"{6}\"/>",
      to_x(0), kFirstRow - 6, axis_y, kMuted, plot_left, plot_right, kMuted);

  double heaviest = 0;
  for (const auto& row : plot.rows) heaviest = std::max(heaviest, row.weight);
  const auto line = [&](double from, double to, double y, const char* extra) {
    std::string svg = fmt::format(
        "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"1.5\"{}/>",
        to_x(from), to_x(to), y, y, kInk, extra);
    // An arrow head where the interval runs off the axis.
    if (from < low) {
      svg += fmt::format("<path d=\"M{0:.1f} {1:.1f}l6 -4v8z\" fill=\"{2}\"/>", plot_left, y, kInk);
    }
    if (to > high) {
      svg +=
          fmt::format("<path d=\"M{0:.1f} {1:.1f}l-6 -4v8z\" fill=\"{2}\"/>", plot_right, y, kInk);
    }
    return svg;
  };
  const auto interval_text = [&](double estimate, double from, double to) {
    return fmt::format("{} [{}, {}]", EffectText(estimate, plot.log_scale),
                       EffectText(from, plot.log_scale), EffectText(to, plot.log_scale));
  };
  for (size_t i = 0; i < plot.rows.size(); ++i) {
    const ForestRow& row = plot.rows[i];
    const double y = kFirstRow + kRow * (static_cast<double>(i) + 0.5);
    out += fmt::format("<text x=\"8\" y=\"{:.1f}\">{}</text>", y + 4,
                       EscapeXml(Cut(row.label, kLabelChars)));
    for (size_t c = 0; c < column_x.size() && c < row.columns.size(); ++c) {
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>", column_x[c], y + 4,
                         EscapeXml(Cut(row.columns[c], kColumnChars)));
    }
    out += line(row.low, row.high, y, "");
    const double side = 4 + 10 * std::sqrt(heaviest > 0 ? row.weight / heaviest : 1);
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>",
        to_x(row.estimate) - side / 2, y - side / 2, side, side, kInk);
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{:.1f}%</text>",
        value_x, y + 4, interval_text(row.estimate, row.low, row.high), weight_x, y + 4,
        row.weight);
  }
  if (plot.summary) {
    const ForestSummary& s = *plot.summary;
    out += fmt::format("<line x1=\"8\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>",
                       width - 8, rows_end + 6, rows_end + 6, kGrid);
    out += fmt::format(
        "<g font-weight=\"600\"><text x=\"8\" y=\"{0:.1f}\">{1}</text>"
        "<path d=\"M{2:.1f} {3:.1f}L{4:.1f} {5:.1f}L{6:.1f} {3:.1f}L{4:.1f} {7:.1f}Z\" "
        "fill=\"{8}\"/><text x=\"{9:.1f}\" y=\"{0:.1f}\">{10}</text>"
        "<text x=\"{11:.1f}\" y=\"{0:.1f}\" text-anchor=\"end\">100%</text></g>",
        summary_y + 4, EscapeXml(Cut(s.label, kLabelChars)), to_x(s.low), summary_y,
        to_x(s.estimate), summary_y - 7, to_x(s.high), summary_y + 7, kInk, value_x,
        interval_text(s.estimate, s.low, s.high), weight_x);
    if (has_pi) {
      out += fmt::format("<text x=\"8\" y=\"{:.1f}\">Prediction interval</text>", pi_y + 4);
      out += line(*s.pi_low, *s.pi_high, pi_y, " stroke-dasharray=\"5 3\"");
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">[{}, {}]</text>", value_x, pi_y + 4,
                         EffectText(*s.pi_low, plot.log_scale),
                         EffectText(*s.pi_high, plot.log_scale));
    }
  }
  out += "</svg>";
  return out;
}

}  // namespace inspire::charts
