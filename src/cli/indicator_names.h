// The catalogue's indicator names for `estimate`, read on another thread while the survey file is
// read: the estimate needs them only when it labels its rows, and reading the catalogue's YAML
// takes as long as reading a 100,000-row file.
#ifndef INSPIRE_CLI_INDICATOR_NAMES_H_
#define INSPIRE_CLI_INDICATOR_NAMES_H_

#include <future>
#include <optional>
#include <string>
#include <unordered_map>

#include "catalogue/loader.h"
#include "core/error.h"

namespace inspire::cli {

class IndicatorNames {
 public:
  // Starts reading the indicators of the catalogue `options` describes
  // (catalogue::LoadIndicators) on another thread.
  explicit IndicatorNames(catalogue::LoadOptions options);

  // The name of catalogue indicator `id`; nothing when there is no such indicator or the
  // catalogue could not be read (Status says why). Waits for the read; safe from any thread.
  std::optional<std::string> NameOf(const std::string& id) const;

  // Whether the catalogue could be read, with its error if not. Waits for the read.
  core::Result<void> Status() const;

 private:
  using Names = std::unordered_map<std::string, std::string>;
  std::shared_future<core::Result<Names>> names_;
};

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_INDICATOR_NAMES_H_
