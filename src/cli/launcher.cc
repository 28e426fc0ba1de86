#include "cli/launcher.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <system_error>

#include "cli/survey_commands.h"

namespace inspire::cli {

core::Result<std::filesystem::path> HubBinary() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    return core::Fail(
        core::ErrorCode::kInternal,
        fmt::format("cannot tell where this program is (/proc/self/exe: {})", error.message()));
  }
  return self.parent_path() / kHubBinaryName;
}

void RestartWithLargePageHeap(char** argv) {
  const char* const current = std::getenv("GLIBC_TUNABLES");
  const std::string before = current != nullptr ? current : "";
  if (before.find("glibc.malloc.hugetlb") != std::string::npos) return;  // set already
  const std::string tunables = before + (before.empty() ? "" : ":") + kLargePageHeapTunables;
  if (::setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // Not restarted (no /proc, say): go on with the usual heap.
  if (current != nullptr) {
    ::setenv("GLIBC_TUNABLES", before.c_str(), 1);
  } else {
    ::unsetenv("GLIBC_TUNABLES");
  }
}

int Launch(int argc, char** argv) {
  const std::span<char* const> arguments(argv, static_cast<size_t>(argc));
  if (IsSurveyCommand(arguments)) {
    if (ReadsSurveyData(arguments)) RestartWithLargePageHeap(argv);
    return RunSurvey(argc, argv);
  }
  const auto hub = HubBinary();
  if (!hub) return ReportError(hub.error());
  ::execv(hub->c_str(), argv);
  const int failure = errno;
  return ReportError(core::Error{
      core::ErrorCode::kInternal,
      fmt::format(
          "the hub's commands are in {}, which cannot be started ({}); build or install it beside "
          "this program",
          hub->string(), std::strerror(failure)),
      {},
      0});
}

}  // namespace inspire::cli
