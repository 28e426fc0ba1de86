// `inspire meta STUDIES.csv`: effect sizes and a meta-analysis of a studies file, as metafor
// computes them, with leave-one-out, subgroups and a forest plot.
#ifndef INSPIRE_CLI_META_COMMAND_H_
#define INSPIRE_CLI_META_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"

namespace inspire::cli {

struct MetaRequest {
  std::string studies;  // the CSV file
  std::string measure;  // empty: from the columns
  std::string method = "REML";
  bool knha = false;
  double level = 0.95;
  std::string format;                  // table | csv | json; empty: table on a terminal, else csv
  std::string forest;                  // an SVG file to write, if set
  std::vector<std::string> subgroups;  // descriptor columns
};

// Runs the analysis and returns what goes to standard output; writes the forest plot (whole,
// or not at all) if asked. Writes nothing on error.
core::Result<std::string> RunMeta(const MetaRequest& request);

void AddMetaCommand(CLI::App& app, const std::function<void(const MetaRequest&)>& run);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_META_COMMAND_H_
