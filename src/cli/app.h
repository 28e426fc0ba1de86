// The `inspire` command line: global options, subcommands, and how errors reach the user.
#ifndef INSPIRE_CLI_APP_H_
#define INSPIRE_CLI_APP_H_

namespace inspire::cli {

// Exit codes: 0 success; 1 the command failed (bad input, missing id, ...: message on stderr);
// 2 the command line itself was wrong (unknown flag, missing argument).
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Runs the program with the process's arguments; returns the exit code.
int Run(int argc, char** argv);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_APP_H_
