// What the `inspire` binary does with its command line: runs a survey command itself, and hands
// everything else (the hub's commands, --help, --version, a mistyped command) to `inspire-hub`,
// the binary beside it that holds every command (docs/DESIGN.md, "Two binaries").
#ifndef INSPIRE_CLI_LAUNCHER_H_
#define INSPIRE_CLI_LAUNCHER_H_

#include <filesystem>

#include "core/error.h"

namespace inspire::cli {

// The file name of the binary with every command, looked for beside the running one.
inline constexpr const char* kHubBinaryName = "inspire-hub";

// The path of `inspire-hub` beside the running binary, or why it cannot be found.
core::Result<std::filesystem::path> HubBinary();

// Runs the process's command line: returns the survey command's exit code, or replaces the
// process with `inspire-hub` (same arguments, same process id) and returns only if that fails,
// with kExitFailure and a message naming the path.
int Launch(int argc, char** argv);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_LAUNCHER_H_
