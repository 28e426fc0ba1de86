// Finds the directory that holds the shipped reference data (catalogue, countries, recipes).
#ifndef INSPIRE_CLI_DATA_DIR_H_
#define INSPIRE_CLI_DATA_DIR_H_

#include <filesystem>
#include <optional>

#include "core/error.h"

namespace inspire::cli {

// The first of: `flag` (from --data-dir); $INSPIRE_DATA_DIR; <binary dir>/../share/inspire/data
// (installed); <binary dir>/../data and <binary dir>/data (a build tree inside the source tree).
// A candidate counts if it holds catalogue/strategies.yaml. Errors: kNotFound listing the places
// tried, or naming the flag/variable whose directory lacks the catalogue.
core::Result<std::filesystem::path> FindDataDir(const std::optional<std::filesystem::path>& flag);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_DATA_DIR_H_
