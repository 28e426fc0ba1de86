#include "survey/recipe.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "core/file.h"
#include "core/join.h"
#include "core/suggest.h"
#include "core/yaml_fields.h"
#include "survey/recipe_design.h"

namespace inspire::survey {
namespace {

using core::ErrorCode;
using core::Fail;
using core::YamlContext;

int LineOf(const YAML::Node& node) {
  return node.IsDefined() && !node.Mark().is_null() ? node.Mark().line + 1 : 0;
}

core::Result<double> ParseCode(const YAML::Node& node, const YamlContext& context) {
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Fail(ErrorCode::kValidation,
                core::Where(node, context) + fmt::format("'{}' is not a number", text));
  }
  return value;
}

core::Result<void> ReadMissing(const YAML::Node& root, const std::string& file, Recipe& recipe) {
  const YAML::Node node = root["missing"];
  if (!node.IsDefined() || node.IsNull()) return {};
  const YamlContext context{file, "missing"};
  if (!node.IsMap()) {
    return Fail(ErrorCode::kValidation, core::Where(node, context) +
                                            "expected a mapping of variable (or pattern) to codes");
  }
  for (const auto& entry : node) {
    const std::string pattern = entry.first.Scalar();
    std::vector<double> codes;
    if (entry.second.IsScalar()) {
      INSPIRE_ASSIGN_OR_RETURN(const double code, ParseCode(entry.second, context));
      codes.push_back(code);
    } else if (entry.second.IsSequence()) {
      for (const auto& item : entry.second) {
        INSPIRE_ASSIGN_OR_RETURN(const double code, ParseCode(item, context));
        codes.push_back(code);
      }
    } else {
      return Fail(ErrorCode::kValidation,
                  core::Where(entry.second, context) +
                      fmt::format("'{}': expected a code or a list of codes", pattern));
    }
    recipe.missing.emplace_back(pattern, std::move(codes));
  }
  return {};
}

core::Result<void> ReadDerive(const YAML::Node& root, const std::string& file, Recipe& recipe) {
  const YAML::Node node = root["derive"];
  if (!node.IsDefined() || node.IsNull()) return {};
  const YamlContext context{file, "derive"};
  if (!node.IsMap()) {
    return Fail(ErrorCode::kValidation,
                core::Where(node, context) + "expected a mapping of new variable to expression");
  }
  for (const auto& entry : node) {
    if (!entry.second.IsScalar() || entry.second.Scalar().empty()) {
      return Fail(ErrorCode::kValidation,
                  core::Where(entry.second, context) +
                      fmt::format("'{}' needs an expression", entry.first.Scalar()));
    }
    recipe.derive.emplace_back(entry.first.Scalar(), entry.second.Scalar());
    recipe.lines["derive." + entry.first.Scalar()] = LineOf(entry.second);
  }
  return {};
}

core::Result<void> ReadLabels(const YAML::Node& root, const std::string& file, Recipe& recipe) {
  const YAML::Node node = root["labels"];
  if (!node.IsDefined() || node.IsNull()) return {};
  const YamlContext context{file, "labels"};
  if (!node.IsMap()) {
    return Fail(ErrorCode::kValidation, core::Where(node, context) + "expected a mapping");
  }
  for (const auto& entry : node) {
    if (!entry.second.IsMap()) {
      return Fail(ErrorCode::kValidation,
                  core::Where(entry.second, context) +
                      fmt::format("'{}': expected code: label pairs", entry.first.Scalar()));
    }
    auto& labels = recipe.labels[entry.first.Scalar()];
    for (const auto& pair : entry.second) {
      INSPIRE_ASSIGN_OR_RETURN(const double code, ParseCode(pair.first, context));
      labels[code] = pair.second.IsScalar() ? pair.second.Scalar() : "";
    }
  }
  return {};
}

core::Result<std::vector<std::vector<std::string>>> ReadBy(const YAML::Node& node,
                                                           const YamlContext& context) {
  std::vector<std::vector<std::string>> by;
  const YAML::Node list = node["by"];
  if (!list.IsDefined() || list.IsNull()) return by;
  if (!list.IsSequence()) {
    return Fail(ErrorCode::kValidation,
                core::Where(list, context) + "field 'by' must be a list such as [sex, [sex, age]]");
  }
  for (const auto& item : list) {
    std::vector<std::string> variables;
    if (item.IsScalar()) {
      variables.push_back(item.Scalar());
    } else if (item.IsSequence() && item.size() > 0) {
      for (const auto& variable : item) {
        if (!variable.IsScalar()) {
          return Fail(ErrorCode::kValidation,
                      core::Where(variable, context) + "'by' lists hold variable names");
        }
        variables.push_back(variable.Scalar());
      }
    } else {
      return Fail(ErrorCode::kValidation,
                  core::Where(item, context) + "each 'by' entry is a variable or a list of them");
    }
    // The same disaggregation twice would publish its domains twice (and count their rows twice).
    if (std::find(by.begin(), by.end(), variables) != by.end()) {
      return Fail(ErrorCode::kValidation, core::Where(item, context) + "'by' lists [" +
                                              core::Join(variables, ", ") +
                                              "] twice; give each disaggregation once");
    }
    by.push_back(std::move(variables));
  }
  return by;
}

core::Result<void> ReadIndicators(const YAML::Node& root, const std::string& file, Recipe& recipe) {
  const YAML::Node list = root["indicators"];
  if (!list.IsDefined() || !list.IsSequence() || list.size() == 0) {
    return Fail(ErrorCode::kValidation,
                core::Where(root, {file, ""}) + "field 'indicators' must be a non-empty list");
  }
  static constexpr std::array<std::string_view, 7> kKeys = {"id",        "name", "type", "universe",
                                                            "numerator", "by",   "note"};
  for (const auto& node : list) {
    YamlContext context{file, fmt::format("indicator #{}", recipe.indicators.size() + 1)};
    if (node.IsMap() && node["id"].IsDefined() && node["id"].IsScalar()) {
      context.record = fmt::format("indicator '{}'", node["id"].Scalar());
    }
    INSPIRE_RETURN_IF_ERROR(core::CheckKeys(node, kKeys, context));
    RecipeIndicator indicator;
    INSPIRE_ASSIGN_OR_RETURN(indicator.id, core::RequiredString(node, "id", context));
    INSPIRE_ASSIGN_OR_RETURN(indicator.name, core::OptionalString(node, "name", context));
    INSPIRE_ASSIGN_OR_RETURN(indicator.universe, core::OptionalString(node, "universe", context));
    INSPIRE_ASSIGN_OR_RETURN(indicator.numerator, core::RequiredString(node, "numerator", context));
    INSPIRE_ASSIGN_OR_RETURN(indicator.by, ReadBy(node, context));
    INSPIRE_ASSIGN_OR_RETURN(const std::string type, core::OptionalString(node, "type", context));
    if (!type.empty()) {
      const auto statistic = ParseStatistic(type);
      if (!statistic) {
        return Fail(
            ErrorCode::kValidation,
            core::Where(node["type"], context) +
                fmt::format("type '{}' is not known; expected proportion, mean or total", type));
      }
      indicator.statistic = *statistic;
    }
    indicator.line = LineOf(node);
    recipe.lines["indicator." + indicator.id + ".universe"] = LineOf(node["universe"]);
    recipe.lines["indicator." + indicator.id + ".numerator"] = LineOf(node["numerator"]);
    for (const auto& other : recipe.indicators) {
      if (other.id == indicator.id) {
        return Fail(
            ErrorCode::kValidation,
            core::Where(node, context) +
                fmt::format("id '{}' is used twice (also on line {})", indicator.id, other.line));
      }
    }
    recipe.indicators.push_back(std::move(indicator));
  }
  return {};
}

std::string Where(const Recipe& recipe, const std::string& key, const std::string& what) {
  const auto it = recipe.lines.find(key);
  const int line = it == recipe.lines.end() ? 0 : it->second;
  return line > 0 ? fmt::format("{}:{}: {}", recipe.file, line, what)
                  : fmt::format("{}: {}", recipe.file, what);
}

// Every `missing` pattern and `labels` entry must name something, or a typo would silently leave
// codes such as 9 counted as answers.
core::Result<void> CheckNames(const Recipe& recipe, const Table& table) {
  const auto names = table.AllNames();
  for (const auto& entry : recipe.missing) {
    const std::string& pattern = entry.first;
    if (std::any_of(names.begin(), names.end(),
                    [&](const std::string& name) { return GlobMatch(pattern, name); })) {
      continue;
    }
    return Fail(ErrorCode::kValidation,
                fmt::format("{}: missing: '{}' matches no variable in the data{}", recipe.file,
                            pattern, core::DidYouMean(core::NearMatches(pattern, names))));
  }
  for (const auto& label_entry : recipe.labels) {
    const std::string& name = label_entry.first;
    const bool derived = std::any_of(recipe.derive.begin(), recipe.derive.end(),
                                     [&](const auto& entry) { return entry.first == name; });
    if (derived || table.Find(name) != nullptr) continue;
    return Fail(ErrorCode::kValidation,
                fmt::format("{}: labels: '{}' is neither a variable of the data nor derived{}",
                            recipe.file, name, core::DidYouMean(core::NearMatches(name, names))));
  }
  return {};
}

void ApplyMissing(const Recipe& recipe, Table& table) {
  for (const auto& name : table.Names()) {
    Column* column = table.FindMutable(name);
    std::vector<double> codes;
    for (const auto& [pattern, pattern_codes] : recipe.missing) {
      if (GlobMatch(pattern, name))
        codes.insert(codes.end(), pattern_codes.begin(), pattern_codes.end());
    }
    if (codes.empty() || column->is_text) continue;
    column->values.ReplaceWithMissing(codes);
  }
}

core::Result<void> CheckBy(const Recipe& recipe, const RecipeIndicator& indicator,
                           const Table& table) {
  for (const auto& group : indicator.by) {
    for (const auto& variable : group) {
      if (table.Find(variable) != nullptr) continue;
      const auto names = table.AllNames();
      return Fail(ErrorCode::kValidation,
                  fmt::format("{}:{}: indicator '{}': by variable '{}' not found{}", recipe.file,
                              indicator.line, indicator.id, variable,
                              core::DidYouMean(core::NearMatches(variable, names))));
    }
  }
  return {};
}

}  // namespace

std::optional<std::set<std::string>> VariablesUsed(const Recipe& recipe) {
  std::set<std::string> used = {recipe.design.weight, recipe.design.strata, recipe.design.psu};
  // Replicate weights by name or glob (readers match a glob entry against names: NameWanted).
  if (recipe.design.replicates) {
    used.insert(recipe.design.replicates->columns.begin(), recipe.design.replicates->columns.end());
  }
  for (const auto& entry : recipe.labels) used.insert(entry.first);
  std::vector<std::string_view> sources;
  for (const auto& entry : recipe.derive) sources.emplace_back(entry.second);
  for (const auto& indicator : recipe.indicators) {
    sources.emplace_back(indicator.numerator);
    if (!indicator.universe.empty()) sources.emplace_back(indicator.universe);
    for (const auto& group : indicator.by) used.insert(group.begin(), group.end());
  }
  for (const std::string_view source : sources) {
    auto names = ReferencedVariables(source);
    if (!names) return std::nullopt;
    used.insert(names->begin(), names->end());
  }
  used.erase("");
  return used;
}

core::Result<Recipe> ParseRecipe(std::string_view text, const std::string& file) {
  INSPIRE_ASSIGN_OR_RETURN(const YAML::Node root, core::ParseYaml(text, file));
  if (!root.IsMap()) {
    return Fail(ErrorCode::kValidation, file +
                                            ": a recipe is a mapping with design, indicators, "
                                            "and optionally missing, derive, labels");
  }
  static constexpr std::array<std::string_view, 7> kKeys = {
      "description", "design", "missing", "derive", "labels", "indicators", "version"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(root, kKeys, {file, ""}));
  Recipe recipe;
  recipe.file = file;
  recipe.text = std::string(text);
  INSPIRE_ASSIGN_OR_RETURN(recipe.description,
                           core::OptionalString(root, "description", {file, ""}));
  INSPIRE_ASSIGN_OR_RETURN(recipe.design, ParseDesignSpec(root, file));
  INSPIRE_RETURN_IF_ERROR(ReadMissing(root, file, recipe));
  INSPIRE_RETURN_IF_ERROR(ReadDerive(root, file, recipe));
  INSPIRE_RETURN_IF_ERROR(ReadLabels(root, file, recipe));
  INSPIRE_RETURN_IF_ERROR(ReadIndicators(root, file, recipe));
  return recipe;
}

core::Result<Recipe> LoadRecipe(const std::string& name_or_path,
                                const std::filesystem::path& data_dir) {
  constexpr std::string_view kBuiltin = "builtin:";
  if (name_or_path.rfind(kBuiltin, 0) != 0) {
    INSPIRE_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(name_or_path));
    return ParseRecipe(text, name_or_path);
  }
  const std::string name = name_or_path.substr(kBuiltin.size());
  const auto dir = data_dir / "recipes";
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    return Fail(ErrorCode::kNotFound,
                fmt::format("no built-in recipe '{}'{}; built-in recipes: {}", name,
                            core::DidYouMean(core::NearMatches(name, names)), list));
  }
  INSPIRE_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(dir / (name + ".yaml")));
  return ParseRecipe(text, name_or_path);
}

core::Result<void> PrepareTable(const Recipe& recipe, Table& table,
                                std::vector<core::Error>* problems) {
  const auto keep_going = [&](core::Result<void> step) -> core::Result<void> {
    if (step || problems == nullptr) return step;
    problems->push_back(step.error());
    return {};
  };
  INSPIRE_RETURN_IF_ERROR(keep_going(CheckNames(recipe, table)));
  ApplyMissing(recipe, table);
  for (const auto& [name, labels] : recipe.labels) {
    if (Column* column = table.FindMutable(name)) column->value_labels = labels;
  }
  for (const auto& [name, source] : recipe.derive) {
    const std::string where = Where(recipe, "derive." + name, "derive '" + name + "'");
    auto expression = CompileExpression(source, table, where);
    if (!expression) {
      INSPIRE_RETURN_IF_ERROR(keep_going(tl::unexpected(expression.error())));
      continue;  // the checker goes on without it; what uses it reports it unknown
    }
    Column column;
    column.name = name;
    column.values = expression->EvaluateColumn(table);
    column.value_labels = expression->ResultLabels(table);
    if (const auto it = recipe.labels.find(name); it != recipe.labels.end()) {
      column.value_labels = it->second;
    }
    table.Put(std::move(column));
  }
  return {};
}

core::Result<PreparedIndicator> PrepareIndicator(const Recipe& recipe,
                                                 const RecipeIndicator& indicator,
                                                 const Table& table,
                                                 const IndicatorNameLookup& lookup) {
  std::string name = indicator.name;
  if (name.empty()) {
    const auto found = lookup ? lookup(indicator.id) : std::nullopt;
    if (!found) {
      return Fail(ErrorCode::kValidation,
                  fmt::format("{}:{}: indicator '{}' is not in the catalogue, so it needs a "
                              "name (a national indicator)",
                              recipe.file, indicator.line, indicator.id));
    }
    name = *found;
  }
  INSPIRE_RETURN_IF_ERROR(CheckBy(recipe, indicator, table));
  const std::string prefix = "indicator '" + indicator.id + "': ";
  std::optional<CompiledExpression> universe;
  if (!indicator.universe.empty()) {
    INSPIRE_ASSIGN_OR_RETURN(
        universe, CompileExpression(indicator.universe, table,
                                    Where(recipe, "indicator." + indicator.id + ".universe",
                                          prefix + "universe")));
  }
  INSPIRE_ASSIGN_OR_RETURN(
      CompiledExpression numerator,
      CompileExpression(
          indicator.numerator, table,
          Where(recipe, "indicator." + indicator.id + ".numerator", prefix + "numerator")));
  return PreparedIndicator{indicator.id,         name,         std::move(universe),
                           std::move(numerator), indicator.by, indicator.statistic};
}

core::Result<std::vector<PreparedIndicator>> PrepareRecipe(const Recipe& recipe, Table& table,
                                                           const IndicatorNameLookup& lookup) {
  INSPIRE_RETURN_IF_ERROR(PrepareTable(recipe, table, nullptr));
  std::vector<PreparedIndicator> prepared;
  for (const auto& indicator : recipe.indicators) {
    INSPIRE_ASSIGN_OR_RETURN(PreparedIndicator one,
                             PrepareIndicator(recipe, indicator, table, lookup));
    prepared.push_back(std::move(one));
  }
  return prepared;
}

}  // namespace inspire::survey
