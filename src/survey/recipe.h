// Recipes: YAML files that say how to compute indicators from one kind of survey file (design
// variables, missing-value codes, derived variables, labels, and the indicators with their
// universe, numerator and disaggregations). See docs/recipes.md for the format.
#ifndef INSPIRE_SURVEY_RECIPE_H_
#define INSPIRE_SURVEY_RECIPE_H_

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "survey/design.h"
#include "survey/expression.h"
#include "survey/statistic.h"
#include "survey/table.h"

namespace inspire::survey {

struct RecipeIndicator {
  std::string id;
  std::string name;       // empty: taken from the catalogue
  std::string universe;   // empty: every row
  std::string numerator;  // a condition (proportion, total) or a numeric expression (mean, total)
  Statistic statistic = Statistic::kProportion;  // `type:` in the recipe
  std::vector<std::vector<std::string>> by;      // each entry one variable or a crossed list
  int line = 0;
};

struct Recipe {
  std::string file;  // as the user named it ("builtin:vacs" or a path)
  std::string text;  // the YAML, for the provenance hash
  std::string description;
  DesignSpec design;
  std::vector<std::pair<std::string, std::vector<double>>> missing;  // pattern (glob) -> codes
  std::vector<std::pair<std::string, std::string>> derive;           // name -> expression
  std::map<std::string, std::map<double, std::string>> labels;
  std::vector<RecipeIndicator> indicators;
  std::map<std::string, int> lines;  // "derive.x", "indicator.1.1" -> line, for messages
};

// Parses recipe YAML. Errors (kParse, kValidation) name the file, line and field.
core::Result<Recipe> ParseRecipe(std::string_view text, const std::string& file);

// Loads "builtin:NAME" from <data_dir>/recipes/NAME.yaml, or a YAML file path.
// Errors: kNotFound (listing the built-in names), and those of ParseRecipe.
core::Result<Recipe> LoadRecipe(const std::string& name_or_path,
                                const std::filesystem::path& data_dir);

// The variables of the data file a recipe can use: design variables, labelled variables, `by`
// variables and every name its expressions mention. nullopt if an expression does not parse
// (then read everything, and PrepareRecipe reports the error with its line).
std::optional<std::set<std::string>> VariablesUsed(const Recipe& recipe);

// An indicator ready to estimate.
struct PreparedIndicator {
  std::string id;
  std::string name;
  std::optional<CompiledExpression> universe;
  CompiledExpression numerator;
  std::vector<std::vector<std::string>> by;
  Statistic statistic = Statistic::kProportion;
};

// Looks up an indicator's catalogue name; nullopt if the id is not in the catalogue.
using IndicatorNameLookup = std::function<std::optional<std::string>(const std::string&)>;

// Applies the recipe's missing codes and labels to `table` and adds its derived variables.
// Errors as PrepareRecipe's. With `problems`, it goes on past a failing check or derived variable
// (leaving that variable out) and lists every error there instead (the recipe checker).
core::Result<void> PrepareTable(const Recipe& recipe, Table& table,
                                std::vector<core::Error>* problems);

// Compiles one indicator of `recipe` against a table PrepareTable made. Errors as PrepareRecipe's.
core::Result<PreparedIndicator> PrepareIndicator(const Recipe& recipe,
                                                 const RecipeIndicator& indicator,
                                                 const Table& table,
                                                 const IndicatorNameLookup& lookup);

// Applies the recipe's missing codes and labels to `table`, adds its derived variables, and
// compiles every expression. Errors name the recipe file, line and field, quote the expression
// with a caret, and suggest near variable names; an indicator outside the catalogue without a
// name, or a `by` variable that does not exist, is an error. `table` may be partly changed on
// error; callers discard it.
core::Result<std::vector<PreparedIndicator>> PrepareRecipe(const Recipe& recipe, Table& table,
                                                           const IndicatorNameLookup& lookup);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_RECIPE_H_
