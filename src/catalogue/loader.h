// Reads the catalogue from data files and validates it. Layout under the data directory:
//   catalogue/strategies.yaml   strategies and cross-cutting activities
//   catalogue/approaches.yaml   approaches
//   catalogue/indicators.yaml   core indicators (confirmed and provisional)
//   catalogue/laws.yaml         kinds of law that implementation rounds answer for
//   catalogue/national/*.yaml   catalogue extensions: national indicators, loaded in name order
//   countries/countries.yaml    countries with their codes and classifications
#ifndef INSPIRE_CATALOGUE_LOADER_H_
#define INSPIRE_CATALOGUE_LOADER_H_

#include <filesystem>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"

namespace inspire::catalogue {

struct LoadOptions {
  std::filesystem::path data_dir;
  // Further extension files (national indicators), loaded after those in catalogue/national/.
  std::vector<std::filesystem::path> extension_files;
};

// Loads and validates everything. Errors: kNotFound for a missing file; kParse for broken YAML;
// kValidation for a field or link that breaks a rule (ValidateCatalogue). Every message names the
// file and, where known, the line, the record and the field. Nothing is partially loaded.
core::Result<Catalogue> LoadCatalogue(const LoadOptions& options);

// The catalogue's indicators alone: catalogue/indicators.yaml, then the national folder's and
// `options.extension_files`' indicators, each read and checked field by field as LoadCatalogue
// does, but not against the rest of the catalogue (strategies, approaches, countries). For
// commands that only name indicators (`estimate`): a fifth of the work of LoadCatalogue.
// Errors: as LoadCatalogue's for these files.
core::Result<std::vector<Indicator>> LoadIndicators(const LoadOptions& options);

// Reads one extension file into `data` (which must already hold the core catalogue).
// Errors as LoadCatalogue. Exposed for tests.
core::Result<void> LoadExtension(const std::filesystem::path& file, CatalogueData& data);

// Parses the text of an extension file named `file` (for messages) and appends its indicators
// to `data`; on error `data` is unchanged. Errors: kParse, kValidation. Used by the fuzzer.
core::Result<void> ReadExtension(std::string_view text, const std::string& file,
                                 CatalogueData& data);

}  // namespace inspire::catalogue

#endif  // INSPIRE_CATALOGUE_LOADER_H_
