// `inspire replicate DATA... --recipe R --type JKn|JK1|bootstrap --out FILE`: a public-use copy
// of a survey file without its strata and PSU variables and with replicate weights in their
// place (survey/replicate_make.h), and the recipe design block that analyses it.
#ifndef INSPIRE_CLI_REPLICATE_COMMAND_H_
#define INSPIRE_CLI_REPLICATE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"

namespace inspire::cli {

struct ReplicateRequest {
  std::vector<std::string> data;  // one file, or several of one survey to stack
  std::string recipe;             // a path or builtin:NAME; its design gives strata and PSUs
  std::string type = "JKn";       // JKn, JK1 or bootstrap
  size_t replicates = 200;        // bootstrap only
  uint64_t seed = 1;              // bootstrap only
  std::string lonely_psu = "fail";
  std::string prefix = "repw";
  std::string out;         // .csv, .sav or .dta
  std::string design_out;  // empty: next to `out`, its stem + ".design.yaml"
};

// Writes the public-use file and the design block; returns the report for the terminal.
// SPSS user-missing codes are kept with their declarations. Errors (nothing written): a bad
// --type, --lonely-psu or --out extension, an unreadable recipe or data file, a design that
// already has replicate weights or cannot give them (survey/replicate_make.h).
core::Result<std::string> RunReplicate(const ReplicateRequest& request,
                                       const std::filesystem::path& data_dir);

// Adds `replicate`; `run` is called with the parsed request.
void AddReplicateCommand(CLI::App& app, const std::function<void(const ReplicateRequest&)>& run);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_REPLICATE_COMMAND_H_
