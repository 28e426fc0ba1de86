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

// A row is a proportion, a mean or a total. A catalogue indicator whose unit is a proportion
// takes proportions only (a total of its question goes under a variant id); one indicator has one
// statistic; a mean's or total's numbers need not lie within 0-1 but its interval must hold the
// estimate.
TEST(EstimateFile, ProportionsMeansAndTotalsEachUnderTheirOwnIndicator) {
  const auto& catalogue = testing::ShippedCatalogue();
  for (const Json& statistic : {Json("proportion"), Json(""), Json(nullptr)}) {
    const auto read = ReadEstimateFile(catalogue, "KEN", File({{"statistic", statistic}}));
    ASSERT_TRUE(read) << statistic.dump() << ": " << read.error().message;
    EXPECT_EQ(read->rows.at(0).statistic, "proportion");
  }
  const auto refused = [&](const Json& changes, const std::string& field, const char* words) {
    const auto read = ReadEstimateFile(catalogue, "KEN", File(changes));
    ASSERT_FALSE(read) << changes.dump();
    EXPECT_EQ(read.error().field, field) << read.error().message;
    EXPECT_NE(read.error().message.find(words), std::string::npos) << read.error().message;
  };
  refused({{"statistic", "median"}}, "estimates[0].statistic", "proportion, mean or total");
  refused({{"statistic", "total"}}, "estimates[0].statistic", "variant id such as '1.3-number'");
  const Json total = {{"statistic", "total"},
                      {"indicator_id", "1.3-number"},
                      {"indicator_name", "Young people who experienced sexual violence (number)"},
                      {"estimate", 325000.0},
                      {"se", 41000.0},
                      {"ci_low", 250000.0},
                      {"ci_high", 400000.0}};
  const auto read = ReadEstimateFile(catalogue, "KEN", File(total));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->rows.at(0).statistic, "total");
  EXPECT_EQ(read->rows.at(0).estimate, 325000.0);
  Json outside = total;
  outside["ci_low"] = 330000.0;
  refused(outside, "estimates[0].ci_low", "must hold the estimate");
  Json mixed = File(total);
  Json second = mixed["estimates"][0];
  second["statistic"] = "mean";
  second["domain"] = "sex";
  second["domain_code"] = "1";
  mixed["estimates"].push_back(second);
  const auto two = ReadEstimateFile(catalogue, "KEN", mixed);
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().field, "estimates[1].statistic");
  EXPECT_NE(two.error().message.find("one indicator has one statistic"), std::string::npos);
}

}  // namespace
}  // namespace inspire::hub
