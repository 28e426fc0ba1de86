#include "cli/data_dir.h"

#include <cstdlib>
#include <vector>

namespace inspire::cli {
namespace {

bool HoldsCatalogue(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "catalogue" / "strategies.yaml", ec);
}

std::filesystem::path BinaryDir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::current_path(ec) : exe.parent_path();
}

}  // namespace

core::Result<std::filesystem::path> FindDataDir(const std::optional<std::filesystem::path>& flag) {
  const auto explicit_dir = [](const std::filesystem::path& dir,
                               const std::string& origin) -> core::Result<std::filesystem::path> {
    if (HoldsCatalogue(dir)) return dir;
    return core::Fail(core::ErrorCode::kNotFound,
                      origin + " '" + dir.string() +
                          "' does not hold catalogue/strategies.yaml (expected the data/ folder "
                          "of INSPIRE Hub)");
  };
  if (flag) return explicit_dir(*flag, "--data-dir");
  if (const char* env = std::getenv("INSPIRE_DATA_DIR"); env != nullptr && *env != '\0') {
    return explicit_dir(env, "INSPIRE_DATA_DIR");
  }
  const auto bin = BinaryDir();
  const std::vector<std::filesystem::path> candidates = {bin / ".." / "share" / "inspire" / "data",
                                                         bin / ".." / "data", bin / "data"};
  std::string tried;
  for (const auto& candidate : candidates) {
    if (HoldsCatalogue(candidate)) return std::filesystem::weakly_canonical(candidate);
    tried += "\n  " + candidate.lexically_normal().string();
  }
  return core::Fail(core::ErrorCode::kNotFound,
                    "cannot find the data directory; pass --data-dir or set INSPIRE_DATA_DIR. "
                    "Tried:" +
                        tried);
}

}  // namespace inspire::cli
