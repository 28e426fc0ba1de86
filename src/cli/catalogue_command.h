// `inspire catalogue ...`: lists and shows the INSPIRE package (strategies, approaches,
// indicators, countries) as a terminal table, JSON or CSV.
#ifndef INSPIRE_CLI_CATALOGUE_COMMAND_H_
#define INSPIRE_CLI_CATALOGUE_COMMAND_H_

#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"

namespace inspire::cli {

enum class OutputFormat { kTable, kJson, kCsv };

// What `catalogue <list>` should print.
struct ListRequest {
  std::string kind;      // "strategies", "cross-cutting", "approaches", "indicators", "countries"
  std::string strategy;  // --strategy: keep items of this strategy (approaches, indicators)
  std::string level;     // --level: impact | outcome | output (indicators)
  std::string status;    // --status: confirmed | provisional (indicators)
  std::string region;    // --region: WHO or UNICEF region code (countries)
  OutputFormat format = OutputFormat::kTable;
};

// The listing as text, ending in a newline. Errors: kInvalidArgument for an unknown kind, a
// filter that does not apply to the kind, or an unknown filter value (with near matches).
core::Result<std::string> RenderList(const catalogue::Catalogue& catalogue,
                                     const ListRequest& request);

// One item by id (catalogue ids, then country ISO3/ISO2/M49 codes). Errors: kNotFound naming
// the id and suggesting near matches.
core::Result<std::string> RenderShow(const catalogue::Catalogue& catalogue, const std::string& id,
                                     OutputFormat format);

// Parses "table" | "json" | "csv". Errors: kInvalidArgument.
core::Result<OutputFormat> ParseOutputFormat(const std::string& text);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_CATALOGUE_COMMAND_H_
