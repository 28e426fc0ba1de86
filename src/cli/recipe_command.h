// `inspire recipe check DATA... --recipe R`: what a recipe needs from the files and what it would
// get (survey/recipe_check.h), as a terminal report or JSON, before any estimate is made.
#ifndef INSPIRE_CLI_RECIPE_COMMAND_H_
#define INSPIRE_CLI_RECIPE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"

namespace inspire::cli {

struct RecipeCheckRequest {
  std::vector<std::string> data;  // one file, or several of one survey to stack
  std::string recipe;             // a path or builtin:NAME
  std::string format = "table";   // table | json
  size_t max_values = 30;
};

struct RecipeCheckOutput {
  std::string text;  // the report
  bool ok = false;   // every variable found and every indicator computable
};

// The report. Errors (nothing reported): a bad --format or --values, an unreadable recipe or
// data file. Problems the recipe has with the files are in the report, not errors.
core::Result<RecipeCheckOutput> RunRecipeCheck(const RecipeCheckRequest& request,
                                               const std::filesystem::path& data_dir,
                                               const catalogue::Catalogue& catalogue);

// Adds `recipe check`; `run` is called with the parsed request.
void AddRecipeCommand(CLI::App& app, const std::function<void(const RecipeCheckRequest&)>& run);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_RECIPE_COMMAND_H_
