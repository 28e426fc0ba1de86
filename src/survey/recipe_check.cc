#include "survey/recipe_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/suggest.h"
#include "survey/design.h"
#include "survey/stack.h"

namespace inspire::survey {
namespace {

using CheckJson = nlohmann::ordered_json;

void AddRole(std::vector<NeededVariable>& needed, const std::string& name, const char* role) {
  if (name.empty()) return;
  auto it = std::find_if(needed.begin(), needed.end(),
                         [&](const NeededVariable& v) { return v.name == name; });
  if (it == needed.end()) {
    needed.push_back({});
    needed.back().name = name;
    it = needed.end() - 1;
  }
  if (std::find(it->roles.begin(), it->roles.end(), role) == it->roles.end()) {
    it->roles.emplace_back(role);
  }
}

// The variables the recipe takes from the file (derived ones and _file left out), each with the
// roles it plays, in the order the recipe first uses them.
std::vector<NeededVariable> NeededVariables(const Recipe& recipe) {
  std::vector<NeededVariable> needed;
  AddRole(needed, recipe.design.weight, "weight");
  AddRole(needed, recipe.design.strata, "strata");
  AddRole(needed, recipe.design.psu, "psu");
  if (recipe.design.replicates) {  // named ones; a glob's matches are listed with the design
    for (const auto& name : recipe.design.replicates->columns) {
      if (name.find_first_of("*?") == std::string::npos) AddRole(needed, name, "replicate");
    }
  }
  for (const auto& entry : recipe.labels) AddRole(needed, entry.first, "labels");
  const auto add_expression = [&](const std::string& source) {
    const auto names = ReferencedVariables(source);
    if (!names) return;  // the indicator's own check reports the syntax error
    for (const auto& name : *names) AddRole(needed, name, "expression");
  };
  for (const auto& entry : recipe.derive) add_expression(entry.second);
  for (const auto& indicator : recipe.indicators) {
    if (!indicator.universe.empty()) add_expression(indicator.universe);
    add_expression(indicator.numerator);
    for (const auto& group : indicator.by) {
      for (const auto& name : group) AddRole(needed, name, "by");
    }
  }
  std::erase_if(needed, [&](const NeededVariable& v) {
    return v.name == kFileColumn ||
           std::any_of(recipe.derive.begin(), recipe.derive.end(),
                       [&](const auto& entry) { return entry.first == v.name; });
  });
  return needed;
}

void DescribeVariables(const Recipe& recipe, const Table& table, size_t max_values,
                       std::vector<NeededVariable>& needed) {
  const std::vector<std::string> names = table.AllNames();
  for (NeededVariable& v : needed) {
    const Column* column = table.Find(v.name);
    v.found = column != nullptr;
    if (column == nullptr) {
      for (const std::string& near : core::NearMatches(v.name, names)) {
        const Column* other = table.Find(near);
        v.nearest.emplace_back(near, other != nullptr ? other->label : "");
      }
      continue;
    }
    v.summary = Summarize(*column, table.rows(), max_values);
    if (const auto labels = recipe.labels.find(v.name); labels != recipe.labels.end()) {
      for (ValueCount& value : v.summary.values) {  // the recipe's labels, as the output will have
        const auto label = labels->second.find(value.value);
        if (label != labels->second.end()) value.label = label->second;
      }
    }
    for (const auto& [pattern, codes] : recipe.missing) {
      if (GlobMatch(pattern, v.name)) {
        v.recipe_missing.insert(v.recipe_missing.end(), codes.begin(), codes.end());
      }
    }
  }
}

void CheckDesign(const Recipe& recipe, const Table& table, RecipeCheck& check) {
  const std::string file = check.files.size() == 1 ? check.files[0] : "the stacked files";
  const auto design = BuildDesign(table, recipe.design, file);
  if (!design) {
    check.problems.push_back(design.error().message);
    return;
  }
  check.design_df = design->df;
  if (design->replicates) {
    check.replicate_type = ReplicateTypeName(design->replicates->type);
    check.replicate_columns = design->replicates->columns;
    return;
  }
  check.strata = design->strata_count();
  check.psus = design->psu_count();
  for (const uint32_t h : design->LonelyStrata()) {
    check.lonely_strata.push_back(design->stratum_names[h]);
  }
}

// A value of a condition that is neither true, false nor missing, as the estimator would report
// it; empty if there is none.
std::string NotACondition(const Table& table, const std::vector<double>& values,
                          const std::vector<double>* universe, const std::string& what) {
  for (size_t row = 0; row < values.size(); ++row) {
    if (universe != nullptr && (*universe)[row] != 1) continue;
    const double x = values[row];
    if (IsMissing(x) || x == 0 || x == 1) continue;
    return fmt::format("{}: {} gives {}, expected true, false or missing", table.RowRef(row), what,
                       FormatNumber(x));
  }
  return "";
}

std::vector<DomainSizes> SizeDomains(const Table& table, const RecipeIndicator& indicator,
                                     const std::vector<double>& universe,
                                     const std::vector<double>& numerator) {
  std::vector<DomainSizes> out;
  for (const auto& group : indicator.by) {
    std::map<std::vector<double>, size_t> sizes;
    std::vector<const Column*> columns;
    columns.reserve(group.size());
    for (const auto& name : group) columns.push_back(table.Find(name));
    std::vector<double> key(columns.size());
    for (size_t row = 0; row < table.rows(); ++row) {
      if (universe[row] != 1 || IsMissing(numerator[row])) continue;
      bool complete = true;
      for (size_t c = 0; c < columns.size(); ++c) {
        key[c] = columns[c] != nullptr ? columns[c]->values[row] : kMissing;
        complete = complete && !IsMissing(key[c]);
      }
      if (complete) ++sizes[key];
    }
    DomainSizes sized;
    for (size_t c = 0; c < group.size(); ++c) sized.by += (c > 0 ? "*" : "") + group[c];
    sized.domains = sizes.size();
    for (const auto& entry : sizes) {
      sized.smallest = sized.smallest == 0 ? entry.second : std::min(sized.smallest, entry.second);
    }
    out.push_back(sized);
  }
  return out;
}

IndicatorCheck CheckIndicator(const Recipe& recipe, const RecipeIndicator& indicator,
                              const Table& table, const IndicatorNameLookup& lookup) {
  IndicatorCheck check;
  check.id = indicator.id;
  check.name = indicator.name;
  const auto prepared = PrepareIndicator(recipe, indicator, table, lookup);
  if (!prepared) {
    check.problem = prepared.error().message;
    return check;
  }
  check.name = prepared->name;
  const std::vector<double> universe = prepared->universe ? prepared->universe->Evaluate(table)
                                                          : std::vector<double>(table.rows(), 1.0);
  check.problem =
      NotACondition(table, universe, nullptr, "indicator '" + indicator.id + "': the universe");
  if (!check.problem.empty()) return check;
  const std::vector<double> numerator = prepared->numerator.Evaluate(table);
  check.statistic = indicator.statistic;
  if (indicator.statistic == Statistic::kProportion) {
    check.problem = NotACondition(table, numerator, &universe,
                                  "indicator '" + indicator.id + "': the numerator");
    if (!check.problem.empty()) return check;
  }
  for (size_t row = 0; row < table.rows(); ++row) {
    if (IsMissing(universe[row])) ++check.universe_unknown;
    if (universe[row] != 1) continue;
    ++check.universe;
    const double y = numerator[row];
    check.yes += y == 1 ? 1 : 0;
    check.no += y == 0 ? 1 : 0;
    check.no_answer += IsMissing(y) ? 1 : 0;
    check.answered += IsMissing(y) ? 0 : 1;
  }
  check.condition = check.yes + check.no == check.answered;
  if (!check.condition) check.yes = check.no = 0;
  check.by = SizeDomains(table, indicator, universe, numerator);
  return check;
}

}  // namespace

bool RecipeCheck::ok() const {
  return problems.empty() &&
         std::all_of(variables.begin(), variables.end(),
                     [](const NeededVariable& v) { return v.found; }) &&
         std::all_of(indicators.begin(), indicators.end(),
                     [](const IndicatorCheck& i) { return i.problem.empty(); });
}

RecipeCheck CheckRecipe(const Recipe& recipe, Table& table, const std::vector<std::string>& files,
                        const IndicatorNameLookup& lookup, size_t max_values) {
  RecipeCheck check;
  check.recipe = recipe.file;
  check.files = files;
  check.rows = table.rows();
  check.variables = NeededVariables(recipe);
  DescribeVariables(recipe, table, max_values, check.variables);
  std::vector<core::Error> problems;
  (void)PrepareTable(recipe, table, &problems);  // with a list it never fails
  for (const auto& problem : problems) check.problems.push_back(problem.message);
  CheckDesign(recipe, table, check);
  for (const auto& indicator : recipe.indicators) {
    check.indicators.push_back(CheckIndicator(recipe, indicator, table, lookup));
  }
  return check;
}

CheckJson RecipeCheckJson(const RecipeCheck& check) {
  CheckJson variables = CheckJson::array();
  for (const auto& v : check.variables) {
    CheckJson entry = {{"name", v.name}, {"roles", v.roles}, {"found", v.found}};
    if (v.found) {
      entry["summary"] = SummaryJson(v.summary);
      entry["recipe_missing"] = v.recipe_missing;
    } else {
      CheckJson nearest = CheckJson::array();
      for (const auto& [name, label] : v.nearest) {
        nearest.push_back({{"name", name}, {"label", label}});
      }
      entry["nearest"] = nearest;
    }
    variables.push_back(entry);
  }
  CheckJson indicators = CheckJson::array();
  for (const auto& i : check.indicators) {
    CheckJson by = CheckJson::array();
    for (const auto& d : i.by) {
      by.push_back({{"by", d.by}, {"domains", d.domains}, {"smallest", d.smallest}});
    }
    indicators.push_back(
        {{"id", i.id},
         {"name", i.name},
         {"computable", i.problem.empty()},
         {"problem", i.problem.empty() ? CheckJson(nullptr) : CheckJson(i.problem)},
         {"universe", i.universe},
         {"universe_unknown", i.universe_unknown},
         {"statistic", StatisticName(i.statistic)},
         {"answered", i.answered},
         {"yes", i.condition ? CheckJson(i.yes) : CheckJson(nullptr)},
         {"no", i.condition ? CheckJson(i.no) : CheckJson(nullptr)},
         {"no_answer", i.no_answer},
         {"by", by}});
  }
  return {{"recipe", check.recipe},
          {"files", check.files},
          {"rows", check.rows},
          {"ok", check.ok()},
          {"problems", check.problems},
          {"design",
           {{"strata", check.strata},
            {"psus", check.psus},
            {"df", check.design_df},
            {"lonely_strata", check.lonely_strata},
            {"replicates", check.replicate_type.empty()
                               ? CheckJson(nullptr)
                               : CheckJson{{"type", check.replicate_type},
                                           {"variables", check.replicate_columns}}}}},
          {"variables", variables},
          {"indicators", indicators}};
}

}  // namespace inspire::survey
