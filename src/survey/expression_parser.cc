// Parsing and binding of recipe expressions (see expression.h for the language).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/suggest.h"
#include "survey/expression.h"
#include "survey/expression_node.h"

namespace inspire::survey {
namespace {

using core::ErrorCode;
using NodePtr = std::unique_ptr<ExprNode>;

constexpr int kMaxDepth = 100;

enum class TokenKind { kNumber, kString, kName, kSymbol, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  double number = 0;
  size_t offset = 0;
};

// "where: message\n  source\n  ^" with the caret under `offset`.
core::Error CaretError(const std::string& where, std::string_view source, size_t offset,
                       const std::string& message) {
  std::string caret_line(std::min(offset, source.size()), ' ');
  for (size_t i = 0; i < caret_line.size(); ++i) {
    if (source[i] == '\t') caret_line[i] = '\t';
  }
  return core::Error{ErrorCode::kParse,
                     fmt::format("{}: {}\n  {}\n  {}^", where, message, source, caret_line),
                     {}};
}

class Parser {
 public:
  Parser(std::string_view source, std::string where) : source_(source), where_(std::move(where)) {}

  core::Result<NodePtr> ParseAll() {
    INSPIRE_RETURN_IF_ERROR(Advance());
    if (current_.kind == TokenKind::kEnd) return Error(0, "the expression is empty");
    INSPIRE_ASSIGN_OR_RETURN(NodePtr root, ParseOr());
    if (current_.kind != TokenKind::kEnd) {
      return Error(current_.offset,
                   fmt::format("unexpected '{}' after a complete expression", current_.text));
    }
    return root;
  }

 private:
  tl::unexpected<core::Error> Error(size_t offset, const std::string& message) const {
    return tl::unexpected(CaretError(where_, source_, offset, message));
  }

  core::Result<void> Advance() {
    size_t i = position_;
    while (i < source_.size() && std::isspace(static_cast<unsigned char>(source_[i]))) ++i;
    current_ = Token{};
    current_.offset = i;
    if (i >= source_.size()) {
      position_ = i;
      return {};
    }
    const char c = source_[i];
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && i + 1 < source_.size() &&
         std::isdigit(static_cast<unsigned char>(source_[i + 1])))) {
      return LexNumber(i);
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t end = i;
      while (end < source_.size() && (std::isalnum(static_cast<unsigned char>(source_[end])) ||
                                      source_[end] == '_' || source_[end] == '.')) {
        ++end;
      }
      current_.kind = TokenKind::kName;
      current_.text = std::string(source_.substr(i, end - i));
      position_ = end;
      return {};
    }
    if (c == '"' || c == '\'') return LexString(i, c);
    for (std::string_view symbol : {"==", "!=", "<=", ">="}) {
      if (source_.substr(i, 2) == symbol) {
        current_.kind = TokenKind::kSymbol;
        current_.text = std::string(symbol);
        position_ = i + 2;
        return {};
      }
    }
    if (std::string_view("+-*/<>()[],").find(c) != std::string_view::npos) {
      current_.kind = TokenKind::kSymbol;
      current_.text = std::string(1, c);
      position_ = i + 1;
      return {};
    }
    if (c == '=') return Error(i, "'=' is not an operator here; use '==' to compare");
    return Error(i, fmt::format("unexpected character '{}'", c));
  }

  core::Result<void> LexNumber(size_t i) {
    size_t end = i;
    while (end < source_.size() &&
           (std::isdigit(static_cast<unsigned char>(source_[end])) || source_[end] == '.' ||
            source_[end] == 'e' || source_[end] == 'E' ||
            ((source_[end] == '-' || source_[end] == '+') && end > i &&
             (source_[end - 1] == 'e' || source_[end - 1] == 'E')))) {
      ++end;
    }
    double value = 0;
    const auto [ptr, ec] = std::from_chars(source_.data() + i, source_.data() + end, value);
    if (ec != std::errc() || ptr != source_.data() + end || !std::isfinite(value)) {
      return Error(i, fmt::format("'{}' is not a number", source_.substr(i, end - i)));
    }
    current_.kind = TokenKind::kNumber;
    current_.number = value;
    current_.text = std::string(source_.substr(i, end - i));
    position_ = end;
    return {};
  }

  core::Result<void> LexString(size_t i, char quote) {
    const size_t end = source_.find(quote, i + 1);
    if (end == std::string_view::npos) return Error(i, "this string is never closed");
    current_.kind = TokenKind::kString;
    current_.text = std::string(source_.substr(i + 1, end - i - 1));
    position_ = end + 1;
    return {};
  }

  bool Is(std::string_view symbol) const {
    return (current_.kind == TokenKind::kSymbol || current_.kind == TokenKind::kName) &&
           current_.text == symbol;
  }

  core::Result<void> Expect(std::string_view symbol, std::string_view context) {
    if (!Is(symbol)) {
      return Error(current_.offset,
                   fmt::format("expected '{}' {}, found {}", symbol, context, Describe(current_)));
    }
    return Advance();
  }

  static std::string Describe(const Token& token) {
    return token.kind == TokenKind::kEnd ? "the end of the expression" : "'" + token.text + "'";
  }

  core::Result<void> Enter() {
    if (++depth_ > kMaxDepth) {
      return Error(current_.offset, fmt::format("nested deeper than {} levels", kMaxDepth));
    }
    return {};
  }

  static NodePtr MakeBinary(BinaryOp op, size_t offset, NodePtr left, NodePtr right) {
    auto node = std::make_unique<ExprNode>();
    node->kind = NodeKind::kBinary;
    node->op = op;
    node->offset = offset;
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    return node;
  }

  core::Result<NodePtr> ParseOr() {
    INSPIRE_RETURN_IF_ERROR(Enter());
    INSPIRE_ASSIGN_OR_RETURN(NodePtr left, ParseAnd());
    while (Is("or")) {
      const size_t offset = current_.offset;
      INSPIRE_RETURN_IF_ERROR(Advance());
      INSPIRE_ASSIGN_OR_RETURN(NodePtr right, ParseAnd());
      left = MakeBinary(BinaryOp::kOr, offset, std::move(left), std::move(right));
    }
    --depth_;
    return left;
  }

  core::Result<NodePtr> ParseAnd() {
    INSPIRE_ASSIGN_OR_RETURN(NodePtr left, ParseNot());
    while (Is("and")) {
      const size_t offset = current_.offset;
      INSPIRE_RETURN_IF_ERROR(Advance());
      INSPIRE_ASSIGN_OR_RETURN(NodePtr right, ParseNot());
      left = MakeBinary(BinaryOp::kAnd, offset, std::move(left), std::move(right));
    }
    return left;
  }

  core::Result<NodePtr> ParseNot() {
    if (!Is("not")) return ParseComparison();
    INSPIRE_RETURN_IF_ERROR(Enter());
    auto node = std::make_unique<ExprNode>();
    node->kind = NodeKind::kNot;
    node->offset = current_.offset;
    INSPIRE_RETURN_IF_ERROR(Advance());
    INSPIRE_ASSIGN_OR_RETURN(NodePtr operand, ParseNot());
    node->children.push_back(std::move(operand));
    --depth_;
    return node;
  }

  core::Result<NodePtr> ParseComparison() {
    INSPIRE_ASSIGN_OR_RETURN(NodePtr left, ParseAdditive());
    static const std::pair<std::string_view, BinaryOp> kOps[] = {
        {"==", BinaryOp::kEq}, {"!=", BinaryOp::kNe}, {"<", BinaryOp::kLt},
        {"<=", BinaryOp::kLe}, {">", BinaryOp::kGt},  {">=", BinaryOp::kGe}};
    for (const auto& [symbol, op] : kOps) {
      if (current_.kind != TokenKind::kSymbol || current_.text != symbol) continue;
      const size_t offset = current_.offset;
      INSPIRE_RETURN_IF_ERROR(Advance());
      INSPIRE_ASSIGN_OR_RETURN(NodePtr right, ParseAdditive());
      return MakeBinary(op, offset, std::move(left), std::move(right));
    }
    if (Is("in")) {
      auto node = std::make_unique<ExprNode>();
      node->kind = NodeKind::kIn;
      node->offset = current_.offset;
      INSPIRE_RETURN_IF_ERROR(Advance());
      if (!Is("[")) return Error(current_.offset, "expected a list such as [1, 2, 3] after 'in'");
      INSPIRE_ASSIGN_OR_RETURN(NodePtr list, ParsePrimary());
      node->children.push_back(std::move(left));
      node->children.push_back(std::move(list));
      return node;
    }
    return left;
  }

  core::Result<NodePtr> ParseAdditive() {
    INSPIRE_ASSIGN_OR_RETURN(NodePtr left, ParseTerm());
    while (Is("+") || Is("-")) {
      const BinaryOp op = Is("+") ? BinaryOp::kAdd : BinaryOp::kSub;
      const size_t offset = current_.offset;
      INSPIRE_RETURN_IF_ERROR(Advance());
      INSPIRE_ASSIGN_OR_RETURN(NodePtr right, ParseTerm());
      left = MakeBinary(op, offset, std::move(left), std::move(right));
    }
    return left;
  }

  core::Result<NodePtr> ParseTerm() {
    INSPIRE_ASSIGN_OR_RETURN(NodePtr left, ParseUnary());
    while (Is("*") || Is("/")) {
      const BinaryOp op = Is("*") ? BinaryOp::kMul : BinaryOp::kDiv;
      const size_t offset = current_.offset;
      INSPIRE_RETURN_IF_ERROR(Advance());
      INSPIRE_ASSIGN_OR_RETURN(NodePtr right, ParseUnary());
      left = MakeBinary(op, offset, std::move(left), std::move(right));
    }
    return left;
  }

  core::Result<NodePtr> ParseUnary() {
    if (!Is("-")) return ParsePrimary();
    INSPIRE_RETURN_IF_ERROR(Enter());
    const size_t offset = current_.offset;
    INSPIRE_RETURN_IF_ERROR(Advance());
    INSPIRE_ASSIGN_OR_RETURN(NodePtr operand, ParseUnary());
    --depth_;
    if (operand->kind == NodeKind::kNumber) {
      operand->number = -operand->number;
      operand->offset = offset;
      return operand;
    }
    auto node = std::make_unique<ExprNode>();
    node->kind = NodeKind::kNegate;
    node->offset = offset;
    node->children.push_back(std::move(operand));
    return node;
  }

  core::Result<NodePtr> ParsePrimary() {
    auto node = std::make_unique<ExprNode>();
    node->offset = current_.offset;
    switch (current_.kind) {
      case TokenKind::kNumber:
        node->kind = NodeKind::kNumber;
        node->number = current_.number;
        INSPIRE_RETURN_IF_ERROR(Advance());
        return node;
      case TokenKind::kString:
        node->kind = NodeKind::kString;
        node->text = current_.text;
        INSPIRE_RETURN_IF_ERROR(Advance());
        return node;
      case TokenKind::kName:
        return ParseName(std::move(node));
      case TokenKind::kSymbol:
        if (Is("(")) {
          INSPIRE_RETURN_IF_ERROR(Enter());
          INSPIRE_RETURN_IF_ERROR(Advance());
          INSPIRE_ASSIGN_OR_RETURN(NodePtr inner, ParseOr());
          INSPIRE_RETURN_IF_ERROR(Expect(")", "to close '('"));
          --depth_;
          return inner;
        }
        if (Is("[")) return ParseList(std::move(node));
        break;
      case TokenKind::kEnd:
        break;
    }
    return Error(current_.offset, fmt::format("expected a number, a variable, a function or '(', "
                                              "found {}",
                                              Describe(current_)));
  }

  core::Result<NodePtr> ParseName(NodePtr node) {
    node->text = current_.text;
    if (node->text == "and" || node->text == "or" || node->text == "not" || node->text == "in") {
      return Error(current_.offset, fmt::format("'{}' needs something before it", node->text));
    }
    INSPIRE_RETURN_IF_ERROR(Advance());
    if (!Is("(")) {
      node->kind = NodeKind::kVariable;
      return node;
    }
    node->kind = NodeKind::kCall;
    INSPIRE_RETURN_IF_ERROR(Enter());
    INSPIRE_RETURN_IF_ERROR(Advance());
    if (!Is(")")) {
      while (true) {
        INSPIRE_ASSIGN_OR_RETURN(NodePtr argument, ParseOr());
        node->children.push_back(std::move(argument));
        if (!Is(",")) break;
        INSPIRE_RETURN_IF_ERROR(Advance());
      }
    }
    INSPIRE_RETURN_IF_ERROR(Expect(")", "to close the argument list"));
    --depth_;
    return node;
  }

  // [a, b, ...]: numbers (possibly negative) and strings only.
  core::Result<NodePtr> ParseList(NodePtr node) {
    node->kind = NodeKind::kList;
    INSPIRE_RETURN_IF_ERROR(Enter());  // "[[[[..." must not recurse without bound
    INSPIRE_RETURN_IF_ERROR(Advance());
    while (!Is("]")) {
      INSPIRE_ASSIGN_OR_RETURN(NodePtr item, ParseUnary());
      if (item->kind != NodeKind::kNumber && item->kind != NodeKind::kString) {
        return Error(item->offset, "a list may only hold numbers or strings");
      }
      node->children.push_back(std::move(item));
      if (Is("]")) break;
      INSPIRE_RETURN_IF_ERROR(Expect(",", "between list items"));
    }
    --depth_;
    return Advance().map([&] { return std::move(node); });
  }

  std::string_view source_;
  std::string where_;
  size_t position_ = 0;
  Token current_;
  int depth_ = 0;
};

// Checks names, argument counts and strings, and turns strings into codes.
class Binder {
 public:
  Binder(std::string_view source, std::string where, const Table& table)
      : source_(source), where_(std::move(where)), table_(table) {}

  core::Result<void> Bind(ExprNode& node) {
    switch (node.kind) {
      case NodeKind::kNumber:
        return {};
      case NodeKind::kString:
        return Error(node.offset, "a string can only be compared (==, !=, in) with a variable");
      case NodeKind::kList:
        return Error(node.offset, "a list can only follow 'in' or be the breaks of cut()");
      case NodeKind::kVariable:
        return BindNumericVariable(node);
      case NodeKind::kBinary:
        return BindBinary(node);
      case NodeKind::kIn:
        return BindIn(node);
      case NodeKind::kCall:
        return BindCall(node);
      case NodeKind::kNegate:
      case NodeKind::kNot:
        return Bind(*node.children[0]);
    }
    return {};
  }

 private:
  tl::unexpected<core::Error> Error(size_t offset, const std::string& message) const {
    return tl::unexpected(CaretError(where_, source_, offset, message));
  }

  // A variable used as a number: a text variable's codes only stand for its sorted texts, so
  // arithmetic or ordering on them would be meaningless.
  core::Result<void> BindNumericVariable(const ExprNode& node) {
    INSPIRE_RETURN_IF_ERROR(BindVariable(node));
    const Column* column = table_.Find(node.text);
    if (!column->is_text) return {};
    const std::string example =
        column->value_labels.empty() ? "text" : column->value_labels.begin()->second;
    return Error(node.offset, fmt::format("'{}' holds text; compare it with a string, e.g. {} == "
                                          "\"{}\"",
                                          node.text, node.text, example));
  }

 public:
  // Binds a whole expression; a bare variable may be copied whatever it holds.
  core::Result<void> BindRoot(ExprNode& node) {
    if (node.kind == NodeKind::kVariable) return BindVariable(node);
    return Bind(node);
  }

 private:
  core::Result<void> BindVariable(const ExprNode& node) {
    if (table_.Find(node.text) != nullptr) return {};
    const auto names = table_.AllNames();
    return Error(node.offset, fmt::format("unknown variable '{}'{}", node.text,
                                          core::DidYouMean(core::NearMatches(node.text, names))));
  }

  // The code of `text` in the variable `variable` (text values or value labels).
  core::Result<double> CodeOf(const ExprNode& variable, const ExprNode& text) {
    if (variable.kind != NodeKind::kVariable) {
      return Error(text.offset, "a string can only be compared with a variable");
    }
    INSPIRE_RETURN_IF_ERROR(BindVariable(variable));
    const Column& column = *table_.Find(variable.text);
    const double code = column.CodeOf(text.text);
    if (!IsMissing(code)) return code;
    std::vector<std::string> labels;
    for (const auto& entry : column.value_labels) labels.push_back(entry.second);
    if (labels.empty()) {
      return Error(text.offset, fmt::format("'{}' has no text values or value labels to compare "
                                            "with \"{}\"; compare with its numeric codes",
                                            variable.text, text.text));
    }
    return Error(text.offset, fmt::format("'{}' has no value \"{}\"{}", variable.text, text.text,
                                          core::DidYouMean(core::NearMatches(text.text, labels))));
  }

  core::Result<void> BindBinary(ExprNode& node) {
    ExprNode& left = *node.children[0];
    ExprNode& right = *node.children[1];
    const bool equality = node.op == BinaryOp::kEq || node.op == BinaryOp::kNe;
    bool compared_with_string = false;
    for (auto [string_side, other] : {std::pair{&right, &left}, std::pair{&left, &right}}) {
      if (string_side->kind != NodeKind::kString) continue;
      if (!equality)
        return Error(string_side->offset, "strings can only be compared with == or !=");
      INSPIRE_ASSIGN_OR_RETURN(const double code, CodeOf(*other, *string_side));
      string_side->kind = NodeKind::kNumber;
      string_side->number = code;
      compared_with_string = true;
    }
    if (compared_with_string) return {};  // CodeOf bound the variable; the other side is a code
    INSPIRE_RETURN_IF_ERROR(Bind(left));
    return Bind(right);
  }

  core::Result<void> BindIn(ExprNode& node) {
    ExprNode& subject = *node.children[0];
    const auto& items = node.children[1]->children;
    const bool all_strings =
        !items.empty() && std::all_of(items.begin(), items.end(), [](const auto& item) {
          return item->kind == NodeKind::kString;
        });
    // A text variable may only be matched against strings.
    if (all_strings && subject.kind == NodeKind::kVariable) {
      INSPIRE_RETURN_IF_ERROR(BindVariable(subject));
    } else {
      INSPIRE_RETURN_IF_ERROR(Bind(subject));
    }
    for (const auto& item : items) {
      if (item->kind == NodeKind::kNumber) {
        node.values.push_back(item->number);
        continue;
      }
      INSPIRE_ASSIGN_OR_RETURN(const double code, CodeOf(subject, *item));
      node.values.push_back(code);
    }
    node.children.resize(1);
    return {};
  }

  core::Result<void> BindCall(ExprNode& node) {
    struct Signature {
      std::string_view name;
      Function function;
      size_t min_args;
      size_t max_args;
    };
    static constexpr Signature kFunctions[] = {
        {"any", Function::kAny, 1, SIZE_MAX},          {"all", Function::kAll, 1, SIZE_MAX},
        {"between", Function::kBetween, 3, 3},         {"is_missing", Function::kIsMissing, 1, 1},
        {"ifelse", Function::kIfElse, 3, 3},           {"cut", Function::kCut, 2, 2},
        {"coalesce", Function::kCoalesce, 1, SIZE_MAX}};
    const Signature* signature = nullptr;
    for (const auto& candidate : kFunctions) {
      if (candidate.name == node.text) signature = &candidate;
    }
    if (signature == nullptr) {
      std::vector<std::string> names;
      for (const auto& candidate : kFunctions) names.emplace_back(candidate.name);
      return Error(node.offset,
                   fmt::format("unknown function '{}'{}; functions are any, all, "
                               "between, is_missing, ifelse, cut, coalesce",
                               node.text, core::DidYouMean(core::NearMatches(node.text, names))));
    }
    const size_t count = node.children.size();
    if (count < signature->min_args || count > signature->max_args) {
      const std::string expected = signature->max_args == SIZE_MAX
                                       ? fmt::format("at least {}", signature->min_args)
                                       : fmt::format("{}", signature->min_args);
      return Error(node.offset, fmt::format("{}() takes {} argument{}, not {}", node.text, expected,
                                            signature->min_args == 1 ? "" : "s", count));
    }
    node.function = signature->function;
    if (node.function == Function::kCut) return BindCut(node);
    if (node.function == Function::kIsMissing && node.children[0]->kind == NodeKind::kVariable) {
      return BindVariable(*node.children[0]);  // missingness of text is meaningful
    }
    for (auto& child : node.children) INSPIRE_RETURN_IF_ERROR(Bind(*child));
    return {};
  }

  core::Result<void> BindCut(ExprNode& node) {
    INSPIRE_RETURN_IF_ERROR(Bind(*node.children[0]));
    const ExprNode& breaks = *node.children[1];
    if (breaks.kind != NodeKind::kList || breaks.children.size() < 2) {
      return Error(breaks.offset, "cut() needs a list of at least two breaks, e.g. [1, 5, 10]");
    }
    for (const auto& item : breaks.children) {
      if (item->kind != NodeKind::kNumber) return Error(item->offset, "breaks must be numbers");
      if (!node.values.empty() && item->number <= node.values.back()) {
        return Error(item->offset, "breaks must increase");
      }
      node.values.push_back(item->number);
    }
    node.children.resize(1);
    return {};
  }

  std::string_view source_;
  std::string where_;
  const Table& table_;
};

void CollectVariables(const ExprNode& node, std::vector<std::string>& names) {
  if (node.kind == NodeKind::kVariable) names.push_back(node.text);
  for (const auto& child : node.children) CollectVariables(*child, names);
}

}  // namespace

core::Result<std::vector<std::string>> ReferencedVariables(std::string_view source) {
  Parser parser(source, "expression");
  INSPIRE_ASSIGN_OR_RETURN(const std::unique_ptr<ExprNode> root, parser.ParseAll());
  std::vector<std::string> names;
  CollectVariables(*root, names);
  return names;
}

core::Result<CompiledExpression> CompileExpression(std::string_view source, const Table& table,
                                                   const std::string& where) {
  Parser parser(source, where);
  INSPIRE_ASSIGN_OR_RETURN(std::unique_ptr<ExprNode> root, parser.ParseAll());
  Binder binder(source, where, table);
  INSPIRE_RETURN_IF_ERROR(binder.BindRoot(*root));
  return CompiledExpression(std::shared_ptr<const ExprNode>(std::move(root)), std::string(source));
}

}  // namespace inspire::survey
