#include "cli/recipe_command.h"

#include <fmt/format.h>

#include "core/join.h"
#include "core/text_table.h"
#include "survey/reader.h"
#include "survey/recipe_check.h"

namespace inspire::cli {
namespace {

using core::ErrorCode;
using core::Fail;

using core::Join;

std::string VariableNote(const survey::NeededVariable& v) {
  if (!v.found) {
    std::vector<std::string> near;
    for (const auto& [name, label] : v.nearest) {
      near.push_back(label.empty() ? name : fmt::format("{} ({})", name, label));
    }
    return near.empty() ? "not in the file" : "not in the file; nearest: " + Join(near, ", ");
  }
  std::string note = survey::ValuesText(v.summary, 10);
  if (!v.recipe_missing.empty()) {
    std::vector<std::string> codes;
    for (const double code : v.recipe_missing) codes.push_back(survey::FormatNumber(code));
    note += "; the recipe makes missing: " + Join(codes, ", ");
  }
  return note;
}

std::string VariablesTable(const survey::RecipeCheck& check) {
  core::TextTable table({{"variable"},
                         {"used as"},
                         {"label", core::Align::kLeft, 30},
                         {"missing", core::Align::kLeft, 24},
                         {"values", core::Align::kLeft, 70, true}});
  for (const auto& v : check.variables) {
    table.AddRow({v.name, Join(v.roles, ", "), v.found ? v.summary.label : "",
                  v.found ? survey::MissingText(v.summary) : "", VariableNote(v)});
  }
  return table.Render();
}

std::string IndicatorsTable(const survey::RecipeCheck& check) {
  core::TextTable table({{"indicator"},
                         {"name", core::Align::kLeft, 32},
                         {"universe", core::Align::kRight},
                         {"yes", core::Align::kRight},
                         {"no", core::Align::kRight},
                         {"no answer", core::Align::kRight},
                         {"domains (smallest n)", core::Align::kLeft, 60, true}});
  for (const auto& i : check.indicators) {
    if (!i.problem.empty()) {
      table.AddRow({i.id, i.name, "", "", "", "", "cannot be computed: " + i.problem});
      continue;
    }
    std::vector<std::string> by;
    for (const auto& d : i.by) by.push_back(fmt::format("{} {} ({})", d.by, d.domains, d.smallest));
    // A mean's or a sum's numerator is a number: its answers are counted, not split yes / no.
    table.AddRow({i.id, i.name, std::to_string(i.universe),
                  i.condition ? std::to_string(i.yes) : std::to_string(i.answered) + " values",
                  i.condition ? std::to_string(i.no) : "", std::to_string(i.no_answer),
                  Join(by, ", ")});
  }
  return table.Render();
}

std::string RenderReport(const survey::RecipeCheck& check) {
  std::string out =
      fmt::format("recipe {} on {}: {} rows\n", check.recipe, Join(check.files, " + "), check.rows);
  if (!check.replicate_type.empty()) {
    out += fmt::format("design: {} replicate weights of type {} ({}..{}), df {}\n",
                       check.replicate_columns.size(), check.replicate_type,
                       check.replicate_columns.front(), check.replicate_columns.back(),
                       survey::FormatNumber(check.design_df));
  } else if (check.psus > 0) {
    out += fmt::format("design: {} strata, {} PSUs, df {}{}\n", check.strata, check.psus,
                       survey::FormatNumber(check.design_df),
                       check.lonely_strata.empty()
                           ? ""
                           : "; strata with one PSU: " + Join(check.lonely_strata, ", "));
  }
  out += "\nvariables the recipe takes from the file\n" + VariablesTable(check);
  out += "\nindicators (rows, unweighted)\n" + IndicatorsTable(check);
  if (!check.problems.empty()) out += "\nproblems\n- " + Join(check.problems, "\n- ") + "\n";
  out += check.ok() ? "\nok: every indicator can be computed\n"
                    : "\nnot ok: see the variables not in the file and the problems above\n";
  return out;
}

}  // namespace

core::Result<RecipeCheckOutput> RunRecipeCheck(const RecipeCheckRequest& request,
                                               const std::filesystem::path& data_dir,
                                               const catalogue::Catalogue& catalogue) {
  if (request.format != "table" && request.format != "json") {
    return Fail(ErrorCode::kInvalidArgument,
                "--format '" + request.format + "': expected table or json");
  }
  if (request.max_values < 1 || request.max_values > 100000) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("--values {}: expected a number from 1 to 100000", request.max_values));
  }
  INSPIRE_ASSIGN_OR_RETURN(const survey::Recipe recipe,
                           survey::LoadRecipe(request.recipe, data_dir));
  INSPIRE_ASSIGN_OR_RETURN(survey::Table table, survey::ReadSurveys(request.data));
  const auto lookup = [&](const std::string& id) -> std::optional<std::string> {
    const catalogue::Indicator* indicator = catalogue.FindIndicator(id);
    return indicator != nullptr ? std::optional<std::string>(indicator->name) : std::nullopt;
  };
  const survey::RecipeCheck check =
      survey::CheckRecipe(recipe, table, request.data, lookup, request.max_values);
  RecipeCheckOutput output;
  output.ok = check.ok();
  output.text = request.format == "json" ? survey::RecipeCheckJson(check).dump(2) + "\n"
                                         : RenderReport(check);
  return output;
}

void AddRecipeCommand(CLI::App& app, const std::function<void(const RecipeCheckRequest&)>& run) {
  auto* recipe = app.add_subcommand("recipe", "Work with estimation recipes");
  recipe->require_subcommand(1);
  auto request = std::make_shared<RecipeCheckRequest>();
  auto* check = recipe->add_subcommand(
      "check",
      "Check a recipe against survey files: the variables it needs (found or not, with their "
      "values and missing codes), the design, and what each indicator would count, without "
      "estimating; exits 1 if anything is missing");
  check->add_option("DATA", request->data, "Survey file(s): .csv, .sav, .zsav or .dta")->required();
  check->add_option("--recipe", request->recipe, "Recipe YAML file, or builtin:NAME")->required();
  check->add_option("--format", request->format, "table (default) or json");
  check->add_option("--values", request->max_values,
                    "List the values of variables with at most this many (default 30)");
  check->callback([request, run] { run(*request); });
}

}  // namespace inspire::cli
