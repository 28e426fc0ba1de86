#include "survey/recipe.h"

#include <gtest/gtest.h>

#include "survey/csv_reader.h"

namespace inspire::survey {
namespace {

std::string RecipeError(std::string_view text) {
  const auto recipe = ParseRecipe(text, "r.yaml");
  EXPECT_FALSE(recipe.has_value());
  return recipe.has_value() ? "" : recipe.error().message;
}

Table SmallTable() {
  auto table = ParseCsv("w,age,cd_a,cd_b,sex\n1,3,1,9,1\n1,12,8,2,2\n", "t.csv");
  return std::move(*table);
}

std::string PrepareError(std::string_view text) {
  auto recipe = ParseRecipe(text, "r.yaml");
  EXPECT_TRUE(recipe.has_value()) << recipe.error().message;
  Table table = SmallTable();
  const auto prepared = PrepareRecipe(*recipe, table, nullptr);
  EXPECT_FALSE(prepared.has_value());
  return prepared.has_value() ? "" : prepared.error().message;
}

TEST(ParseRecipe, ReadsEverySection) {
  const auto recipe = ParseRecipe(R"yaml(design: {weight: w, strata: s, psu: p}
missing: {"cd_*": [8, 9], age: 99}
derive: {agegrp: "cut(age, [1, 5, 15])"}
labels: {sex: {1: Male, 2: Female}}
indicators:
  - id: "1.1"
    universe: age >= 1
    numerator: any(cd_a == 1)
    by: [sex, [sex, agegrp]]
)yaml",
                                  "r.yaml");
  ASSERT_TRUE(recipe.has_value()) << recipe.error().message;
  EXPECT_EQ(recipe->design.psu, "p");
  EXPECT_EQ(recipe->missing[0].second, (std::vector<double>{8, 9}));
  EXPECT_EQ(recipe->missing[1].second, (std::vector<double>{99}));
  EXPECT_EQ(recipe->labels.at("sex").at(2), "Female");
  ASSERT_EQ(recipe->indicators.size(), 1u);
  EXPECT_EQ(recipe->indicators[0].by[1], (std::vector<std::string>{"sex", "agegrp"}));
}

TEST(ParseRecipe, NamesTheProblemAndItsLine) {
  EXPECT_NE(
      RecipeError("indicators: [{id: a, numerator: x == 1}]").find("field 'design' is required"),
      std::string::npos);
  EXPECT_NE(RecipeError("design: {weight: w}\nindicators: []").find("non-empty list"),
            std::string::npos);
  EXPECT_EQ(RecipeError("design: {weight: w}\nindicators:\n  - id: a\n    numerater: x == 1\n"),
            "r.yaml:4: indicator 'a': unknown field 'numerater' (did you mean 'numerator'?); "
            "allowed: id, name, type, universe, numerator, by, note");
  EXPECT_NE(RecipeError("design: {weight: w\n").find("r.yaml:"), std::string::npos);
  EXPECT_NE(RecipeError("design: {weight: w}\nmissing: {x: [a]}\nindicators: [{id: a, numerator: "
                        "x}]")
                .find("'a' is not a number"),
            std::string::npos);
  EXPECT_NE(RecipeError("design: {weight: w}\nindicators: [{id: a, numerator: x}, {id: a, "
                        "numerator: y}]")
                .find("id 'a' is used twice"),
            std::string::npos);
  // The same disaggregation twice, however it is written.
  EXPECT_EQ(RecipeError("design: {weight: w}\nindicators:\n  - id: a\n    numerator: x\n"
                        "    by: [sex, region, [sex]]\n"),
            "r.yaml:5: indicator 'a': 'by' lists [sex] twice; give each disaggregation once");
  EXPECT_NE(RecipeError("design: {weight: w}\nindicators: [{id: a, numerator: x, by: [[sex, "
                        "age], [sex, age]]}]")
                .find("'by' lists [sex, age] twice"),
            std::string::npos);
}

TEST(ParseRecipe, ReadsTheDfRuleAndRefusesAnUnknownOne) {
  const auto none =
      ParseRecipe("design: {weight: w}\nindicators: [{id: a, numerator: x}]", "r.yaml");
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_FALSE(none->design.df.has_value());
  const auto design =
      ParseRecipe("design: {weight: w, df: design}\nindicators: [{id: a, numerator: x}]", "r.yaml");
  ASSERT_TRUE(design.has_value()) << design.error().message;
  EXPECT_EQ(design->design.df, DfRule::kDesign);
  EXPECT_EQ(RecipeError("design:\n  weight: w\n  df: subpop\nindicators: [{id: a, numerator: x}]"),
            "r.yaml:3: design.df: 'subpop' is not a df rule; expected domain, universe or design");
}

TEST(ParseRecipe, ReadsWhatAnIndicatorEstimates) {
  const auto recipe = ParseRecipe(
      "design: {weight: w}\nindicators:\n  - {id: a, numerator: x}\n"
      "  - {id: b, type: mean, numerator: age}\n  - {id: c, type: total, numerator: x == 1}\n",
      "r.yaml");
  ASSERT_TRUE(recipe.has_value()) << recipe.error().message;
  EXPECT_EQ(recipe->indicators[0].statistic, Statistic::kProportion);
  EXPECT_EQ(recipe->indicators[1].statistic, Statistic::kMean);
  EXPECT_EQ(recipe->indicators[2].statistic, Statistic::kTotal);
  EXPECT_EQ(RecipeError("design: {weight: w}\nindicators:\n  - id: a\n    type: median\n"
                        "    numerator: x\n"),
            "r.yaml:4: indicator 'a': type 'median' is not known; expected proportion, mean or "
            "total");
}

TEST(PrepareRecipe, AppliesMissingCodesByGlob) {
  auto recipe = ParseRecipe(R"(design: {weight: w}
missing: {"cd_*": [8, 9]}
indicators: [{id: a, name: A, numerator: cd_a == 1}])",
                            "r.yaml");
  Table table = SmallTable();
  ASSERT_TRUE(PrepareRecipe(*recipe, table, nullptr).has_value());
  EXPECT_TRUE(IsMissing(table.Find("cd_a")->values[1]));
  EXPECT_TRUE(IsMissing(table.Find("cd_b")->values[0]));
  EXPECT_EQ(table.Find("cd_b")->values[1], 2);
}

TEST(PrepareRecipe, DerivesVariablesInOrderWithCutLabels) {
  auto recipe = ParseRecipe(R"(design: {weight: w}
derive:
  agegrp: cut(age, [1, 5, 15])
  young: agegrp == 1
indicators: [{id: a, name: A, numerator: young, by: [agegrp]}])",
                            "r.yaml");
  Table table = SmallTable();
  ASSERT_TRUE(PrepareRecipe(*recipe, table, nullptr).has_value());
  EXPECT_EQ(table.Find("agegrp")->LabelOf(2), "5-14");
  EXPECT_EQ(table.Find("young")->values.ToVector(), (std::vector<double>{1, 0}));
}

TEST(PrepareRecipe, RefusesNamesThatMatchNothing) {
  EXPECT_NE(PrepareError("design: {weight: w}\nmissing: {\"xd_*\": [8]}\nindicators: [{id: a, "
                         "name: A, numerator: sex == 1}]")
                .find("missing: 'xd_*' matches no variable"),
            std::string::npos);
  EXPECT_NE(PrepareError("design: {weight: w}\nlabels: {sexx: {1: M}}\nindicators: [{id: a, "
                         "name: A, numerator: sex == 1}]")
                .find("labels: 'sexx' is neither a variable"),
            std::string::npos);
  EXPECT_NE(PrepareError("design: {weight: w}\nindicators: [{id: a, name: A, numerator: sex == 1, "
                         "by: [sexe]}]")
                .find("by variable 'sexe' not found (did you mean 'sex'?)"),
            std::string::npos);
}

TEST(PrepareRecipe, NeedsANameForAnIndicatorOutsideTheCatalogue) {
  EXPECT_NE(PrepareError("design: {weight: w}\nindicators: [{id: NAT-1, numerator: sex == 1}]")
                .find("indicator 'NAT-1' is not in the catalogue, so it needs a name"),
            std::string::npos);
}

TEST(PrepareRecipe, QuotesTheExpressionOfADerivedVariableOnError) {
  const std::string message = PrepareError(
      "design: {weight: w}\nderive:\n  x: agee + 1\nindicators: [{id: a, name: A, numerator: x > "
      "1}]");
  EXPECT_NE(message.find("r.yaml:3: derive 'x': unknown variable 'agee' (did you mean 'age'?)\n"
                         "  agee + 1\n  ^"),
            std::string::npos)
      << message;
}

TEST(VariablesUsed, ListsDesignLabelByAndExpressionVariables) {
  const auto recipe = ParseRecipe(R"yaml(design: {weight: w, psu: p}
labels: {region: {1: North}}
derive: {agegrp: "cut(age, [1, 5])"}
indicators:
  - {id: a, name: A, universe: "age < 5 and sex == 2", numerator: "any(cd_a == 1)", by: [[sex, agegrp]]}
)yaml",
                                  "r.yaml");
  ASSERT_TRUE(recipe.has_value()) << recipe.error().message;
  const auto used = VariablesUsed(*recipe);
  ASSERT_TRUE(used.has_value());
  EXPECT_EQ(*used, (std::set<std::string>{"w", "p", "region", "age", "sex", "cd_a", "agegrp"}));
}

TEST(VariablesUsed, GivesUpOnAnExpressionThatDoesNotParse) {
  const auto recipe = ParseRecipe(
      "design: {weight: w}\nindicators: [{id: a, name: A, numerator: \"x ==\"}]", "r.yaml");
  ASSERT_TRUE(recipe.has_value());
  EXPECT_FALSE(VariablesUsed(*recipe).has_value());
}

TEST(GlobMatch, MatchesStarsAndQuestionMarks) {
  EXPECT_TRUE(GlobMatch("cd_*", "cd_shake"));
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("d105?", "d105a"));
  EXPECT_FALSE(GlobMatch("d105?", "d105"));
  EXPECT_TRUE(GlobMatch("a*b*c", "axxbyyc"));
  EXPECT_FALSE(GlobMatch("a*b", "ac"));
}

}  // namespace
}  // namespace inspire::survey
