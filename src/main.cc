// The `inspire` binary: runs the survey commands itself and hands the hub's to `inspire-hub`
// (cli/launcher.h), so a survey command loads none of the hub's libraries.
#include "cli/launcher.h"

int main(int argc, char** argv) { return inspire::cli::Launch(argc, argv); }
