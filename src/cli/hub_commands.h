// `inspire serve`, `inspire user add|token` and `inspire db migrate`: the hub's commands.
#ifndef INSPIRE_CLI_HUB_COMMANDS_H_
#define INSPIRE_CLI_HUB_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>

#include "catalogue/catalogue.h"
#include "core/error.h"

namespace inspire::cli {

// The hub commands; `catalogue` loads the catalogue when a command needs it, `report` prints an
// error and gives the exit code.
void AddHubCommands(CLI::App& app,
                    const std::function<core::Result<catalogue::Catalogue>()>& catalogue,
                    const std::function<core::Result<std::filesystem::path>()>& data_dir,
                    const std::function<int(const core::Error&)>& report, int& exit_code);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_HUB_COMMANDS_H_
