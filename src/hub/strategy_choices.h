// The strategy ids a record may be tagged with: the seven strategies and the two cross-cutting
// activities. One list for every record kind that has a "strategies" field.
#ifndef INSPIRE_HUB_STRATEGY_CHOICES_H_
#define INSPIRE_HUB_STRATEGY_CHOICES_H_

#include <string>
#include <vector>

namespace inspire::hub {

// The seven strategies' ids and the two cross-cutting activities' (coordination X1, monitoring
// and evaluation X2): the choices of every record's "strategies" field.
inline const std::vector<std::string>& StrategyChoices() {
  static const std::vector<std::string> kIds = {"I1", "N2", "S3", "P4", "I5",
                                                "R6", "E7", "X1", "X2"};
  return kIds;
}

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_STRATEGY_CHOICES_H_
