// The `inspire-hub` binary: every command, the hub's and the survey ones (cli/app.h).
#include "cli/app.h"

int main(int argc, char** argv) { return inspire::cli::Run(argc, argv); }
