// Typed, checked access to fields of YAML mappings (yaml-cpp), for the catalogue and recipes.
// Every error names the file, the line, the record and the field, and says what was expected:
//   "data/catalogue/indicators.yaml:42: indicator '1.1': field 'level' must be one of impact,
//    outcome, output (got 'impakt')".
#ifndef INSPIRE_CORE_YAML_FIELDS_H_
#define INSPIRE_CORE_YAML_FIELDS_H_

#include <yaml-cpp/yaml.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace inspire::core {

// Where a YAML node lives, for messages: the file name and a description of the record.
struct YamlContext {
  std::string file;    // as the user named it
  std::string record;  // "indicator '1.1'", "approach #3", "" for the top level
};

// Parses `text` (the contents of `file`) into a YAML document. Errors: kParse with the line and
// column of the syntax error, or of the first place nested deeper than 64 levels.
Result<YAML::Node> ParseYaml(std::string_view text, const std::string& file);

// "file:line: record: " prefix for a message about `node` (line is 1-based; omitted if unknown).
std::string Where(const YAML::Node& node, const YamlContext& context);

// Fails with kValidation if `map` is not a mapping, or has a key outside `allowed` (the message
// suggests the nearest allowed key, which catches typos such as 'strategy_id' for 'strategy_ids').
Result<void> CheckKeys(const YAML::Node& map, std::span<const std::string_view> allowed,
                       const YamlContext& context);

// The scalar text of map[key]. Errors: kValidation if the field is missing, null, not a scalar,
// or (when `allow_empty` is false) empty.
Result<std::string> RequiredString(const YAML::Node& map, std::string_view key,
                                   const YamlContext& context, bool allow_empty = false);

// Like RequiredString, but a missing or null field gives `fallback`.
Result<std::string> OptionalString(const YAML::Node& map, std::string_view key,
                                   const YamlContext& context, std::string fallback = "");

// map[key] as an integer; missing or null gives nullopt. Errors: kValidation if not an integer.
Result<std::optional<long long>> OptionalInteger(const YAML::Node& map, std::string_view key,
                                                 const YamlContext& context);

// map[key] as a sequence of non-empty scalars; missing or null gives an empty list.
Result<std::vector<std::string>> StringList(const YAML::Node& map, std::string_view key,
                                            const YamlContext& context);

// RequiredString restricted to `allowed` values.
Result<std::string> OneOf(const YAML::Node& map, std::string_view key,
                          std::span<const std::string_view> allowed, const YamlContext& context);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_YAML_FIELDS_H_
