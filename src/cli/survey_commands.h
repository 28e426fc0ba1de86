// The commands that work on survey files, the catalogue and study tables (`estimate`, `inspect`,
// `recipe`, `replicate`, `meta`, `catalogue`) and the global options they share. They need none
// of the hub's libraries, so the `inspire` binary holds only these and starts in a few
// milliseconds (docs/DESIGN.md, "Two binaries"); `inspire-hub` adds the hub's commands to them.
#ifndef INSPIRE_CLI_SURVEY_COMMANDS_H_
#define INSPIRE_CLI_SURVEY_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "catalogue/loader.h"
#include "core/error.h"

namespace inspire::cli {

// Exit codes: 0 success; 1 the command failed (bad input, missing id, ...: message on stderr);
// 2 the command line itself was wrong (unknown flag, missing argument).
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// The options given before the command, shared by every command.
struct GlobalOptions {
  std::optional<std::string> data_dir;
  std::vector<std::string> catalogue_extensions;
};

// Prints "inspire: error: MESSAGE" on stderr and returns kExitFailure.
int ReportError(const core::Error& error);

// The data folder: --data-dir, or the one found next to the binary (cli/data_dir.h).
core::Result<std::filesystem::path> DataDir(const GlobalOptions& options);

// Where the catalogue is: the data folder and the --catalogue-extension files.
catalogue::LoadOptions CatalogueOptions(const GlobalOptions& options,
                                        const std::filesystem::path& data_dir);

// The catalogue of the data folder with the --catalogue-extension files added.
core::Result<catalogue::Catalogue> LoadCatalogue(const GlobalOptions& options);

// Writes `text` to stdout and returns 0, or reports its error (or a failed write) and returns
// kExitFailure.
int PrintOrFail(const core::Result<std::string>& text);

// Names the program, sets --version and declares the global options into `options`, which must
// outlive the parse.
void AddGlobalOptions(CLI::App& app, GlobalOptions& options);

// Declares the survey commands; each sets `exit_code` when it runs. `options` and `exit_code`
// must outlive the parse.
void AddSurveyCommands(CLI::App& app, const GlobalOptions& options, int& exit_code);

// Parses `app`'s command line and returns the exit code its command set, or CLI11's answer to a
// bad command line (kExitUsage) or to --help and --version (0).
int ParseAndRun(CLI::App& app, int argc, char** argv, const int& exit_code);

// True when the first word after the global options names one of the survey commands (so the
// `inspire` binary can run it itself); false for anything else, --help and --version included.
bool IsSurveyCommand(std::span<char* const> arguments);

// True when IsSurveyCommand and the command reads survey files (`estimate`, `inspect`, `recipe`,
// `replicate`), whose arrays grow with the rows.
bool ReadsSurveyData(std::span<char* const> arguments);

// Runs a survey command with the process's arguments (argv[0] is the program); returns the exit
// code.
int RunSurvey(int argc, char** argv);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_SURVEY_COMMANDS_H_
