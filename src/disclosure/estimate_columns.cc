#include "disclosure/estimate_columns.h"

namespace inspire::disclosure {

const std::vector<EstimateColumn>& EstimateColumns() {
  using V = EstimateValue;
  static const std::vector<EstimateColumn> columns = {
      {"indicator_id", V::kText, true},  {"indicator_name", V::kText, false},
      {"domain", V::kText, true},        {"domain_code", V::kText, false},
      {"domain_label", V::kText, false}, {"n_unweighted", V::kCount, true},
      {"n_missing", V::kCount, false},   {"n_weighted", V::kNumber, false},
      {"estimate", V::kNumber, true},    {"se", V::kNumber, true},
      {"ci_low", V::kNumber, false},     {"ci_high", V::kNumber, false},
      {"deff", V::kNumber, false},       {"df", V::kCount, false},
      {"flag", V::kText, true},          {"suppression", V::kText, false},
      {"statistic", V::kText, false}};
  return columns;
}

const std::vector<std::string>& EstimateColumnNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& column : EstimateColumns()) out.push_back(column.name);
    return out;
  }();
  return names;
}

}  // namespace inspire::disclosure
