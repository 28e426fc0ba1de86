// `inspire inspect DATA...`: what a survey file holds (variables, types, labels, values with their
// labels and counts, missing values and the codes the file declares missing), as a terminal
// table, CSV or JSON, to write or adapt a recipe without opening SPSS or Stata.
#ifndef INSPIRE_CLI_INSPECT_COMMAND_H_
#define INSPIRE_CLI_INSPECT_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"

namespace inspire::cli {

struct InspectRequest {
  std::vector<std::string> data;       // each file is inspected on its own
  std::string format;                  // table | csv | json; empty: table on a terminal, else csv
  std::string out;                     // empty: standard output
  std::vector<std::string> variables;  // empty: every variable; else only these (exact names)
  size_t max_values = 30;              // list the values of variables with at most this many
};

// The report. Errors: kInvalidArgument for a bad --format or an unknown --variable (with the
// nearest names), and the readers' errors naming the file. Writes nothing.
core::Result<std::string> RenderInspection(const InspectRequest& request, bool terminal);

// RenderInspection, then writes it to --out (atomically) or standard output.
core::Result<void> RunInspect(const InspectRequest& request);

// Adds the subcommand; `run` is called with the parsed request.
void AddInspectCommand(CLI::App& app, const std::function<void(const InspectRequest&)>& run);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_INSPECT_COMMAND_H_
