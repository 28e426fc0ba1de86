// Whole-file reads with errors as values.
#ifndef INSPIRE_CORE_FILE_H_
#define INSPIRE_CORE_FILE_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"

namespace inspire::core {

// The bytes of `path`. Errors: kNotFound if it does not exist, kInvalidArgument if it is a
// directory, kIo if it cannot be read. Messages name the path.
Result<std::string> ReadFile(const std::filesystem::path& path);

// Writes `contents` to `path` through a temporary file in the same folder and a rename, so a
// reader never sees a half-written file and a failure leaves any earlier file untouched.
// Errors: kIo naming the path.
Result<void> WriteFileAtomically(const std::filesystem::path& path, std::string_view contents);

// A temporary name next to `path` for writers that need a file name (then RenameInto).
std::filesystem::path TemporarySibling(const std::filesystem::path& path);

// Renames `from` onto `to` (same folder). Errors: kIo; `from` is removed on failure.
Result<void> RenameInto(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_FILE_H_
