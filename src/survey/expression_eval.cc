// Block-wise evaluation of bound expressions (kEvaluationBlock rows at a time, so that every
// intermediate stays in cache) with three-valued logic: every operation on a
// missing operand is missing, except `and`/`or`/any/all where a decisive operand wins (Kleene
// logic), is_missing() which is never missing, and ifelse() whose unused branch does not matter.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "survey/expression.h"
#include "survey/expression_node.h"

namespace inspire::survey {
namespace {

// Truth of a non-missing value: any non-zero number is true.
inline double Truth(double v) { return v != 0 ? 1.0 : 0.0; }

void EvaluateNode(const ExprNode& node, const Table& table, size_t begin, size_t n, double* out,
                  EvaluationScratch& scratch);

// A child's values for the current block without a copy where possible: a number is not spread
// over the block and a column stored as doubles is read in place. Others are evaluated (or
// decoded) into a scratch buffer held until the operand goes out of scope.
class Operand {
 public:
  Operand(const ExprNode& node, const Table& table, size_t begin, size_t n,
          EvaluationScratch& scratch)
      : scratch_(scratch) {
    if (node.kind == NodeKind::kNumber) {
      constant_ = node.number;
      return;
    }
    if (node.kind == NodeKind::kVariable) {
      const ColumnValues& values = table.Find(node.text)->values;
      if (const double* in_place = values.DoubleData()) {
        data_ = in_place + begin;
        return;
      }
      double* buffer = Take();
      values.Load(begin, n, buffer);
      data_ = buffer;
      return;
    }
    double* buffer = Take();
    EvaluateNode(node, table, begin, n, buffer, scratch);
    data_ = buffer;
  }
  ~Operand() {
    if (owns_) scratch_.Release();
  }
  Operand(const Operand&) = delete;
  Operand& operator=(const Operand&) = delete;

  double operator[](size_t i) const { return data_ != nullptr ? data_[i] : constant_; }
  // The block's values, or nullptr for a number (then constant()).
  const double* data() const { return data_; }
  double constant() const { return constant_; }

 private:
  double* Take() {
    owns_ = true;
    return scratch_.Take();
  }
  EvaluationScratch& scratch_;
  const double* data_ = nullptr;
  double constant_ = 0;
  bool owns_ = false;
};

// Calls f(x, y) for each row's pair of operand values and stores the result: one loop per
// combination of block and number, so that no row tests which kind an operand is.
template <typename F>
void Combine(const Operand& a, const Operand& b, size_t n, double* out, F f) {
  const double* x = a.data();
  const double* y = b.data();
  if (x != nullptr && y != nullptr) {
    for (size_t i = 0; i < n; ++i) out[i] = f(x[i], y[i]);
  } else if (x != nullptr) {
    const double constant = b.constant();
    for (size_t i = 0; i < n; ++i) out[i] = f(x[i], constant);
  } else if (y != nullptr) {
    const double constant = a.constant();
    for (size_t i = 0; i < n; ++i) out[i] = f(constant, y[i]);
  } else {
    std::fill_n(out, n, f(a.constant(), b.constant()));
  }
}

// An arithmetic or comparison operator: missing if either operand is (tested without a branch,
// since missing values come and go from row to row).
template <typename Op>
void Elementwise(const Operand& a, const Operand& b, size_t n, double* out, Op op) {
  Combine(a, b, n, out, [op](double x, double y) {
    const bool missing = (x != x) | (y != y);
    const double result = op(x, y);
    return missing ? kMissing : result;
  });
}

// Kleene logic without branches (the operands of a block mix 1, 0 and missing unpredictably).
// A value is true if present and non-zero (NaN != 0 holds, hence the a == a test).
inline double And(double a, double b) {
  const bool a_false = a == 0;
  const bool b_false = b == 0;
  const bool any_missing = (a != a) | (b != b);
  return (a_false | b_false) ? 0.0 : (any_missing ? kMissing : 1.0);
}

inline double Or(double a, double b) {
  const bool a_true = (a == a) & (a != 0);
  const bool b_true = (b == b) & (b != 0);
  const bool any_missing = (a != a) | (b != b);
  return (a_true | b_true) ? 1.0 : (any_missing ? kMissing : 0.0);
}

// The one-byte codes of the block if `node` is a variable stored that way, else nullptr.
const int8_t* BlockCodes(const ExprNode& node, const Table& table, size_t begin) {
  if (node.kind != NodeKind::kVariable) return nullptr;
  const int8_t* codes = table.Find(node.text)->values.Int8Data();
  return codes != nullptr ? codes + begin : nullptr;
}

// A function of a one-byte column's values: f is worked out once for each of the 256 codes
// (missing: NaN), then each row is one table look-up, without a branch on its value.
template <typename F>
void MapCodes(const int8_t* codes, size_t n, double* out, F f) {
  std::array<double, 256> result{};
  for (int code = -128; code < 128; ++code) {
    const double value = code == ColumnValues::kInt8Missing ? kMissing : code;
    result[static_cast<uint8_t>(static_cast<int8_t>(code))] = f(value);
  }
  for (size_t i = 0; i < n; ++i) out[i] = result[static_cast<uint8_t>(codes[i])];
}

// A one-byte column against a number: one pass over the codes, no decoded copy.
template <typename Compare>
void CompareCodes(const int8_t* codes, size_t n, double number, double* out, Compare compare) {
  MapCodes(codes, n, out, [number, compare](double x) {
    return IsMissing(x) ? kMissing : (compare(x, number) ? 1.0 : 0.0);
  });
}

// Comparisons of a one-byte column with a number, the commonest recipe condition. False if the
// node is not one.
bool CompareCodesFast(const ExprNode& node, const Table& table, size_t begin, size_t n,
                      double* out) {
  const ExprNode& right = *node.children[1];
  if (right.kind != NodeKind::kNumber) return false;
  const int8_t* codes = BlockCodes(*node.children[0], table, begin);
  if (codes == nullptr) return false;
  const double c = right.number;
  switch (node.op) {
    case BinaryOp::kEq:
      CompareCodes(codes, n, c, out, [](double x, double y) { return x == y; });
      return true;
    case BinaryOp::kNe:
      CompareCodes(codes, n, c, out, [](double x, double y) { return x != y; });
      return true;
    case BinaryOp::kLt:
      CompareCodes(codes, n, c, out, [](double x, double y) { return x < y; });
      return true;
    case BinaryOp::kLe:
      CompareCodes(codes, n, c, out, [](double x, double y) { return x <= y; });
      return true;
    case BinaryOp::kGt:
      CompareCodes(codes, n, c, out, [](double x, double y) { return x > y; });
      return true;
    case BinaryOp::kGe:
      CompareCodes(codes, n, c, out, [](double x, double y) { return x >= y; });
      return true;
    default:
      return false;
  }
}

void EvaluateBinary(const ExprNode& node, const Table& table, size_t begin, size_t n, double* out,
                    EvaluationScratch& scratch) {
  if (CompareCodesFast(node, table, begin, n, out)) return;
  const Operand a(*node.children[0], table, begin, n, scratch);
  const Operand b(*node.children[1], table, begin, n, scratch);
  switch (node.op) {
    case BinaryOp::kAdd:
      return Elementwise(a, b, n, out, [](double x, double y) { return x + y; });
    case BinaryOp::kSub:
      return Elementwise(a, b, n, out, [](double x, double y) { return x - y; });
    case BinaryOp::kMul:
      return Elementwise(a, b, n, out, [](double x, double y) { return x * y; });
    case BinaryOp::kDiv:
      return Elementwise(a, b, n, out,
                         [](double x, double y) { return y == 0 ? kMissing : x / y; });
    case BinaryOp::kEq:
      return Elementwise(a, b, n, out, [](double x, double y) { return x == y ? 1.0 : 0.0; });
    case BinaryOp::kNe:
      return Elementwise(a, b, n, out, [](double x, double y) { return x != y ? 1.0 : 0.0; });
    case BinaryOp::kLt:
      return Elementwise(a, b, n, out, [](double x, double y) { return x < y ? 1.0 : 0.0; });
    case BinaryOp::kLe:
      return Elementwise(a, b, n, out, [](double x, double y) { return x <= y ? 1.0 : 0.0; });
    case BinaryOp::kGt:
      return Elementwise(a, b, n, out, [](double x, double y) { return x > y ? 1.0 : 0.0; });
    case BinaryOp::kGe:
      return Elementwise(a, b, n, out, [](double x, double y) { return x >= y ? 1.0 : 0.0; });
    case BinaryOp::kAnd:
      return Combine(a, b, n, out, And);
    case BinaryOp::kOr:
      return Combine(a, b, n, out, Or);
  }
  std::fill_n(out, n, kMissing);
}

// any(): 1 if some argument is true, else missing if some is missing, else 0. all() likewise.
void EvaluateAnyAll(const ExprNode& node, const Table& table, size_t begin, size_t n, double* out,
                    EvaluationScratch& scratch, bool is_any) {
  std::fill_n(out, n, is_any ? 0.0 : 1.0);
  for (const auto& child : node.children) {
    const Operand v(*child, table, begin, n, scratch);
    const double* values = v.data();
    if (values == nullptr) {
      const double constant = v.constant();
      for (size_t i = 0; i < n; ++i) out[i] = is_any ? Or(out[i], constant) : And(out[i], constant);
    } else if (is_any) {
      for (size_t i = 0; i < n; ++i) out[i] = Or(out[i], values[i]);
    } else {
      for (size_t i = 0; i < n; ++i) out[i] = And(out[i], values[i]);
    }
  }
}

void EvaluateCall(const ExprNode& node, const Table& table, size_t begin, size_t n, double* out,
                  EvaluationScratch& scratch) {
  switch (node.function) {
    case Function::kAny:
      return EvaluateAnyAll(node, table, begin, n, out, scratch, true);
    case Function::kAll:
      return EvaluateAnyAll(node, table, begin, n, out, scratch, false);
    case Function::kIsMissing: {
      if (const int8_t* codes = BlockCodes(*node.children[0], table, begin)) {
        return MapCodes(codes, n, out, [](double x) { return IsMissing(x) ? 1.0 : 0.0; });
      }
      const Operand x(*node.children[0], table, begin, n, scratch);
      for (size_t i = 0; i < n; ++i) out[i] = IsMissing(x[i]) ? 1.0 : 0.0;
      return;
    }
    case Function::kBetween: {
      const ExprNode& low_node = *node.children[1];
      const ExprNode& high_node = *node.children[2];
      const int8_t* codes = BlockCodes(*node.children[0], table, begin);
      if (codes != nullptr && low_node.kind == NodeKind::kNumber &&
          high_node.kind == NodeKind::kNumber) {
        const double low = low_node.number;
        const double high = high_node.number;
        CompareCodes(codes, n, 0.0, out,
                     [low, high](double x, double) { return low <= x && x <= high; });
        return;
      }
      const Operand x(*node.children[0], table, begin, n, scratch);
      const Operand lo(*node.children[1], table, begin, n, scratch);
      const Operand hi(*node.children[2], table, begin, n, scratch);
      for (size_t i = 0; i < n; ++i) {
        const double value = x[i];
        const double low = lo[i];
        const double high = hi[i];
        out[i] = (IsMissing(value) || IsMissing(low) || IsMissing(high))
                     ? kMissing
                     : (low <= value && value <= high ? 1.0 : 0.0);
      }
      return;
    }
    case Function::kIfElse: {
      const Operand condition(*node.children[0], table, begin, n, scratch);
      const Operand yes(*node.children[1], table, begin, n, scratch);
      const Operand no(*node.children[2], table, begin, n, scratch);
      for (size_t i = 0; i < n; ++i) {
        out[i] = IsMissing(condition[i]) ? kMissing : (condition[i] != 0 ? yes[i] : no[i]);
      }
      return;
    }
    case Function::kCut: {
      const auto& breaks = node.values;
      const auto band = [&breaks](double v) {
        if (IsMissing(v) || v < breaks.front() || v >= breaks.back()) return kMissing;
        const auto upper = std::upper_bound(breaks.begin(), breaks.end(), v);
        return static_cast<double>(upper - breaks.begin());
      };
      if (const int8_t* codes = BlockCodes(*node.children[0], table, begin)) {
        return MapCodes(codes, n, out, band);
      }
      const Operand x(*node.children[0], table, begin, n, scratch);
      for (size_t i = 0; i < n; ++i) out[i] = band(x[i]);
      return;
    }
    case Function::kCoalesce: {  // the first argument that is not missing
      std::fill_n(out, n, kMissing);
      for (const auto& child : node.children) {
        const Operand v(*child, table, begin, n, scratch);
        for (size_t i = 0; i < n; ++i) {
          if (IsMissing(out[i])) out[i] = v[i];
        }
      }
      return;
    }
  }
  std::fill_n(out, n, kMissing);
}

void EvaluateNode(const ExprNode& node, const Table& table, size_t begin, size_t n, double* out,
                  EvaluationScratch& scratch) {
  switch (node.kind) {
    case NodeKind::kNumber:
      std::fill_n(out, n, node.number);
      return;
    case NodeKind::kVariable:
      table.Find(node.text)->values.Load(begin, n, out);
      return;
    case NodeKind::kNegate: {
      const Operand x(*node.children[0], table, begin, n, scratch);
      for (size_t i = 0; i < n; ++i) out[i] = -x[i];
      return;
    }
    case NodeKind::kNot: {
      const Operand x(*node.children[0], table, begin, n, scratch);
      for (size_t i = 0; i < n; ++i) out[i] = IsMissing(x[i]) ? kMissing : 1.0 - Truth(x[i]);
      return;
    }
    case NodeKind::kBinary:
      return EvaluateBinary(node, table, begin, n, out, scratch);
    case NodeKind::kIn: {
      const auto& list = node.values;
      const auto member = [&list](double v) {
        return IsMissing(v) ? kMissing
                            : (std::find(list.begin(), list.end(), v) != list.end() ? 1.0 : 0.0);
      };
      if (const int8_t* codes = BlockCodes(*node.children[0], table, begin)) {
        return MapCodes(codes, n, out, member);
      }
      const Operand x(*node.children[0], table, begin, n, scratch);
      for (size_t i = 0; i < n; ++i) out[i] = member(x[i]);
      return;
    }
    case NodeKind::kCall:
      return EvaluateCall(node, table, begin, n, out, scratch);
    case NodeKind::kString:
    case NodeKind::kList:
      break;  // removed by binding
  }
  std::fill_n(out, n, kMissing);
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

void CompiledExpression::EvaluateBlock(const Table& table, size_t begin, size_t count, double* out,
                                       EvaluationScratch& scratch) const {
  EvaluateNode(*root_, table, begin, count, out, scratch);
}

std::vector<double> CompiledExpression::Evaluate(const Table& table) const {
  std::vector<double> out(table.rows());
  EvaluationScratch scratch;
  for (size_t begin = 0; begin < out.size(); begin += kEvaluationBlock) {
    const size_t count = std::min(kEvaluationBlock, out.size() - begin);
    EvaluateBlock(table, begin, count, out.data() + begin, scratch);
  }
  return out;
}

ColumnValues CompiledExpression::EvaluateColumn(const Table& table) const {
  ColumnValues values;
  values.reserve(table.rows());
  EvaluationScratch scratch;
  std::array<double, kEvaluationBlock> block{};
  for (size_t begin = 0; begin < table.rows(); begin += kEvaluationBlock) {
    const size_t count = std::min(kEvaluationBlock, table.rows() - begin);
    EvaluateBlock(table, begin, count, block.data(), scratch);
    for (size_t i = 0; i < count; ++i) values.push_back(block[i]);
  }
  return values;
}

double* EvaluationScratch::Take() {
  if (used_ == buffers_.size()) buffers_.push_back(std::make_unique<double[]>(kEvaluationBlock));
  return buffers_[used_++].get();
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
