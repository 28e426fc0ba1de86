#include "cli/survey_commands.h"

#include <fmt/format.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <set>
#include <string_view>

#include "catalogue/loader.h"
#include "cli/catalogue_command.h"
#include "cli/data_dir.h"
#include "cli/estimate_command.h"
#include "cli/inspect_command.h"
#include "cli/meta_command.h"
#include "cli/recipe_command.h"
#include "cli/replicate_command.h"
#include "core/version.h"

namespace inspire::cli {
namespace {

// Calls `body(data_dir, catalogue)` and returns its exit code, or reports why the data folder or
// the catalogue cannot be had.
int WithCatalogue(
    const GlobalOptions& options,
    const std::function<int(const std::filesystem::path&, const catalogue::Catalogue&)>& body) {
  const auto data_dir = DataDir(options);
  if (!data_dir) return ReportError(data_dir.error());
  const auto catalogue = LoadCatalogue(options);
  if (!catalogue) return ReportError(catalogue.error());
  return body(*data_dir, *catalogue);
}

// `inspire catalogue <kind> [filters]` and `inspire catalogue show ID`.
void AddCatalogueCommand(CLI::App& app, const GlobalOptions& options, int& exit_code) {
  auto* command = app.add_subcommand("catalogue",
                                     "List and show the INSPIRE package: strategies, "
                                     "approaches, indicators, countries");
  command->require_subcommand(1);
  auto request = std::make_shared<ListRequest>();
  auto format = std::make_shared<std::string>("table");
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"strategies", "The seven strategies"},
      {"cross-cutting", "The two cross-cutting activities"},
      {"approaches", "The 25 approaches within the strategies"},
      {"indicators", "Core (and national) indicators with their metadata"},
      {"countries", "Countries with ISO and M49 codes, regions and income group"}};
  for (const auto& [kind, description] : kinds) {
    auto* list = command->add_subcommand(kind, description);
    list->add_option("--strategy", request->strategy, "Only items of this strategy (e.g. P4)");
    list->add_option("--level", request->level, "Indicators of this level: impact|outcome|output");
    list->add_option("--status", request->status,
                     "Indicators with this status: confirmed|provisional");
    list->add_option("--region", request->region, "Countries in this WHO or UNICEF region");
    list->add_option("--format", *format, "table (default), json or csv");
    list->callback([&, request, format, kind = kind] {
      request->kind = kind;
      auto parsed = ParseOutputFormat(*format);
      if (!parsed) {
        exit_code = ReportError(parsed.error());
        return;
      }
      request->format = *parsed;
      auto loaded = LoadCatalogue(options);
      exit_code = loaded ? PrintOrFail(RenderList(*loaded, *request)) : ReportError(loaded.error());
    });
  }
  auto* show = command->add_subcommand("show", "Show one strategy, approach, indicator or country");
  auto id = std::make_shared<std::string>();
  show->add_option("ID", *id, "An id such as P4, P4.2, 1.1 or a country code such as KEN")
      ->required();
  show->add_option("--format", *format, "table (default), json or csv");
  show->callback([&, id, format] {
    auto parsed = ParseOutputFormat(*format);
    if (!parsed) {
      exit_code = ReportError(parsed.error());
      return;
    }
    auto loaded = LoadCatalogue(options);
    exit_code =
        loaded ? PrintOrFail(RenderShow(*loaded, *id, *parsed)) : ReportError(loaded.error());
  });
}

// The global options that take a value (each may also be written --name=value).
constexpr std::string_view kValueOptions[] = {"--data-dir", "--catalogue-extension"};

bool TakesValue(std::string_view argument) {
  for (const auto name : kValueOptions) {
    if (argument == name) return true;
  }
  return false;
}

// The first word after the global options, or "" when there is none or it is an option.
std::string_view CommandWord(std::span<char* const> arguments) {
  for (size_t i = 1; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    if (TakesValue(argument)) {
      ++i;
      continue;
    }
    if (argument.starts_with("--data-dir=") || argument.starts_with("--catalogue-extension=")) {
      continue;
    }
    return argument.starts_with('-') ? std::string_view() : argument;
  }
  return {};
}

}  // namespace

bool IsSurveyCommand(std::span<char* const> arguments) {
  static const std::set<std::string_view> kCommands = {"catalogue", "estimate",  "inspect",
                                                       "recipe",    "replicate", "meta"};
  return kCommands.contains(CommandWord(arguments));
}

bool ReadsSurveyData(std::span<char* const> arguments) {
  static const std::set<std::string_view> kCommands = {"estimate", "inspect", "recipe",
                                                       "replicate"};
  return kCommands.contains(CommandWord(arguments));
}

int ReportError(const core::Error& error) {
  std::fprintf(stderr, "inspire: error: %s\n", error.message.c_str());
  return kExitFailure;
}

core::Result<std::filesystem::path> DataDir(const GlobalOptions& options) {
  std::optional<std::filesystem::path> flag;
  if (options.data_dir) flag = *options.data_dir;
  return FindDataDir(flag);
}

catalogue::LoadOptions CatalogueOptions(const GlobalOptions& options,
                                        const std::filesystem::path& data_dir) {
  catalogue::LoadOptions load{data_dir, {}};
  for (const auto& file : options.catalogue_extensions) load.extension_files.emplace_back(file);
  return load;
}

core::Result<catalogue::Catalogue> LoadCatalogue(const GlobalOptions& options) {
  INSPIRE_ASSIGN_OR_RETURN(const auto data_dir, DataDir(options));
  return catalogue::LoadCatalogue(CatalogueOptions(options, data_dir));
}

int PrintOrFail(const core::Result<std::string>& text) {
  if (!text) return ReportError(text.error());
  std::fwrite(text->data(), 1, text->size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : kExitFailure;
}

void AddGlobalOptions(CLI::App& app, GlobalOptions& options) {
  app.name("inspire");
  app.set_version_flag("--version", std::string(core::kVersion));
  app.require_subcommand(1);
  app.add_option("--data-dir", options.data_dir,
                 "Folder with the catalogue and country data (default: found next to the binary)");
  app.add_option("--catalogue-extension", options.catalogue_extensions,
                 "YAML file of national indicators to add to the catalogue (repeatable)");
}

void AddSurveyCommands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
  AddCatalogueCommand(app, options, exit_code);
  AddEstimateCommand(app, [&](const EstimateRequest& request) {
    const auto data_dir = DataDir(options);
    if (!data_dir) {
      exit_code = ReportError(data_dir.error());
      return;
    }
    const IndicatorNames names(CatalogueOptions(options, *data_dir));
    const auto done = RunEstimate(request, *data_dir, names);
    exit_code = done ? 0 : ReportError(done.error());
  });
  AddInspectCommand(app, [&](const InspectRequest& request) {
    const auto done = RunInspect(request);
    exit_code = done ? 0 : ReportError(done.error());
  });
  AddRecipeCommand(app, [&](const RecipeCheckRequest& request) {
    exit_code = WithCatalogue(options, [&](const auto& data_dir, const auto& catalogue) {
      const auto checked = RunRecipeCheck(request, data_dir, catalogue);
      if (!checked) return ReportError(checked.error());
      const int printed = PrintOrFail(checked->text);
      return printed == 0 && !checked->ok ? kExitFailure : printed;
    });
  });
  AddReplicateCommand(app, [&](const ReplicateRequest& request) {
    const auto data_dir = DataDir(options);
    exit_code =
        data_dir ? PrintOrFail(RunReplicate(request, *data_dir)) : ReportError(data_dir.error());
  });
  AddMetaCommand(app,
                 [&](const MetaRequest& request) { exit_code = PrintOrFail(RunMeta(request)); });
}

int ParseAndRun(CLI::App& app, int argc, char** argv, const int& exit_code) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  return exit_code;
}

int RunSurvey(int argc, char** argv) {
  CLI::App app{"INSPIRE Hub: survey indicators, the catalogue and meta-analysis"};
  GlobalOptions options;
  AddGlobalOptions(app, options);
  int exit_code = 0;
  AddSurveyCommands(app, options, exit_code);
  return ParseAndRun(app, argc, argv, exit_code);
}

}  // namespace inspire::cli
