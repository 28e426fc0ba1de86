// The recipe checker: what a recipe needs from a survey file and what it would get, without
// estimating. For each variable the recipe uses, whether the file has it (else the file's nearest
// names and their labels), its values with labels and counts and the codes declared missing; the
// design's strata and PSUs; and for each indicator whether it can be computed, and how many rows
// fall in its universe, how many of them say yes, no or nothing, and its domains' sizes.
#ifndef INSPIRE_SURVEY_RECIPE_CHECK_H_
#define INSPIRE_SURVEY_RECIPE_CHECK_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "survey/inspect.h"
#include "survey/recipe.h"
#include "survey/table.h"

namespace inspire::survey {

struct NeededVariable {
  std::string name;
  std::vector<std::string> roles;  // "weight", "strata", "psu", "labels", "by", "expression"
  bool found = false;
  VariableSummary summary;             // when found: as the file has it, before the recipe
  std::vector<double> recipe_missing;  // the recipe's `missing` codes that apply to it
  // When not found: the file's nearest names with their labels.
  std::vector<std::pair<std::string, std::string>> nearest;
};

struct DomainSizes {
  std::string by;       // "sex" or "sex*agegrp"
  size_t domains = 0;   // with at least one row of the universe with an answer
  size_t smallest = 0;  // rows with an answer in the smallest of them
};

struct IndicatorCheck {
  std::string id;
  std::string name;
  std::string problem;          // empty: it can be computed; else why not (the estimator's message)
  size_t universe = 0;          // rows in the universe
  size_t universe_unknown = 0;  // rows whose universe is missing (counted as outside)
  Statistic statistic = Statistic::kProportion;
  size_t answered = 0;    // universe rows whose numerator has a value
  bool condition = true;  // every such value is true or false (else yes and no are 0)
  size_t yes = 0;         // universe rows whose numerator is true
  size_t no = 0;
  size_t no_answer = 0;  // universe rows whose numerator is missing
  std::vector<DomainSizes> by;
};

struct RecipeCheck {
  std::string recipe;
  std::vector<std::string> files;
  size_t rows = 0;
  std::vector<NeededVariable> variables;
  std::vector<std::string> problems;  // recipe-wide: missing patterns, labels, derived, design
  size_t strata = 0;                  // the design's, when it could be built
  size_t psus = 0;
  double design_df = 0;
  std::vector<std::string> lonely_strata;
  // A replicate design's type and variables (strata and psus are then 0).
  std::string replicate_type;
  std::vector<std::string> replicate_columns;
  std::vector<IndicatorCheck> indicators;
  // True when nothing is missing and every indicator can be computed.
  bool ok() const;
};

// Checks `recipe` against `table` (the survey files read whole and stacked; `files` names them).
// `max_values`: list the values of variables with at most this many. Never fails: every problem is
// in the result. `table` is changed as PrepareRecipe changes it.
RecipeCheck CheckRecipe(const Recipe& recipe, Table& table, const std::vector<std::string>& files,
                        const IndicatorNameLookup& lookup, size_t max_values = 30);

nlohmann::ordered_json RecipeCheckJson(const RecipeCheck& check);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_RECIPE_CHECK_H_
