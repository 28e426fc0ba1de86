// Whole-file reads with errors as values.
#ifndef INSPIRE_CORE_FILE_H_
#define INSPIRE_CORE_FILE_H_

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace inspire::core {

// The bytes of `path`. Errors: kNotFound if it does not exist, kInvalidArgument if it is a
// directory, kIo if it cannot be read. Messages name the path.
Result<std::string> ReadFile(const std::filesystem::path& path);

// A file's bytes mapped read-only into memory (or read, for pipes and other files that cannot be
// mapped). Pages are read from disk as they are touched, so a large survey file is never copied,
// and Release() lets the kernel drop pages already parsed, keeping peak memory near the size of
// the parsed columns rather than of the file. The file must not shrink while mapped.
class MappedFile {
 public:
  // Errors as ReadFile.
  static Result<MappedFile> Open(const std::filesystem::path& path);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view view() const { return view_; }
  // Hints that bytes [begin, end) of view() will not be needed again soon; reading them later
  // still works (they are read back from the file).
  void Release(const char* begin, const char* end) const;
  // Maps the pages of [begin, end) of view() in one call (MADV_POPULATE_READ, Linux 5.14 and
  // later; elsewhere nothing) instead of a page fault per few pages as they are first read.
  // Threads may call it on their own stretches at once.
  void Populate(const char* begin, const char* end) const;

 private:
  void* mapping_ = nullptr;
  size_t mapped_size_ = 0;
  std::string owned_;  // contents of a file that could not be mapped
  std::string_view view_;
};

// Writes `contents` to `path` through a temporary file in the same folder and a rename, so a
// reader never sees a half-written file and a failure leaves any earlier file untouched.
// Errors: kIo naming the path.
Result<void> WriteFileAtomically(const std::filesystem::path& path, std::string_view contents);

// A temporary name next to `path` for writers that need a file name (then RenameInto).
std::filesystem::path TemporarySibling(const std::filesystem::path& path);

// Renames `from` onto `to` (same folder). Errors: kIo; `from` is removed on failure.
Result<void> RenameInto(const std::filesystem::path& from, const std::filesystem::path& to);

// Writes `path` through a temporary sibling opened as a stdio stream for `write`, then renames it
// onto `path`. If `write` fails, or closing the stream does (a full disk), the temporary is
// removed and any earlier file at `path` stays as it was. Errors: `write`'s own; kIo naming the
// path when the file cannot be created, closed or renamed.
Result<void> WriteThroughTemporary(const std::filesystem::path& path,
                                   const std::function<Result<void>(std::FILE*)>& write);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_FILE_H_
