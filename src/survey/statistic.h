// What an indicator estimates: the share of its universe for whom the numerator holds (a
// proportion), the mean of a numeric expression, or a population total (the weighted count of a
// condition, or the weighted sum of a numeric expression). docs/statistics.md gives each formula.
#ifndef INSPIRE_SURVEY_STATISTIC_H_
#define INSPIRE_SURVEY_STATISTIC_H_

#include <optional>
#include <string_view>

namespace inspire::survey {

enum class Statistic { kProportion, kMean, kTotal };

// "proportion", "mean", "total".
constexpr std::string_view StatisticName(Statistic statistic) {
  switch (statistic) {
    case Statistic::kProportion:
      return "proportion";
    case Statistic::kMean:
      return "mean";
    case Statistic::kTotal:
      return "total";
  }
  return "proportion";
}

// The inverse of StatisticName; nullopt for any other text.
constexpr std::optional<Statistic> ParseStatistic(std::string_view text) {
  for (const Statistic s : {Statistic::kProportion, Statistic::kMean, Statistic::kTotal}) {
    if (text == StatisticName(s)) return s;
  }
  return std::nullopt;
}

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_STATISTIC_H_
