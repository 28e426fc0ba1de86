// SHA-256 digests (Nettle) for provenance, the hash of an input file or recipe, and for the
// hub's tokens and library files.
#ifndef INSPIRE_CORE_SHA256_H_
#define INSPIRE_CORE_SHA256_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"

namespace inspire::core {

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Lower-case hex SHA-256 of a file's contents, read in blocks. Errors: kNotFound, kIo, naming
// the path.
Result<std::string> Sha256File(const std::filesystem::path& path);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_SHA256_H_
