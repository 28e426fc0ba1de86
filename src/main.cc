// The `inspire` binary: wires the command line; all work happens in the modules under src/.
#include "cli/app.h"

int main(int argc, char** argv) { return inspire::cli::Run(argc, argv); }
