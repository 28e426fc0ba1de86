#include "cli/launcher.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <span>
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

int Launch(int argc, char** argv) {
  if (IsSurveyCommand(std::span<char* const>(argv, static_cast<size_t>(argc)))) {
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
