// The disclosure attacker against `inspire estimate` (DESIGN.md invariant 2): random surveys
// with 1-4 disaggregations, some crossed, and groups small enough to be suppressed; everything
// the estimate file shows is gathered, and no suppressed cell may be worked out from it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "support/disclosure_attacker.h"
#include "support/run_binary.h"
#include "support/temp_dir.h"

namespace inspire::cli {
namespace {

using Json = nlohmann::json;
using testing::RecoverableCells;
using testing::SeenCell;

// A survey of `rows` respondents in 10 strata of 4 PSUs; variable v_k has 2-5 levels whose
// shares fall off fast, so that the last levels hold few respondents.
std::string RandomSurvey(std::mt19937& random, int variables, int rows) {
  std::string csv = "stratum,psu,w,y";
  for (int v = 0; v < variables; ++v) csv += fmt::format(",v{}", v);
  csv += "\n";
  std::vector<int> levels;
  levels.reserve(static_cast<size_t>(variables));
  for (int v = 0; v < variables; ++v) levels.push_back(2 + static_cast<int>(random() % 4));
  std::uniform_real_distribution<double> unit(0, 1);
  for (int r = 0; r < rows; ++r) {
    const int stratum = r % 10;
    csv += fmt::format("{},{},{:.3f},{}", stratum, stratum * 4 + (r / 10) % 4, 0.5 + unit(random),
                       unit(random) < 0.3 ? 1 : 0);
    for (int v = 0; v < variables; ++v) {
      int level = 1;
      while (level < levels[v] && unit(random) < 0.35) ++level;
      csv += fmt::format(",{}", level);
    }
    csv += "\n";
  }
  return csv;
}

TEST(EstimateDisclosure, NoSuppressedCellOfARandomSurveyCanBeWorkedOut) {
  std::mt19937 random(16);
  size_t complementary_total = 0;
  for (int round = 0; round < 8; ++round) {
    const int variables = 1 + round % 4;
    testing::TempDir dir;
    const auto data = dir.Write("survey.csv", RandomSurvey(random, variables, 600));
    std::string by;
    for (int v = 0; v < variables; ++v) by += fmt::format("{}v{}", v > 0 ? ", " : "", v);
    if (variables >= 2) by += ", [v0, v1]";
    if (variables >= 3 && round % 2 == 0) by += ", [v1, v2]";
    const auto recipe =
        dir.Write("recipe.yaml", fmt::format("design: {{weight: w, strata: stratum, psu: psu}}\n"
                                             "indicators:\n  - {{id: X1, name: X, universe: w > 0, "
                                             "numerator: y == 1, by: [{}]}}\n",
                                             by));
    const auto run = testing::RunInspire(
        {"estimate", data.string(), "--recipe", recipe.string(), "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const Json file = Json::parse(run.out);
    std::vector<SeenCell> cells;
    size_t suppressed = 0;
    for (const Json& row : file["estimates"]) {
      const bool hidden = row["flag"] == "suppressed";
      suppressed += hidden ? 1 : 0;
      complementary_total += row["suppression"] == "complementary" ? 1 : 0;
      if (hidden) {
        EXPECT_TRUE(row["n_unweighted"].is_null() && row["n_weighted"].is_null() &&
                    row["estimate"].is_null())
            << row.dump();
      }
      cells.push_back({row["indicator_id"], row["domain"], row["domain_code"], hidden});
    }
    EXPECT_EQ(RecoverableCells(cells), std::vector<std::string>()) << "round " << round;
    if (variables >= 2) {
      EXPECT_GT(suppressed, 0u) << "round " << round << ": nothing small";
    }
  }
  EXPECT_GT(complementary_total, 0u);
}

}  // namespace
}  // namespace inspire::cli
