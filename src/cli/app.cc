#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/hub_commands.h"
#include "cli/survey_commands.h"

namespace inspire::cli {

int Run(int argc, char** argv) {
  CLI::App app{
      "INSPIRE Hub: indicators, coordination and evidence for ending violence against "
      "children"};
  GlobalOptions options;
  AddGlobalOptions(app, options);
  int exit_code = 0;
  AddSurveyCommands(app, options, exit_code);
  AddHubCommands(
      app, [&] { return LoadCatalogue(options); }, [&] { return DataDir(options); }, ReportError,
      exit_code);
  return ParseAndRun(app, argc, argv, exit_code);
}

}  // namespace inspire::cli
