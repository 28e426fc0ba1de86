// Pieces shared by the charts (not part of the module's interface): colours, the <svg> opening
// with its title and description, and text cutting.
#ifndef INSPIRE_CHARTS_SVG_H_
#define INSPIRE_CHARTS_SVG_H_

#include <string>

#include "charts/charts.h"

namespace inspire::charts {

inline constexpr const char* kInk = "#1b3a5c";    // dots, bars, lines (contrast 11:1 on white)
inline constexpr const char* kMuted = "#595959";  // axis text, suppressed marks (7:1)
inline constexpr const char* kGrid = "#d9d9d9";
inline constexpr const char* kBar = "#8fb3d9";
inline constexpr const char* kGoal = "#8a4b08";  // baseline and target (6:1)

// Cuts `text` to `limit` characters (UTF-8 aware), with an ellipsis.
std::string Cut(const std::string& text, size_t limit);

// Number of characters (UTF-8 code points) of `text`.
size_t Characters(const std::string& text);

// The <svg> element's opening, its <title> and <desc> (referenced by aria-labelledby).
std::string Open(double width, double height, const ChartText& text, const std::string& id);

// An id for the chart's title and desc, unique enough within a page: from the title's hash.
std::string ChartId(const ChartText& text);

}  // namespace inspire::charts

#endif  // INSPIRE_CHARTS_SVG_H_
