// The syntax tree of a recipe expression (internal to expression*.cc).
#ifndef INSPIRE_SURVEY_EXPRESSION_NODE_H_
#define INSPIRE_SURVEY_EXPRESSION_NODE_H_

#include <memory>
#include <string>
#include <vector>

namespace inspire::survey {

enum class NodeKind { kNumber, kString, kVariable, kNegate, kNot, kBinary, kIn, kCall, kList };
enum class BinaryOp { kAdd, kSub, kMul, kDiv, kEq, kNe, kLt, kLe, kGt, kGe, kAnd, kOr };
enum class Function { kAny, kAll, kBetween, kIsMissing, kIfElse, kCut, kCoalesce };

struct ExprNode {
  NodeKind kind = NodeKind::kNumber;
  size_t offset = 0;  // position in the source, for carets
  double number = 0;  // kNumber
  std::string text;   // kString: the text; kVariable: the name; kCall: the function name
  BinaryOp op = BinaryOp::kAdd;
  Function function = Function::kAny;
  std::vector<std::unique_ptr<ExprNode>> children;
  std::vector<double> values;  // kIn: the list (codes after binding); kCall cut: the breaks
};

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_EXPRESSION_NODE_H_
