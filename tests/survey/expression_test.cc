#include "survey/expression.h"

#include <gtest/gtest.h>

#include <cmath>

namespace inspire::survey {
namespace {

constexpr double M = kMissing;

Table MakeTable() {
  Column a{"a", "", {1, 2, M, 0}, false, {}};
  Column b{"b", "", {1, M, 0, 2}, false, {}};
  Column sex{"sex", "", {1, 2, 2, 1}, false, {{1, "Male"}, {2, "Female"}}};
  Column region{"region", "", {1, 2, 1, M}, true, {{1, "North"}, {2, "South"}}};
  Column weight{"weight", "", {1, 1, 1, 1}, false, {}};
  return Table({a, b, sex, region, weight}, 4);
}

std::vector<double> Eval(std::string_view source) {
  const Table table = MakeTable();
  auto compiled = CompileExpression(source, table, "test");
  EXPECT_TRUE(compiled.has_value()) << compiled.error().message;
  return compiled ? compiled->Evaluate(table) : std::vector<double>{};
}

std::string CompileError(std::string_view source) {
  const Table table = MakeTable();
  auto compiled = CompileExpression(source, table, "recipe.yaml:7: numerator");
  EXPECT_FALSE(compiled.has_value());
  return compiled ? "" : compiled.error().message;
}

// Compares with NaN == NaN.
void ExpectValues(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(got[i])) << "row " << i << " got " << got[i];
    } else {
      EXPECT_EQ(got[i], want[i]) << "row " << i;
    }
  }
}

TEST(Expression, ComputesArithmeticWithMissingPropagating) {
  ExpectValues(Eval("a + b * 2"), {3, M, M, 4});
  ExpectValues(Eval("-a / 2"), {-0.5, -1, M, 0});
  ExpectValues(Eval("a / b"), {1, M, M, 0});
  ExpectValues(Eval("b / a"), {1, M, M, M});  // division by zero is missing
}

TEST(Expression, ComparesWithMissingGivingMissing) {
  ExpectValues(Eval("a == 1"), {1, 0, M, 0});
  ExpectValues(Eval("a >= b"), {1, M, M, 0});
}

TEST(Expression, UsesThreeValuedLogicForAndOrNot) {
  ExpectValues(Eval("a == 1 or b == 1"), {1, M, M, 0});
  ExpectValues(Eval("a == 2 or b == 0"), {0, 1, 1, 0});
  ExpectValues(Eval("a == 1 and b == 1"), {1, 0, 0, 0});  // missing and false is false
  ExpectValues(Eval("a == 1 and b == 0"), {0, 0, M, 0});  // missing and true is missing
  ExpectValues(Eval("not a == 1"), {0, 1, M, 1});
}

TEST(Expression, AnyIsTrueIfAnyTrueElseMissingIfAnyMissing) {
  ExpectValues(Eval("any(a == 1, b == 1)"), {1, M, M, 0});
  ExpectValues(Eval("all(a >= 0, b >= 0)"), {1, M, M, 1});
  ExpectValues(Eval("all(a == 1, b == 0)"), {0, 0, M, 0});
}

TEST(Expression, SupportsInBetweenIsMissingIfelseAndCut) {
  ExpectValues(Eval("a in [0, 2]"), {0, 1, M, 1});
  ExpectValues(Eval("between(a, 1, 2)"), {1, 1, M, 0});
  ExpectValues(Eval("is_missing(a)"), {0, 0, 1, 0});
  ExpectValues(Eval("ifelse(a == 1, 10, b)"), {10, M, M, 2});
  ExpectValues(Eval("cut(a, [0, 1, 3])"), {2, 2, M, 1});
  ExpectValues(Eval("coalesce(a, b, 7)"), {1, 2, 0, 0});
  ExpectValues(Eval("coalesce(b)"), {1, M, 0, 2});
}

TEST(Expression, GivesCutIntervalsReadableLabels) {
  const Table table = MakeTable();
  auto compiled = CompileExpression("cut(a, [1, 5, 10, 15, 18])", table, "t");
  ASSERT_TRUE(compiled.has_value());
  const auto labels = compiled->ResultLabels(table);
  EXPECT_EQ(labels.at(1), "1-4");
  EXPECT_EQ(labels.at(4), "15-17");
  auto fractional = CompileExpression("cut(a, [0, 0.5, 1])", table, "t");
  EXPECT_EQ(fractional->ResultLabels(table).at(1), "[0, 0.5)");
}

TEST(Expression, ComparesStringsWithTextValuesAndValueLabels) {
  ExpectValues(Eval("region == \"South\""), {0, 1, 0, M});
  ExpectValues(Eval("sex == 'Female'"), {0, 1, 1, 0});
  ExpectValues(Eval("region in [\"North\", \"South\"]"), {1, 1, 1, M});
}

TEST(Expression, PointsACaretAtAnUnknownVariableAndSuggestsNames) {
  EXPECT_EQ(CompileError("a == 1 or wieght > 2"),
            "recipe.yaml:7: numerator: unknown variable 'wieght' (did you mean 'weight'?)\n"
            "  a == 1 or wieght > 2\n"
            "            ^");
}

TEST(Expression, ReportsSyntaxErrorsWithACaret) {
  EXPECT_EQ(CompileError("a == (1"),
            "recipe.yaml:7: numerator: expected ')' to close '(', found the end of the "
            "expression\n  a == (1\n         ^");
  EXPECT_NE(CompileError("a = 1").find("use '==' to compare"), std::string::npos);
  EXPECT_NE(CompileError("a == 1 b").find("unexpected 'b'"), std::string::npos);
  EXPECT_NE(CompileError("").find("empty"), std::string::npos);
  EXPECT_NE(CompileError("a == \"open").find("never closed"), std::string::npos);
  EXPECT_NE(CompileError("a $ 2").find("unexpected character '$'"), std::string::npos);
}

TEST(Expression, ChecksFunctionsAndTheirArguments) {
  EXPECT_NE(CompileError("anny(a == 1)").find("unknown function 'anny' (did you mean 'any'?)"),
            std::string::npos);
  EXPECT_NE(CompileError("between(a, 1)").find("between() takes 3 arguments, not 2"),
            std::string::npos);
  EXPECT_NE(CompileError("cut(a, [5, 1])").find("breaks must increase"), std::string::npos);
}

TEST(Expression, RefusesStringsWhereTheyCannotMeanAnything) {
  EXPECT_NE(CompileError("region == \"West\"").find("'region' has no value \"West\""),
            std::string::npos);
  EXPECT_NE(CompileError("a == \"x\"").find("'a' has no text values or value labels"),
            std::string::npos);
  EXPECT_NE(CompileError("region < \"North\"").find("only be compared with == or !="),
            std::string::npos);
}

TEST(Expression, RefusesNumbersAndArithmeticOnTextVariables) {
  EXPECT_NE(CompileError("region > 1")
                .find("'region' holds text; compare it with a string, e.g. "
                      "region == \"North\""),
            std::string::npos);
  EXPECT_NE(CompileError("region + 1 == 2").find("holds text"), std::string::npos);
  EXPECT_NE(CompileError("region in [1, 2]").find("holds text"), std::string::npos);
  ExpectValues(Eval("is_missing(region)"), {0, 0, 0, 1});
  ExpectValues(Eval("region"), {1, 2, 1, M});  // a bare copy keeps the codes and their labels
}

TEST(Expression, RefusesNestingDeeperThanTheLimit) {
  const std::string deep = std::string(500, '(') + "a" + std::string(500, ')');
  EXPECT_NE(CompileError(deep).find("nested deeper than 100 levels"), std::string::npos);
  EXPECT_NE(CompileError(std::string(300, '-') + "a").find("nested deeper"), std::string::npos);
  // Lists inside lists (the fuzzer's find: 100,000 of them overflowed the stack).
  EXPECT_NE(CompileError("a in " + std::string(100000, '[')).find("nested deeper"),
            std::string::npos);
}

TEST(Expression, TellsConditionsFromValues) {
  const Table table = MakeTable();
  EXPECT_TRUE(CompileExpression("a == 1", table, "t")->IsCondition());
  EXPECT_TRUE(CompileExpression("any(a == 1)", table, "t")->IsCondition());
  EXPECT_FALSE(CompileExpression("a + 1", table, "t")->IsCondition());
}

}  // namespace
}  // namespace inspire::survey
