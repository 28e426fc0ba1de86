// The whole command line of `inspire-hub`: the survey commands (cli/survey_commands.h) and the
// hub's (`serve`, `demo`, `user`, `db`, `publish`, `digest`, ...).
#ifndef INSPIRE_CLI_APP_H_
#define INSPIRE_CLI_APP_H_

#include "cli/survey_commands.h"

namespace inspire::cli {

// Runs the program with the process's arguments; returns the exit code (kExitFailure,
// kExitUsage as in cli/survey_commands.h).
int Run(int argc, char** argv);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_APP_H_
