#include "core/file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

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

Result<void> WriteThroughTemporary(const std::filesystem::path& path,
                                   const std::function<Result<void>(std::FILE*)>& write) {
  const std::filesystem::path temporary = TemporarySibling(path);
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) return Fail(ErrorCode::kIo, path.string() + ": cannot create the file");
  Result<void> written = write(file);
  if (std::fclose(file) != 0 && written) {
    written = Fail(ErrorCode::kIo, path.string() + ": cannot write the file");
  }
  if (written) return RenameInto(temporary, path);
  std::error_code ec;
  std::filesystem::remove(temporary, ec);
  return written;
}

Result<MappedFile> MappedFile::Open(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Fail(ErrorCode::kNotFound, path.string() + ": no such file");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return Fail(ErrorCode::kInvalidArgument, path.string() + ": is a directory, expected a file");
  }
  MappedFile file;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Fail(ErrorCode::kIo, path.string() + ": cannot open: " + std::strerror(errno));
  }
  struct stat info {};
  const bool regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0;
  if (regular) {
    const auto size = static_cast<size_t>(info.st_size);
    void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapping != MAP_FAILED) {
      ::madvise(mapping, size, MADV_SEQUENTIAL);
      file.mapping_ = mapping;
      file.mapped_size_ = size;
      file.view_ = std::string_view(static_cast<const char*>(mapping), size);
    }
  }
  ::close(fd);
  if (file.mapping_ == nullptr) {  // empty, a pipe, or mapping refused: read it instead
    INSPIRE_ASSIGN_OR_RETURN(file.owned_, ReadFile(path));
    file.view_ = file.owned_;
  }
  return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept { *this = std::move(other); }

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this == &other) return *this;
  if (mapping_ != nullptr) ::munmap(mapping_, mapped_size_);
  mapping_ = std::exchange(other.mapping_, nullptr);
  mapped_size_ = std::exchange(other.mapped_size_, 0);
  owned_ = std::move(other.owned_);
  view_ = mapping_ != nullptr ? other.view_ : std::string_view(owned_);
  other.owned_.clear();
  other.view_ = {};
  return *this;
}

MappedFile::~MappedFile() {
  if (mapping_ != nullptr) ::munmap(mapping_, mapped_size_);
}

void MappedFile::Release(const char* begin, const char* end) const {
  if (mapping_ == nullptr || begin >= end) return;
  static const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  char* const base = static_cast<char*>(mapping_);
  if (begin < base || end > base + mapped_size_) return;
  // Whole pages inside [begin, end) only (the mapping starts on a page boundary).
  const size_t first = (static_cast<size_t>(begin - base) + page - 1) / page * page;
  const size_t last = static_cast<size_t>(end - base) / page * page;
  if (first >= last) return;
  ::madvise(base + first, last - first, MADV_DONTNEED);
}

void MappedFile::Populate(const char* begin, const char* end) const {
#ifdef MADV_POPULATE_READ
  if (mapping_ == nullptr || begin >= end) return;
  static const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  char* const base = static_cast<char*>(mapping_);
  if (begin < base || end > base + mapped_size_) return;
  const size_t first = static_cast<size_t>(begin - base) / page * page;
  const size_t last = static_cast<size_t>(end - base);
  ::madvise(base + first, last - first, MADV_POPULATE_READ);  // older kernels: EINVAL, no harm
#else
  (void)begin;
  (void)end;
#endif
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
