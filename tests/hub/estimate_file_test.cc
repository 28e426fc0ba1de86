// The hub's reader of published-estimates files on the inputs its fuzzer found: a count past
// what a whole number can hold is refused naming its field, never converted.
#include "hub/estimate_file.h"

#include <gtest/gtest.h>

#include "support/shipped_catalogue.h"

namespace inspire::hub {
namespace {

Json File(const Json& row_changes) {
  Json row = {{"indicator_id", "1.3"},
              {"indicator_name", "Sexual violence"},
              {"domain", "total"},
              {"domain_code", ""},
              {"domain_label", ""},
              {"n_unweighted", 800},
              {"n_weighted", 1234.5},
              {"estimate", 0.25},
              {"se", 0.02},
              {"flag", "ok"}};
  for (const auto& [key, value] : row_changes.items()) row[key] = value;
  return {{"provenance", {{"format", "csv"}}}, {"estimates", {row}}};
}

TEST(EstimateFile, ACountBeyondWholeNumbersIsRefusedNamingItsField) {
  const auto& catalogue = testing::ShippedCatalogue();
  ASSERT_TRUE(ReadEstimateFile(catalogue, "KEN", File(Json::object())));
  const std::vector<std::pair<Json, std::string>> cases = {
      {{{"n_unweighted", 8.00333e+87}}, "estimates[0].n_unweighted"},
      {{{"n_unweighted", 9007199254740994.0}}, "estimates[0].n_unweighted"},
      {{{"n_unweighted", -1}}, "estimates[0].n_unweighted"},
      {{{"n_unweighted", 30.5}}, "estimates[0].n_unweighted"},
      {{{"n_missing", 1e300}}, "estimates[0].n_missing"},
      {{{"n_missing", -3}}, "estimates[0].n_missing"}};
  for (const auto& [changes, field] : cases) {
    const auto read = ReadEstimateFile(catalogue, "KEN", File(changes));
    ASSERT_FALSE(read) << changes.dump();
    EXPECT_EQ(read.error().code, core::ErrorCode::kValidation) << changes.dump();
    EXPECT_EQ(read.error().field, field) << changes.dump() << ": " << read.error().message;
  }
  const auto largest =
      ReadEstimateFile(catalogue, "KEN", File({{"n_unweighted", 9007199254740992.0}}));
  ASSERT_TRUE(largest) << largest.error().message;
  EXPECT_EQ(largest->rows.at(0).n_unweighted, 9007199254740992);
}

// The hub stores and draws proportions: a mean or a total (which inspire estimate makes) is
// refused naming its row, not shown as a share; "proportion" or no statistic is read as before.
TEST(EstimateFile, OnlyProportionsArePublished) {
  const auto& catalogue = testing::ShippedCatalogue();
  for (const Json& statistic : {Json("proportion"), Json(""), Json(nullptr)}) {
    const auto read = ReadEstimateFile(catalogue, "KEN", File({{"statistic", statistic}}));
    EXPECT_TRUE(read) << statistic.dump() << ": " << read.error().message;
  }
  for (const char* statistic : {"mean", "total", "median"}) {
    const auto read = ReadEstimateFile(catalogue, "KEN", File({{"statistic", statistic}}));
    ASSERT_FALSE(read) << statistic;
    EXPECT_EQ(read.error().field, "estimates[0].statistic");
    EXPECT_NE(read.error().message.find("proportions only"), std::string::npos);
  }
}

}  // namespace
}  // namespace inspire::hub
