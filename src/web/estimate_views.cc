#include "web/estimate_views.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "web/page_text.h"
#include "web/templates.h"

namespace inspire::web {
using Json = nlohmann::ordered_json;

namespace {

charts::Quality QualityOf(const hub::PublishedEstimate& row) {
  if (row.suppressed()) return charts::Quality::kSuppressed;
  return row.flag == "caution" ? charts::Quality::kCaution : charts::Quality::kOk;
}

Json CountCell(const std::optional<int64_t>& n) { return n ? Json(*n) : Json(""); }

// How a row's numbers are written and drawn: a proportion as a percentage, a mean as a number, a
// total as a whole number with thousands separators.
charts::Scale ScaleOf(const std::string& statistic) {
  if (statistic == "mean") return charts::Scale::kMean;
  if (statistic == "total") return charts::Scale::kCount;
  return charts::Scale::kPercent;
}

// The scale of an indicator's rows (one indicator has one statistic).
charts::Scale ScaleOf(const std::vector<hub::PublishedEstimate>& rows) {
  return rows.empty() ? charts::Scale::kPercent : ScaleOf(rows.front().statistic);
}

std::string EstimateCell(const hub::PublishedEstimate& row) {
  return row.estimate ? charts::FormatValue(ScaleOf(row.statistic), *row.estimate) : "";
}

// The latest total of each country, largest estimate first (suppressed ones last).
std::vector<hub::PublishedEstimate> LatestPerCountry(std::vector<hub::PublishedEstimate> rows) {
  std::map<std::string, hub::PublishedEstimate> latest;
  for (auto& row : rows) {
    auto found = latest.find(row.country);
    if (found == latest.end()) {
      latest.emplace(row.country, std::move(row));
    } else if (row.NewerThan(found->second)) {
      found->second = std::move(row);
    }
  }
  std::vector<hub::PublishedEstimate> sorted;
  sorted.reserve(latest.size());
  for (auto& [iso3, row] : latest) sorted.push_back(std::move(row));
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.estimate.value_or(-1) > b.estimate.value_or(-1);
  });
  return sorted;
}

// The trend chart of a country's indicator, with its target's baseline and goal.
std::string TrendChart(const hub::IndicatorProfile& indicator, const catalogue::Country& country) {
  std::vector<charts::TrendPoint> points;
  Levels levels;
  for (const auto& row : indicator.trend) {
    levels.Add(row);
    points.push_back({static_cast<int>(row.year), row.estimate.value_or(0), row.ci_low, row.ci_high,
                      row.source});
  }
  std::vector<charts::Goal> goals;
  if (const auto& t = indicator.target) {
    if (t->baseline_value && t->baseline_year) {
      goals.push_back({static_cast<int>(*t->baseline_year), *t->baseline_value,
                       fmt::format("Baseline {}", *t->baseline_year)});
    }
    if (t->target_value && t->target_year) {
      goals.push_back({static_cast<int>(*t->target_year), *t->target_value,
                       fmt::format("Target {}", *t->target_year)});
    }
  }
  const auto& last = points.back();
  const charts::Scale scale = ScaleOf(indicator.trend);
  return charts::Trend(points, goals,
                       {fmt::format("{} in {}, by survey round, with {} confidence intervals",
                                    indicator.name, country.name, levels.Text()),
                        fmt::format("{} survey round{}; the latest ({}) estimate is {}.",
                                    points.size(), points.size() == 1 ? "" : "s", last.year,
                                    charts::FormatValue(scale, last.estimate)),
                        scale});
}

// The target's figures for the page, in the indicator's scale: baseline, target, progress and
// the record's id.
Json TargetView(const hub::IndicatorTarget& target, charts::Scale scale) {
  Json t = Json::object();
  if (target.baseline_value && target.baseline_year) {
    t["baseline"] = charts::FormatValue(scale, *target.baseline_value);
    t["baseline_year"] = *target.baseline_year;
  }
  if (target.target_value && target.target_year) {
    t["target"] = charts::FormatValue(scale, *target.target_value);
    t["target_year"] = *target.target_year;
  }
  if (target.progress) t["progress"] = fmt::format("{:.0f}%", 100 * *target.progress);
  t["target_id"] = target.id;
  return t;
}

std::string GroupName(const hub::PublishedEstimate& row) {
  if (row.total()) return Label("", "total");
  return fmt::format("{}: {}", row.domain,
                     row.domain_label.empty() ? row.domain_code : row.domain_label);
}

}  // namespace

std::string Levels::Text() const {
  std::vector<std::string> texts;
  texts.reserve(levels_.size());
  for (const double level : levels_) texts.push_back(charts::LevelText(level));
  return texts.empty() ? charts::LevelText(0.95) : fmt::format("{}", fmt::join(texts, ", "));
}

std::string Levels::Header() const {
  const std::string generic = UiStrings().value("table_ci", "CI");
  return Uniform() ? fmt::format("{} {}", Text(), generic) : generic;
}

charts::Interval IntervalOf(const hub::PublishedEstimate& row, std::string label,
                            std::string note) {
  charts::Interval interval;
  interval.label = std::move(label);
  interval.note = std::move(note);
  interval.quality = QualityOf(row);
  if (interval.quality != charts::Quality::kSuppressed) {
    interval.estimate = row.estimate.value_or(0);
    interval.low = row.ci_low;
    interval.high = row.ci_high;
  }
  return interval;
}

std::string CiText(const hub::PublishedEstimate& row, const Levels& levels) {
  if (!row.ci_low || !row.ci_high) return "";
  const charts::Scale scale = ScaleOf(row.statistic);
  const std::string interval = fmt::format("{}–{}", charts::FormatValue(scale, *row.ci_low),
                                           charts::FormatValue(scale, *row.ci_high));
  return levels.Uniform() ? interval
                          : fmt::format("{} ({})", interval, charts::LevelText(row.level));
}

core::Result<Json> IndicatorAcross(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const catalogue::Indicator& indicator) {
  hub::EstimateQuery query;
  query.indicator = indicator.id;
  query.domain = "total";
  INSPIRE_ASSIGN_OR_RETURN(auto rows, hub::AllPublished(db, query));
  const std::vector<hub::PublishedEstimate> sorted = LatestPerCountry(std::move(rows));
  Levels levels;
  for (const auto& row : sorted) {
    if (!row.suppressed()) levels.Add(row);
  }
  Json table = Json::array();
  std::vector<charts::Interval> intervals;
  for (const auto& row : sorted) {
    const std::string name = CountryName(catalogue, row.country);
    intervals.push_back(IntervalOf(row, name, fmt::format("{} {}", row.source, row.year)));
    table.push_back({{"iso3", row.country},
                     {"country", name},
                     {"estimate", row.suppressed() ? "suppressed" : EstimateCell(row)},
                     {"caution", row.flag == "caution"},
                     {"ci", CiText(row, levels)},
                     {"n", CountCell(row.n_unweighted)},
                     {"source", row.source},
                     {"year", row.year}});
  }
  Json out = {{"rows", table}, {"has_rows", !table.empty()}, {"ci_header", levels.Header()}};
  if (!intervals.empty()) {
    out["chart"] = charts::BarsWithIntervals(
        intervals, {fmt::format("{}: latest estimate per country with {} confidence intervals",
                                indicator.name, levels.Text()),
                    fmt::format("{} countries; the highest is {} at {}.", intervals.size(),
                                intervals.front().label,
                                charts::FormatValue(ScaleOf(sorted), intervals.front().estimate)),
                    ScaleOf(sorted)});
  }
  return out;
}

Json IndicatorBlock(const hub::IndicatorProfile& indicator, const catalogue::Country& country,
                    std::vector<charts::Interval>& latest, Levels& latest_levels) {
  const std::string latest_source =
      fmt::format("{} {}", indicator.latest.source, indicator.latest.year);
  Json view = {{"id", indicator.id}, {"name", indicator.name}, {"latest_source", latest_source}};
  const charts::Scale scale = ScaleOf(indicator.breakdown);
  if (indicator.target) view["target"] = TargetView(*indicator.target, scale);
  if (!indicator.trend.empty()) view["trend_chart"] = TrendChart(indicator, country);
  // Breakdown of the latest publication (one set: one level).
  std::vector<charts::Interval> breakdown;
  Levels levels;
  if (!indicator.breakdown.empty()) levels.Add(indicator.breakdown.front());
  Json table = Json::array();
  for (const auto& row : indicator.breakdown) {
    breakdown.push_back(IntervalOf(row, GroupName(row), ""));
    // The country's overview chart is of shares: means and totals keep to their own block.
    if (row.total() && !row.suppressed() && scale == charts::Scale::kPercent) {
      latest.push_back(
          IntervalOf(row, fmt::format("{} {}", indicator.id, indicator.name), latest_source));
      latest_levels.Add(row);
    }
    table.push_back({{"group", GroupName(row)},
                     {"suppressed", row.suppressed()},
                     {"caution", row.flag == "caution"},
                     {"estimate", row.suppressed() ? "" : EstimateCell(row)},
                     {"ci", CiText(row, levels)},
                     {"n", CountCell(row.n_unweighted)},
                     {"year", row.year}});
  }
  view["breakdown_chart"] = charts::DotWhisker(
      breakdown,
      {fmt::format("{} in {} by group ({})", indicator.name, country.name, latest_source),
       fmt::format("{} groups, with {} confidence intervals; suppressed groups are "
                   "marked.",
                   breakdown.size(), levels.Text()),
       scale});
  view["rows"] = table;
  view["ci_header"] = levels.Header();
  Json sources = Json::array();
  for (const auto& s : indicator.sources) {
    sources.push_back({{"source", s.source}, {"year", s.year}, {"published_at", s.published_at}});
  }
  view["sources"] = sources;
  return view;
}

}  // namespace inspire::web
