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

// glibc's heap settings for the commands that read survey files: the heap asks the kernel for
// 2 MB pages (transparent huge pages, where the system gives them on request: Debian's default),
// keeps large arrays in it instead of a mapping of their own each, grows 32 MB at a time and
// keeps what is freed for the next array instead of handing it back. Filling a column, a table's
// worth of domain indices or a copy touches fresh memory, and on a virtual machine each fresh
// 4 kB page costs 5-10 us to fault in: a 200,000-row estimate took 5,500 faults, about 40 ms of
// its CPU time, and takes 300-500 this way (docs/DESIGN.md, "Two binaries").
inline constexpr const char* kLargePageHeapTunables =
    "glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=4294967296:"
    "glibc.malloc.trim_threshold=4294967296:glibc.malloc.top_pad=33554432";

// Starts the process again (same arguments, same process id) with kLargePageHeapTunables added
// to GLIBC_TUNABLES, which glibc reads only at start. Returns, changing nothing, when the
// variable already sets glibc.malloc.hugetlb (the restarted process, or a user's own choice) or
// the restart fails.
void RestartWithLargePageHeap(char** argv);

// Runs the process's command line: returns the survey command's exit code (a command that reads
// survey files first restarts with RestartWithLargePageHeap), or replaces the process with
// `inspire-hub` (same arguments, same process id) and returns only if that fails, with
// kExitFailure and a message naming the path.
int Launch(int argc, char** argv);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_LAUNCHER_H_
