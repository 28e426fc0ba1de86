// Replicate designs beyond the R reference (tests/survey/reference_test.cc): making replicate
// weights from strata and PSUs (the same JKn weights as R's as.svrepdesign), grouping rows into
// patterns, the recipe's replicate fields and every bad input's message.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/file.h"
#include "survey/csv_reader.h"
#include "survey/design.h"
#include "survey/estimate.h"
#include "survey/reader.h"
#include "survey/recipe.h"
#include "survey/replicate_make.h"

namespace inspire::survey {
namespace {

const std::string kReplicateFixtures = std::string(INSPIRE_TEST_DATA_DIR) + "/survey/";

Table ReadFixture(const std::string& file) {
  auto table = ReadSurvey(kReplicateFixtures + file);
  EXPECT_TRUE(table.has_value()) << table.error().message;
  return table.value_or(Table{});
}

DesignSpec NhanesSpec() {
  DesignSpec spec;
  spec.weight = "WTMEC2YR";
  spec.strata = "SDMVSTRA";
  spec.psu = "SDMVPSU";
  return spec;
}

// replicate.csv carries, as jk1..jk30, the JKn weights R's as.svrepdesign() made for its design
// (to 10 significant digits), and replicate_jkn_rscales.txt their rscales.
TEST(MakeReplicates, JknWeightsAreThoseOfRsAsSvrepdesign) {
  const Table table = ReadFixture("replicate.csv");
  const auto design = BuildDesign(table, NhanesSpec(), "replicate.csv");
  ASSERT_TRUE(design.has_value()) << design.error().message;
  const auto made = MakeReplicates(*design, {});
  ASSERT_TRUE(made.has_value()) << made.error().message;
  ASSERT_EQ(made->count(), 30U);
  EXPECT_EQ(made->scale, 1.0);
  const auto rscales = core::ReadFile(kReplicateFixtures + "replicate_jkn_rscales.txt");
  ASSERT_TRUE(rscales.has_value());
  size_t line = 0;
  for (size_t begin = 0; begin < rscales->size(); ++line) {
    const size_t end = rscales->find('\n', begin);
    EXPECT_DOUBLE_EQ(made->rscales.at(line), std::stod(rscales->substr(begin, end - begin)));
    begin = end == std::string::npos ? rscales->size() : end + 1;
  }
  for (size_t r = 0; r < 30; ++r) {
    const Column* expected = table.Find("jk" + std::to_string(r + 1));
    ASSERT_NE(expected, nullptr);
    for (size_t row = 0; row < table.rows(); ++row) {
      const double ours =
          design->weight[row] * made->factors[static_cast<size_t>(design->psu[row]) * 30 + r];
      EXPECT_NEAR(ours, expected->values[row], 1e-9 * std::fabs(expected->values[row]) + 1e-12)
          << "replicate " << r + 1 << " row " << row;
    }
  }
}

TEST(MakeReplicates, TheBootstrapIsSeededAndKeepsEachStratumsWeight) {
  const Table table = ReadFixture("replicate.csv");
  const auto design = BuildDesign(table, NhanesSpec(), "replicate.csv");
  ASSERT_TRUE(design.has_value());
  MakeReplicatesOptions options;
  options.type = ReplicateType::kBootstrap;
  options.bootstrap_replicates = 40;
  const auto first = MakeReplicates(*design, options);
  const auto again = MakeReplicates(*design, options);
  options.seed = 2;
  const auto other = MakeReplicates(*design, options);
  ASSERT_TRUE(first && again && other);
  EXPECT_EQ(first->factors, again->factors);
  EXPECT_NE(first->factors, other->factors);
  EXPECT_DOUBLE_EQ(first->scale, 1.0 / 39);
  // Rao-Wu with n_h - 1 draws: each stratum's factors sum to n_h in every replicate.
  for (size_t r = 0; r < 40; ++r) {
    for (uint32_t h = 0; h < design->strata_count(); ++h) {
      double sum = 0;
      for (uint32_t k = design->stratum_offsets[h]; k < design->stratum_offsets[h + 1]; ++k) {
        sum += first->factors[static_cast<size_t>(design->stratum_psus[k]) * 40 + r];
      }
      EXPECT_DOUBLE_EQ(sum, design->psus_in_stratum[h]);
    }
  }
}

TEST(MakeReplicates, RefusesWhatItCannotMake) {
  const Table table = ReadFixture("replicate.csv");
  auto spec = NhanesSpec();
  const auto stratified = BuildDesign(table, spec, "f");
  MakeReplicatesOptions options;
  options.type = ReplicateType::kJK1;
  EXPECT_NE(MakeReplicates(*stratified, options)
                .error()
                .message.find("JK1 is for a design "
                              "without strata"),
            std::string::npos);
  options.type = ReplicateType::kBRR;
  EXPECT_NE(MakeReplicates(*stratified, options).error().message.find("cannot be made"),
            std::string::npos);
  spec.strata.clear();
  const auto clustered = BuildDesign(table, spec, "f");
  options.type = ReplicateType::kJKn;
  EXPECT_NE(MakeReplicates(*clustered, options).error().message.find("use JK1"), std::string::npos);
  options.type = ReplicateType::kJK1;
  const auto jk1 = MakeReplicates(*clustered, options);
  ASSERT_TRUE(jk1.has_value());
  EXPECT_EQ(jk1->count(), clustered->psu_count());
  EXPECT_DOUBLE_EQ(jk1->scale, (jk1->count() - 1.0) / jk1->count());
}

TEST(MakeReplicates, AStratumWithOnePsuFollowsTheLonelyPolicy) {
  // vacs_small has strata with one PSU.
  const Table table = ReadFixture("vacs_small.csv");
  DesignSpec spec{"sampleweight", "strata", "cluster", std::nullopt, std::nullopt};
  const auto design = BuildDesign(table, spec, "vacs_small.csv");
  ASSERT_TRUE(design.has_value());
  ASSERT_FALSE(design->LonelyStrata().empty());
  MakeReplicatesOptions options;
  const auto failed = MakeReplicates(*design, options);
  ASSERT_FALSE(failed.has_value());
  EXPECT_NE(failed.error().message.find("--lonely-psu"), std::string::npos);
  options.lonely_psu = LonelyPsu::kRemove;
  const auto removed = MakeReplicates(*design, options);
  options.lonely_psu = LonelyPsu::kAdjust;
  const auto adjusted = MakeReplicates(*design, options);
  ASSERT_TRUE(removed && adjusted);
  EXPECT_EQ(adjusted->count(), removed->count() + design->LonelyStrata().size());
}

// A recipe with replicate weights, parsed, built and estimated from text.
core::Result<std::vector<EstimateRow>> RunReplicateRecipe(const std::string& design_yaml) {
  Table table = ReadFixture("replicate.csv");
  INSPIRE_ASSIGN_OR_RETURN(
      const Recipe recipe,
      ParseRecipe("design:\n  weight: WTMEC2YR\n" + design_yaml +
                      "indicators:\n  - {id: X, name: x, numerator: HI_CHOL == 1, by: [race]}\n",
                  "r.yaml"));
  INSPIRE_ASSIGN_OR_RETURN(const auto indicators, PrepareRecipe(recipe, table, nullptr));
  INSPIRE_ASSIGN_OR_RETURN(const Design design, BuildDesign(table, recipe.design, "f.csv"));
  RunOptions options;
  options.min_n = 0;
  options.caution_n = 0;
  return EstimateIndicators(table, design, indicators, options);
}

std::string ErrorOf(const std::string& design_yaml) {
  const auto result = RunReplicateRecipe(design_yaml);
  EXPECT_FALSE(result.has_value()) << design_yaml;
  return result ? "" : result.error().message;
}

TEST(ReplicateDesign, BadReplicateFieldsAreNamed) {
  EXPECT_NE(ErrorOf("  replicates: \"nothing*\"\n  type: BRR\n").find("matches no variable"),
            std::string::npos);
  EXPECT_NE(ErrorOf("  replicates: [brr1, brr99]\n  type: BRR\n").find("'brr99' not found"),
            std::string::npos);
  EXPECT_NE(ErrorOf("  replicates: \"jk*\"\n  type: JKn\n").find("type JKn needs rscales"),
            std::string::npos);
  EXPECT_NE(ErrorOf("  replicates: \"fay*\"\n  type: Fay\n").find("needs rho"), std::string::npos);
  EXPECT_NE(ErrorOf("  replicates: \"brr*\"\n  type: brr\n").find("not a replicate type"),
            std::string::npos);
  EXPECT_NE(ErrorOf("  replicates: \"jk*\"\n  type: other\n  rscales: [1, 2]\n")
                .find("rscales has 2 values"),
            std::string::npos);
  EXPECT_NE(ErrorOf("  replicates: \"jk*\"\n  type: JK1\n  strata: SDMVSTRA\n")
                .find("either replicates or strata"),
            std::string::npos);
  EXPECT_NE(ErrorOf("  type: JK1\n").find("add replicates"), std::string::npos);
  EXPECT_NE(ErrorOf("  replicates: \"jk*\"\n  type: JK1\n  mse: maybe\n").find("true or false"),
            std::string::npos);
  EXPECT_NE(ErrorOf("  replicates: [race]\n  type: JK1\n").find("at least 2"), std::string::npos);
}

TEST(ReplicateDesign, MissingOrBadReplicateWeightsNameTheRow) {
  const auto run = [](const std::string& csv) {
    const auto table = ParseCsv(csv, "bad.csv");
    EXPECT_TRUE(table.has_value());
    DesignSpec spec;
    spec.weight = "w";
    spec.replicates = ReplicateSpec{{"r*"}, ReplicateType::kJK1};
    const auto design = BuildDesign(*table, spec, "bad.csv");
    return design ? std::string() : design.error().message;
  };
  EXPECT_NE(run("w,r1,r2\n1,2,0\n2,,4\n").find("row 2"), std::string::npos);
  EXPECT_NE(run("w,r1,r2\n1,2,0\n2,,4\n").find("'r1' is missing"), std::string::npos);
  EXPECT_NE(run("w,r1,r2\n1,2,0\n0,1,0\n").find("weight 'w' is 0 but replicate weight 'r1'"),
            std::string::npos);
  EXPECT_NE(run("w,r1,r2\n1,a,0\n").find("holds text"), std::string::npos);
  EXPECT_EQ(run("w,r1,r2\n1,2,0\n0,0,0\n3,0,6\n"), "");
}

// Rows with the same weights share a pattern; the estimates do not depend on the grouping.
TEST(ReplicateDesign, RowsOfAClusterShareAPatternAndGlobsMatchInFileOrder) {
  const Table table = ReadFixture("replicate.csv");
  DesignSpec spec;
  spec.weight = "WTMEC2YR";
  spec.replicates = ReplicateSpec{{"brr*"}, ReplicateType::kBRR};
  spec.replicates->combined = false;
  const auto design = BuildDesign(table, spec, "replicate.csv");
  ASSERT_TRUE(design.has_value()) << design.error().message;
  ASSERT_EQ(design->replicates->columns.size(), 16U);
  EXPECT_EQ(design->replicates->columns.front(), "brr1");
  EXPECT_EQ(design->replicates->columns.back(), "brr16");
  EXPECT_DOUBLE_EQ(design->replicates->scale, 1.0 / 16);
  // NHANES weights vary within a PSU, so a pattern is a PSU and a weight: fewer than the rows.
  EXPECT_LT(design->replicates->patterns(), table.rows());
  EXPECT_EQ(design->df, 15);
  EXPECT_TRUE(design->LonelyStrata().empty());
}

}  // namespace
}  // namespace inspire::survey
