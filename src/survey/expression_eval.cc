// Vectorised evaluation of bound expressions with three-valued logic: every operation on a
// missing operand is missing, except `and`/`or`/any/all where a decisive operand wins (Kleene
// logic), is_missing() which is never missing, and ifelse() whose unused branch does not matter.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "survey/expression.h"
#include "survey/expression_node.h"

namespace inspire::survey {
namespace {

using Values = std::vector<double>;

// Truth of a non-missing value: any non-zero number is true.
inline double Truth(double v) { return v != 0 ? 1.0 : 0.0; }

Values Evaluate(const ExprNode& node, const Table& table);

// A node's values without a copy where possible: a table column is read in place and a number
// is not spread over every row. Only computed values own their storage.
class Operand {
 public:
  Operand(const ExprNode& node, const Table& table) {
    if (node.kind == NodeKind::kNumber) {
      constant_ = node.number;
    } else if (node.kind == NodeKind::kVariable) {
      column_ = table.Find(node.text)->values.data();
    } else {
      owned_ = Evaluate(node, table);
      is_owned_ = true;
    }
  }
  double operator[](size_t i) const {
    if (is_owned_) return owned_[i];
    return column_ != nullptr ? column_[i] : constant_;
  }

 private:
  const double* column_ = nullptr;
  double constant_ = 0;
  Values owned_;
  bool is_owned_ = false;
};

template <typename Op>
Values Elementwise(const Operand& a, const Operand& b, size_t rows, Op op) {
  Values out(rows);
  for (size_t i = 0; i < rows; ++i) {
    const double x = a[i];
    const double y = b[i];
    out[i] = (IsMissing(x) || IsMissing(y)) ? kMissing : op(x, y);
  }
  return out;
}

double And(double a, double b) {
  if ((!IsMissing(a) && a == 0) || (!IsMissing(b) && b == 0)) return 0;
  if (IsMissing(a) || IsMissing(b)) return kMissing;
  return 1;
}

double Or(double a, double b) {
  if ((!IsMissing(a) && a != 0) || (!IsMissing(b) && b != 0)) return 1;
  if (IsMissing(a) || IsMissing(b)) return kMissing;
  return 0;
}

Values EvaluateBinary(const ExprNode& node, const Table& table) {
  const Operand a(*node.children[0], table);
  const Operand b(*node.children[1], table);
  const size_t n = table.rows();
  switch (node.op) {
    case BinaryOp::kAdd:
      return Elementwise(a, b, n, [](double x, double y) { return x + y; });
    case BinaryOp::kSub:
      return Elementwise(a, b, n, [](double x, double y) { return x - y; });
    case BinaryOp::kMul:
      return Elementwise(a, b, n, [](double x, double y) { return x * y; });
    case BinaryOp::kDiv:
      return Elementwise(a, b, n, [](double x, double y) { return y == 0 ? kMissing : x / y; });
    case BinaryOp::kEq:
      return Elementwise(a, b, n, [](double x, double y) { return x == y ? 1.0 : 0.0; });
    case BinaryOp::kNe:
      return Elementwise(a, b, n, [](double x, double y) { return x != y ? 1.0 : 0.0; });
    case BinaryOp::kLt:
      return Elementwise(a, b, n, [](double x, double y) { return x < y ? 1.0 : 0.0; });
    case BinaryOp::kLe:
      return Elementwise(a, b, n, [](double x, double y) { return x <= y ? 1.0 : 0.0; });
    case BinaryOp::kGt:
      return Elementwise(a, b, n, [](double x, double y) { return x > y ? 1.0 : 0.0; });
    case BinaryOp::kGe:
      return Elementwise(a, b, n, [](double x, double y) { return x >= y ? 1.0 : 0.0; });
    case BinaryOp::kAnd:
    case BinaryOp::kOr: {
      Values out(n);
      const auto combine = node.op == BinaryOp::kAnd ? And : Or;
      for (size_t i = 0; i < n; ++i) out[i] = combine(a[i], b[i]);
      return out;
    }
  }
  return Values(n, kMissing);
}

// any(): 1 if some argument is true, else missing if some is missing, else 0. all() likewise.
Values EvaluateAnyAll(const ExprNode& node, const Table& table, bool is_any) {
  Values out(table.rows(), is_any ? 0.0 : 1.0);
  for (const auto& child : node.children) {
    const Operand v(*child, table);
    for (size_t i = 0; i < out.size(); ++i) out[i] = is_any ? Or(out[i], v[i]) : And(out[i], v[i]);
  }
  return out;
}

Values EvaluateCut(const ExprNode& node, const Table& table) {
  Values x = Evaluate(*node.children[0], table);
  const auto& breaks = node.values;
  for (double& v : x) {
    if (IsMissing(v) || v < breaks.front() || v >= breaks.back()) {
      v = kMissing;
      continue;
    }
    const auto upper = std::upper_bound(breaks.begin(), breaks.end(), v);
    v = static_cast<double>(upper - breaks.begin());
  }
  return x;
}

Values EvaluateCall(const ExprNode& node, const Table& table) {
  switch (node.function) {
    case Function::kAny:
      return EvaluateAnyAll(node, table, true);
    case Function::kAll:
      return EvaluateAnyAll(node, table, false);
    case Function::kIsMissing: {
      Values v = Evaluate(*node.children[0], table);
      for (double& x : v) x = IsMissing(x) ? 1.0 : 0.0;
      return v;
    }
    case Function::kBetween: {
      const Operand x(*node.children[0], table);
      const Operand lo(*node.children[1], table);
      const Operand hi(*node.children[2], table);
      Values out(table.rows());
      for (size_t i = 0; i < out.size(); ++i) {
        const double value = x[i];
        const double low = lo[i];
        const double high = hi[i];
        out[i] = (IsMissing(value) || IsMissing(low) || IsMissing(high))
                     ? kMissing
                     : (low <= value && value <= high ? 1.0 : 0.0);
      }
      return out;
    }
    case Function::kIfElse: {
      const Operand condition(*node.children[0], table);
      const Operand yes(*node.children[1], table);
      const Operand no(*node.children[2], table);
      Values out(table.rows());
      for (size_t i = 0; i < out.size(); ++i) {
        out[i] = IsMissing(condition[i]) ? kMissing : (condition[i] != 0 ? yes[i] : no[i]);
      }
      return out;
    }
    case Function::kCut:
      return EvaluateCut(node, table);
    case Function::kCoalesce: {  // the first argument that is not missing
      Values out(table.rows(), kMissing);
      for (const auto& child : node.children) {
        const Operand v(*child, table);
        for (size_t i = 0; i < out.size(); ++i) {
          if (IsMissing(out[i])) out[i] = v[i];
        }
      }
      return out;
    }
  }
  return Values(table.rows(), kMissing);
}

Values Evaluate(const ExprNode& node, const Table& table) {
  switch (node.kind) {
    case NodeKind::kNumber:
      return Values(table.rows(), node.number);
    case NodeKind::kVariable:
      return table.Find(node.text)->values;
    case NodeKind::kNegate: {
      Values v = Evaluate(*node.children[0], table);
      for (double& x : v) x = -x;
      return v;
    }
    case NodeKind::kNot: {
      Values v = Evaluate(*node.children[0], table);
      for (double& x : v) x = IsMissing(x) ? kMissing : 1.0 - Truth(x);
      return v;
    }
    case NodeKind::kBinary:
      return EvaluateBinary(node, table);
    case NodeKind::kIn: {
      Values v = Evaluate(*node.children[0], table);
      for (double& x : v) {
        if (!IsMissing(x)) {
          x = std::find(node.values.begin(), node.values.end(), x) != node.values.end() ? 1.0 : 0.0;
        }
      }
      return v;
    }
    case NodeKind::kCall:
      return EvaluateCall(node, table);
    case NodeKind::kString:
    case NodeKind::kList:
      break;  // removed by binding
  }
  return Values(table.rows(), kMissing);
}

// "1-4" for integer breaks [1, 5); "[1.5, 2.5)" otherwise.
std::string IntervalLabel(double low, double high) {
  const auto whole = [](double x) { return std::floor(x) == x && std::fabs(x) < 1e15; };
  if (whole(low) && whole(high)) {
    const auto lo = static_cast<long long>(low);
    const auto hi = static_cast<long long>(high) - 1;
    return lo == hi ? fmt::format("{}", lo) : fmt::format("{}-{}", lo, hi);
  }
  return fmt::format("[{}, {})", FormatNumber(low), FormatNumber(high));
}

}  // namespace

CompiledExpression::CompiledExpression(std::shared_ptr<const ExprNode> root, std::string source)
    : root_(std::move(root)), source_(std::move(source)) {}

std::vector<double> CompiledExpression::Evaluate(const Table& table) const {
  return survey::Evaluate(*root_, table);
}

std::map<double, std::string> CompiledExpression::ResultLabels(const Table& table) const {
  std::map<double, std::string> labels;
  if (root_->kind == NodeKind::kCall && root_->function == Function::kCut) {
    for (size_t i = 0; i + 1 < root_->values.size(); ++i) {
      labels[static_cast<double>(i + 1)] = IntervalLabel(root_->values[i], root_->values[i + 1]);
    }
  } else if (root_->kind == NodeKind::kVariable) {
    labels = table.Find(root_->text)->value_labels;
  }
  return labels;
}

bool CompiledExpression::IsCondition() const {
  switch (root_->kind) {
    case NodeKind::kNot:
    case NodeKind::kIn:
      return true;
    case NodeKind::kBinary:
      return root_->op != BinaryOp::kAdd && root_->op != BinaryOp::kSub &&
             root_->op != BinaryOp::kMul && root_->op != BinaryOp::kDiv;
    case NodeKind::kCall:
      return root_->function != Function::kIfElse && root_->function != Function::kCut &&
             root_->function != Function::kCoalesce;
    default:
      return false;
  }
}

}  // namespace inspire::survey
