// The estimator against R's survey package: every estimate, SE, deff, df and both CIs of
// tests/data/survey/reference.csv (made by reference.R from vacs_small.csv) to 1e-9 relative,
// under each lonely-PSU policy and each df rule, from the CSV file and from the same survey as
// SPSS .sav.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <optional>

#include "core/file.h"
#include "support/reorder_rows.h"
#include "support/shipped_catalogue.h"
#include "survey/csv_reader.h"
#include "survey/design.h"
#include "survey/estimate.h"
#include "survey/reader.h"
#include "survey/recipe.h"

namespace inspire::survey {
namespace {

const std::string kReferenceDir = std::string(INSPIRE_TEST_DATA_DIR) + "/survey/";

struct Reference {
  double n, n_weighted, estimate, se, deff, df, logit_low, logit_high, wald_low, wald_high;
};

// "policy/df rule" -> "indicator|domain|code" -> values
std::map<std::string, std::map<std::string, Reference>> LoadReference(
    const std::string& file = "reference.csv") {
  auto table = ReadCsv(kReferenceDir + file);
  EXPECT_TRUE(table.has_value()) << table.error().message;
  std::map<std::string, std::map<std::string, Reference>> out;
  const auto text = [&](const char* name, size_t row) {
    const Column* column = table->Find(name);
    return column->is_text ? column->LabelOf(column->values[row])
                           : FormatNumber(column->values[row]);
  };
  const auto number = [&](const char* name, size_t row) { return table->Find(name)->values[row]; };
  for (size_t row = 0; row < table->rows(); ++row) {
    const std::string key =
        text("indicator", row) + "|" + text("domain", row) + "|" +
        (IsMissing(number("code", row)) && !table->Find("code")->is_text ? "" : text("code", row));
    out[text("policy", row) + "/" + text("df_rule", row)][key] = {
        number("n", row),         number("n_weighted", row), number("estimate", row),
        number("se", row),        number("deff", row),       number("df", row),
        number("logit_low", row), number("logit_high", row), number("wald_low", row),
        number("wald_high", row)};
  }
  return out;
}

struct Run {
  std::vector<EstimateRow> rows;
  std::optional<Design> design;
};

// The recipe's estimates on `table` (already read), as `inspire estimate` makes them.
Run RunOn(Table table, const Recipe& recipe, const std::string& file, const RunOptions& options) {
  // Catalogue ids take their names from the shipped catalogue, as `inspire estimate` does.
  const IndicatorNameLookup lookup = [](const std::string& id) -> std::optional<std::string> {
    const catalogue::Indicator* indicator = testing::ShippedCatalogue().FindIndicator(id);
    return indicator != nullptr ? std::optional<std::string>(indicator->name) : std::nullopt;
  };
  auto prepared = PrepareRecipe(recipe, table, lookup);
  EXPECT_TRUE(prepared.has_value()) << prepared.error().message;
  if (!prepared) return {};
  // After the derived variables, which the design may use (the stacked MICS6 weight).
  auto design = BuildDesign(table, recipe.design, file);
  EXPECT_TRUE(design.has_value()) << design.error().message;
  if (!design) return {};
  auto rows = EstimateIndicators(table, *design, *prepared, options);
  EXPECT_TRUE(rows.has_value()) << rows.error().message;
  return {rows.value_or(std::vector<EstimateRow>{}), std::move(*design)};
}

// The same numbers from the rows in another order: a Taylor design whose PSUs' rows are adjacent
// is summed one PSU at a time, otherwise cell by cell, so each fixture is run both ways and
// both reach R's numbers.
void ExpectOtherOrderAgrees(const Table& table, const Recipe& recipe, const std::string& file,
                            const RunOptions& options, const Run& first) {
  if (!first.design || first.design->replicates) return;
  const auto order = testing::OtherPsuOrder(first.design->psu, first.design->psus_contiguous);
  const Run other = RunOn(testing::ReorderRows(table, order), recipe, file, options);
  ASSERT_TRUE(other.design.has_value());
  // Dealing the rows out splits a PSU when some PSU has two rows.
  if (first.design->psu_count() < first.design->psu.size()) {
    EXPECT_NE(other.design->psus_contiguous, first.design->psus_contiguous);
  }
  ASSERT_EQ(other.rows.size(), first.rows.size());
  for (size_t i = 0; i < first.rows.size(); ++i) {
    const DomainEstimate& a = first.rows[i].values;
    const DomainEstimate& b = other.rows[i].values;
    const std::string what = first.rows[i].indicator_id + " " + first.rows[i].domain + " " +
                             first.rows[i].domain_code + " in the other row order";
    for (const auto& [x, y] :
         {std::pair{a.estimate, b.estimate}, std::pair{a.se, b.se}, std::pair{a.ci_low, b.ci_low},
          std::pair{a.ci_high, b.ci_high}, std::pair{a.deff, b.deff}}) {
      if (std::isnan(x)) {
        EXPECT_TRUE(std::isnan(y)) << what;
      } else {
        EXPECT_NEAR(x, y, 1e-11 * std::max(1.0, std::fabs(x))) << what;
      }
    }
    EXPECT_EQ(a.df, b.df) << what;
    EXPECT_EQ(a.n_unweighted, b.n_unweighted) << what;
  }
}

// `file_declares_missing`: the file marks the missing codes itself, so the recipe's `missing`
// section is dropped (and cannot hide a reader that ignores the file's declarations).
std::vector<EstimateRow> RunRecipe(const std::string& recipe_text,
                                   const std::vector<std::string>& files, LonelyPsu policy,
                                   DfRule df, CiMethod ci, bool file_declares_missing = false) {
  std::vector<std::string> paths;
  paths.reserve(files.size());
  for (const auto& file : files) paths.push_back(kReferenceDir + file);
  auto table = ReadSurveys(paths);
  EXPECT_TRUE(table.has_value()) << table.error().message;
  auto recipe = ParseRecipe(recipe_text, "recipe");
  EXPECT_TRUE(recipe.has_value()) << recipe.error().message;
  if (!recipe || !table) return {};
  if (file_declares_missing) recipe->missing.clear();
  RunOptions options;
  options.min_n = 0;
  options.caution_n = 0;
  options.estimate.lonely_psu = policy;
  options.estimate.ci = ci;
  options.estimate.df = df;
  const Run run = RunOn(*table, *recipe, files.front(), options);
  ExpectOtherOrderAgrees(*table, *recipe, files.front(), options, run);
  return run.rows;
}

std::vector<EstimateRow> RunFixture(LonelyPsu policy, DfRule df, CiMethod ci,
                                    const std::string& file = "vacs_small.csv",
                                    bool file_declares_missing = false,
                                    const std::string& recipe_file = "reference_recipe.yaml") {
  auto text = core::ReadFile(kReferenceDir + recipe_file);
  EXPECT_TRUE(text.has_value());
  return RunRecipe(text.value_or(""), {file}, policy, df, ci, file_declares_missing);
}

void ExpectClose(double ours, double theirs, const std::string& what) {
  if (std::isnan(theirs)) {
    EXPECT_TRUE(std::isnan(ours)) << what << ": R gives NA, we give " << ours;
    return;
  }
  const double tolerance = 1e-9 * std::max(1.0, std::fabs(theirs)) + 1e-15;
  EXPECT_NEAR(ours, theirs, std::fabs(theirs) > 1 ? tolerance : 1e-9 * std::fabs(theirs) + 1e-15)
      << what;
}

void ExpectMatches(const std::map<std::string, Reference>& expected,
                   const std::vector<EstimateRow>& logit, const std::vector<EstimateRow>& wald,
                   const std::string& label) {
  ASSERT_EQ(logit.size(), expected.size());
  ASSERT_EQ(wald.size(), expected.size());
  for (size_t i = 0; i < logit.size(); ++i) {
    const auto& row = logit[i];
    const std::string key = row.indicator_id + "|" + row.domain + "|" + row.domain_code;
    const auto it = expected.find(key);
    ASSERT_NE(it, expected.end()) << "no R value for " << key;
    const Reference& r = it->second;
    std::string what = label;
    what += " ";
    what += key;
    EXPECT_EQ(row.values.n_unweighted, r.n) << what;
    ExpectClose(row.values.n_weighted, r.n_weighted, what + " n_weighted");
    ExpectClose(row.values.estimate, r.estimate, what + " estimate");
    ExpectClose(row.values.se, r.se, what + " se");
    ExpectClose(row.values.deff, r.deff, what + " deff");
    EXPECT_EQ(row.values.df, r.df) << what;
    // At p = 0 or 1 a proportion's logit interval is left empty (docs/statistics.md); R's is
    // degenerate there, both limits expit of glm's unconverged intercept (about 1e-12).
    if (row.statistic == Statistic::kProportion &&
        (row.values.estimate == 0 || row.values.estimate == 1)) {
      EXPECT_TRUE(std::isnan(row.values.ci_low) && std::isnan(row.values.ci_high)) << what;
    } else {
      ExpectClose(row.values.ci_low, r.logit_low, what + " logit low");
      ExpectClose(row.values.ci_high, r.logit_high, what + " logit high");
    }
    ExpectClose(wald[i].values.ci_low, r.wald_low, what + " wald low");
    ExpectClose(wald[i].values.ci_high, r.wald_high, what + " wald high");
  }
}

struct Case {
  const char* policy_name;
  LonelyPsu policy;
  DfRule df;
};

class ReferenceTest : public ::testing::TestWithParam<Case> {};

TEST_P(ReferenceTest, MatchesRSurveyToOneInABillion) {
  static const auto reference = LoadReference();
  const Case& c = GetParam();
  const std::string label = std::string(c.policy_name) + "/" + std::string(DfRuleName(c.df));
  ExpectMatches(reference.at(label), RunFixture(c.policy, c.df, CiMethod::kLogit),
                RunFixture(c.policy, c.df, CiMethod::kWald), label);
}

// The fixture tells the rules apart: the design's df is not a domain's, and at least one domain
// has a PSU whose rows all miss the numerator (so "universe" counts it and "domain" does not).
TEST(ReferenceDfRules, TheFixtureHasDomainsWhereTheRulesDisagree) {
  const auto reference = LoadReference();
  size_t universe_differs = 0;
  size_t design_differs = 0;
  for (const auto& [key, domain] : reference.at("adjust/domain")) {
    universe_differs += reference.at("adjust/universe").at(key).df != domain.df ? 1 : 0;
    design_differs += reference.at("adjust/design").at(key).df != domain.df ? 1 : 0;
  }
  EXPECT_GE(universe_differs, 1U);
  EXPECT_GE(design_differs, 10U);
}

// R survey's own NHANES subset (nhanes.R): zero weights, 2 PSUs per stratum, a numerator missing
// for many, and crossed domains with 6-16 df, where the rules move a limit by up to 5%.
TEST(ReferenceNhanes, MatchesRSurveyOnItsOwnExampleDataUnderEveryDfRule) {
  const auto reference = LoadReference("nhanes_reference.csv");
  for (const DfRule df : {DfRule::kDomain, DfRule::kUniverse, DfRule::kDesign}) {
    const std::string label = "fail/" + std::string(DfRuleName(df));
    const auto run = [&](CiMethod ci) {
      return RunFixture(LonelyPsu::kFail, df, ci, "nhanes.csv", false, "nhanes_recipe.yaml");
    };
    ExpectMatches(reference.at(label), run(CiMethod::kLogit), run(CiMethod::kWald),
                  "nhanes " + label);
  }
}

// Means and totals (means_totals.R): svymean and svytotal with confint() on each rule's df, the
// same interval whichever --ci is asked for; a total of a condition counts people.
TEST(ReferenceMeansTotals, MatchRSurveyUnderEveryDfRule) {
  const auto reference = LoadReference("means_totals.csv");
  for (const DfRule df : {DfRule::kDomain, DfRule::kUniverse, DfRule::kDesign}) {
    const std::string label = "adjust/" + std::string(DfRuleName(df));
    const auto run = [&](CiMethod ci) {
      return RunFixture(LonelyPsu::kAdjust, df, ci, "vacs_small.csv", false,
                        "means_totals_recipe.yaml");
    };
    const auto logit = run(CiMethod::kLogit);
    ExpectMatches(reference.at(label), logit, run(CiMethod::kWald), "means and totals " + label);
    for (const auto& row : logit) {
      EXPECT_EQ(row.statistic, row.indicator_id == "M1" ? Statistic::kMean : Statistic::kTotal);
    }
  }
}

// The same survey as an SPSS file whose don't-know codes are declared user-missing in the file
// (vacs_small.R): the reader must make them missing, so the numbers are R's again.
TEST(ReferenceSpss, AnSpssFileWithDeclaredMissingValuesGivesRsNumbers) {
  const auto reference = LoadReference();
  ExpectMatches(
      reference.at("adjust/domain"),
      RunFixture(LonelyPsu::kAdjust, DfRule::kDomain, CiMethod::kLogit, "vacs_small.sav", true),
      RunFixture(LonelyPsu::kAdjust, DfRule::kDomain, CiMethod::kWald, "vacs_small.sav", true),
      "vacs_small.sav");
}

// Replicate-weight designs (replicate.R): every svrepdesign type on R survey's NHANES subset,
// with its replicate weights as R's as.svrepdesign() made them, under every df rule.
std::string ReplicateRecipe(const std::string& design) {
  return "design:\n  weight: WTMEC2YR\n" + design +
         "indicators:\n"
         "  - {id: HI_CHOL, name: c, numerator: HI_CHOL == 1,\n"
         "     by: [race, agecat, RIAGENDR, [race, agecat]]}\n"
         "  - {id: AGE, name: a, type: mean, numerator: agecat, by: [race]}\n"
         "  - {id: N_CHOL, name: n, type: total, numerator: HI_CHOL == 1, by: [race]}\n";
}

std::string JknRscales() {
  const auto text = core::ReadFile(kReferenceDir + "replicate_jkn_rscales.txt");
  EXPECT_TRUE(text.has_value());
  std::string list;
  for (char c : text.value_or("")) list += c == '\n' ? ',' : c;
  while (!list.empty() && list.back() == ',') list.pop_back();
  return "[" + list + "]";
}

// The "other" design's rscales in replicate.R, seq(0.5, 1.5, length.out = 20), as R's seq
// computes them: from + i * (to - from) / 19, the last one `to` itself.
std::string OtherRscales() {
  std::string list = "[";
  for (int i = 0; i < 20; ++i) {
    const double rscale = i == 19 ? 1.5 : 0.5 + i * (1.0 / 19);
    list += fmt::format("{}{:.17g}", i > 0 ? ", " : "", rscale);
  }
  return list + "]";
}

TEST(ReferenceReplicates, EveryReplicateTypeMatchesRSurveyUnderEveryDfRule) {
  const auto reference = LoadReference("replicate_reference.csv");
  const std::vector<std::pair<std::string, std::string>> designs = {
      {"JKn", "  replicates: \"jk*\"\n  type: JKn\n  rscales: " + JknRscales() + "\n"},
      {"JK1", "  replicates: \"jk*\"\n  type: JK1\n  scale: 0.9666666666666667\n"},
      {"BRR", "  replicates: \"brr*\"\n  type: BRR\n  combined: false\n"},
      {"Fay", "  replicates: \"fay*\"\n  type: Fay\n  rho: 0.5\n  combined: false\n"},
      {"bootstrap", "  replicates: \"bs*\"\n  type: bootstrap\n  combined: false\n"},
      {"JK2", "  replicates: \"brr*\"\n  type: JK2\n  combined: false\n"},
      {"sdr", "  replicates: \"fay*\"\n  type: successive-difference\n  combined: false\n"},
      {"other",
       "  replicates: \"bs*\"\n  type: other\n  scale: 0.07\n  combined: false\n"
       "  rscales: " +
           OtherRscales() + "\n"},
      {"BRR_mse", "  replicates: \"brr*\"\n  type: BRR\n  combined: false\n  mse: true\n"}};
  for (const auto& [name, design] : designs) {
    const std::string recipe = ReplicateRecipe(design);
    for (const DfRule df : {DfRule::kDomain, DfRule::kUniverse, DfRule::kDesign}) {
      const std::string label = name + "/" + std::string(DfRuleName(df));
      const auto run = [&](CiMethod ci) {
        return RunRecipe(recipe, {"replicate.csv"}, LonelyPsu::kFail, df, ci);
      };
      ExpectMatches(reference.at(label), run(CiMethod::kLogit), run(CiMethod::kWald),
                    "replicates " + label);
    }
  }
}

// Every built-in recipe of data/recipes/ on a file in its layout (recipes/recipes.R writes each
// recipe again in R by hand), the stacked MICS6 pair included.
TEST(ReferenceBuiltinRecipes, EveryBuiltInRecipeMatchesItsTranslationInR) {
  const auto reference = LoadReference("recipes/recipes_reference.csv");
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"mics6-wm", {"mics6-wm.csv"}}, {"dhs-ir-women", {"dhs-ir.csv"}},
      {"dhs-mr", {"dhs-mr.csv"}},     {"gshs", {"gshs.csv"}},
      {"vacs", {"vacs.csv"}},         {"mics6-discipline", {"mics6-fs.csv", "mics6-ch.csv"}}};
  for (const auto& [recipe, files] : cases) {
    const auto text =
        core::ReadFile(std::string(INSPIRE_SOURCE_DATA_DIR) + "/recipes/" + recipe + ".yaml");
    ASSERT_TRUE(text.has_value()) << recipe;
    std::vector<std::string> paths;
    paths.reserve(files.size());
    for (const auto& file : files) paths.push_back("recipes/" + file);
    const auto run = [&](CiMethod ci) {
      return RunRecipe(*text, paths, LonelyPsu::kAdjust, DfRule::kDomain, ci);
    };
    ExpectMatches(reference.at(recipe + "/domain"), run(CiMethod::kLogit), run(CiMethod::kWald),
                  recipe);
  }
}

INSTANTIATE_TEST_SUITE_P(
    PoliciesAndDfRules, ReferenceTest, ::testing::ValuesIn([] {
      std::vector<Case> cases;
      for (const auto& [name, policy] :
           {std::pair{"adjust", LonelyPsu::kAdjust}, std::pair{"remove", LonelyPsu::kRemove},
            std::pair{"certainty", LonelyPsu::kCertainty},
            std::pair{"average", LonelyPsu::kAverage}}) {
        for (const DfRule df : {DfRule::kDomain, DfRule::kUniverse, DfRule::kDesign}) {
          cases.push_back({name, policy, df});
        }
      }
      return cases;
    }()),
    [](const auto& param_info) {
      return std::string(param_info.param.policy_name) + "_" +
             std::string(DfRuleName(param_info.param.df));
    });

}  // namespace
}  // namespace inspire::survey
