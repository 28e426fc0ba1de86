#include "core/file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace inspire::core {

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Fail(ErrorCode::kNotFound, path.string() + ": no such file");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return Fail(ErrorCode::kInvalidArgument, path.string() + ": is a directory, expected a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(ErrorCode::kIo, path.string() + ": cannot open: " + std::strerror(errno));
  }
  // Read straight into a string of the file's size (one copy), then pick up anything a growing
  // file added meanwhile.
  std::string contents;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) {
    contents.resize(size);
    in.read(contents.data(), static_cast<std::streamsize>(size));
    contents.resize(static_cast<size_t>(in.gcount()));
  }
  if (in) {
    std::ostringstream rest;
    rest << in.rdbuf();
    contents += rest.str();
  }
  if (in.bad()) return Fail(ErrorCode::kIo, path.string() + ": read failed");
  return contents;
}

std::filesystem::path TemporarySibling(const std::filesystem::path& path) {
  auto name = path.filename().string();
  return path.parent_path() / ("." + name + ".tmp-" + std::to_string(::getpid()));
}

Result<void> RenameInto(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::error_code ec;
  std::filesystem::rename(from, to, ec);
  if (ec) {
    std::filesystem::remove(from, ec);
    return Fail(ErrorCode::kIo, to.string() + ": cannot write: " + ec.message());
  }
  return {};
}

Result<void> WriteFileAtomically(const std::filesystem::path& path, std::string_view contents) {
  const auto temporary = TemporarySibling(path);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      return Fail(ErrorCode::kIo, path.string() + ": cannot write: " + std::strerror(errno));
    }
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(temporary, ec);
      return Fail(ErrorCode::kIo, path.string() + ": write failed");
    }
  }
  return RenameInto(temporary, path);
}

}  // namespace inspire::core
