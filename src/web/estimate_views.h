// Internal to src/web: published estimates as the pages show them. Intervals are labelled with
// the confidence level they were made at (never an assumed 95%); a table or chart whose
// intervals differ in level says so in each row.
#ifndef INSPIRE_WEB_ESTIMATE_VIEWS_H_
#define INSPIRE_WEB_ESTIMATE_VIEWS_H_

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "charts/charts.h"
#include "core/error.h"
#include "hub/country_profile.h"
#include "hub/published_estimates.h"
#include "store/database.h"

namespace inspire::web {

// The confidence levels of the intervals one chart or table shows.
class Levels {
 public:
  void Add(const hub::PublishedEstimate& row) { levels_.insert(row.level); }
  // Every interval at one level (or none shown).
  bool Uniform() const { return levels_.size() <= 1; }
  // "95%", or "90%, 95%" when they differ ("95%" when none was added).
  std::string Text() const;
  // The table's interval header: "95% CI" at one level, else "CI" with the level in each cell.
  std::string Header() const;

 private:
  std::set<double> levels_;
};

// A row as a chart's interval, labelled `label` with `note` after its value.
charts::Interval IntervalOf(const hub::PublishedEstimate& row, std::string label, std::string note);

// A row's interval for a table, "12.0%–15.5%", with its level when the table's levels differ;
// empty without an interval.
std::string CiText(const hub::PublishedEstimate& row, const Levels& levels);

// An indicator's latest total estimate per country, largest first: {"rows": [table rows],
// "has_rows", "ci_header", "chart" (an SVG, when there are rows)}.
core::Result<nlohmann::ordered_json> IndicatorAcross(store::Connection& db,
                                                     const catalogue::Catalogue& catalogue,
                                                     const catalogue::Indicator& indicator);

// An indicator's block on the page of `country`: its latest publication, the trend chart (with
// the target), the breakdown chart and table, and the sources. The latest total (when shown) is
// added to `latest` and its level to `latest_levels`, for the country's headline chart.
nlohmann::ordered_json IndicatorBlock(const hub::IndicatorProfile& indicator,
                                      const catalogue::Country& country,
                                      std::vector<charts::Interval>& latest, Levels& latest_levels);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_ESTIMATE_VIEWS_H_
