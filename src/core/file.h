// Whole-file reads with errors as values.
#ifndef INSPIRE_CORE_FILE_H_
#define INSPIRE_CORE_FILE_H_

#include <filesystem>
#include <string>

#include "core/error.h"

namespace inspire::core {

// The bytes of `path`. Errors: kNotFound if it does not exist, kInvalidArgument if it is a
// directory, kIo if it cannot be read. Messages name the path.
Result<std::string> ReadFile(const std::filesystem::path& path);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_FILE_H_
