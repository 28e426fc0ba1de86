// The recipe expression language: parsing, checking against a table, and vectorised evaluation
// with three-valued logic (docs/statistics.md, "Missing values").
//
//   numbers, "strings", variable names; + - * /; == != < <= > >=; and or not; x in [1, 2];
//   any(...), all(...), between(x, lo, hi), is_missing(x), ifelse(c, a, b), cut(x, [breaks]),
//   coalesce(a, b, ...) (the first value that is not missing)
//
// Every value is a double; NaN is missing; conditions are 1 (true) or 0 (false). Strings may
// only be compared (==, !=, in) with text variables; they are turned into the variable's codes
// when the expression is compiled.
#ifndef INSPIRE_SURVEY_EXPRESSION_H_
#define INSPIRE_SURVEY_EXPRESSION_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "survey/table.h"

namespace inspire::survey {

struct ExprNode;

// Rows per block of EvaluateBlock: intermediates of a few blocks fit in the L1/L2 caches.
inline constexpr size_t kEvaluationBlock = 2048;

// Reusable buffers for block evaluation; one per thread.
class EvaluationScratch {
 public:
  // A buffer of kEvaluationBlock doubles; buffers are taken and released last-in first-out.
  double* Take();
  void Release() { --used_; }

 private:
  std::vector<std::unique_ptr<double[]>> buffers_;
  size_t used_ = 0;
};

// An expression checked against a table's variables, ready to evaluate. Immutable and safe to
// evaluate from several threads at once.
class CompiledExpression {
 public:
  CompiledExpression(std::shared_ptr<const ExprNode> root, std::string source);

  // One value per row of `table` (which must have the variables the expression was compiled
  // against, with the same meaning).
  std::vector<double> Evaluate(const Table& table) const;
  // The same values stored as a column, in the narrowest width that holds them (a derived
  // variable), without a table-sized array of doubles on the way.
  ColumnValues EvaluateColumn(const Table& table) const;
  // Rows [begin, begin + count) into out[0, count), count <= kEvaluationBlock.
  void EvaluateBlock(const Table& table, size_t begin, size_t count, double* out,
                     EvaluationScratch& scratch) const;

  // Value labels the result carries: those of cut() intervals, or of a bare variable.
  std::map<double, std::string> ResultLabels(const Table& table) const;

  // True if the result is a condition (comparison, logic, any/all, between, is_missing, in).
  bool IsCondition() const;

  const std::string& source() const { return source_; }

 private:
  std::shared_ptr<const ExprNode> root_;
  std::string source_;
};

// Parses `source` and binds it to `table`. `where` prefixes messages ("recipe.yaml:12:
// indicator '1.1': numerator"). Errors (kParse) quote the expression with a caret under the
// problem: syntax errors, unknown variables or functions (with near matches), wrong argument
// counts, strings compared with numeric variables, cut() breaks that do not increase, nesting
// deeper than 100 levels.
core::Result<CompiledExpression> CompileExpression(std::string_view source, const Table& table,
                                                   const std::string& where);

// The variable names `source` mentions, without checking them against any table (so a reader
// can load only what a recipe uses). Errors: the syntax errors of CompileExpression.
core::Result<std::vector<std::string>> ReferencedVariables(std::string_view source);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_EXPRESSION_H_
