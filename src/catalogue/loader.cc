#include "catalogue/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "catalogue/validate.h"
#include "core/file.h"
#include "core/yaml_fields.h"

namespace inspire::catalogue {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::YamlContext;

constexpr long long kSupportedVersion = 1;

// Parses a data file's text and checks `version` and the top-level keys.
Result<YAML::Node> CheckedRoot(std::string_view text, const std::string& file,
                               std::span<const std::string_view> top_level_keys) {
  INSPIRE_ASSIGN_OR_RETURN(YAML::Node root, core::ParseYaml(text, file));
  const YamlContext context{file, ""};
  if (!root.IsMap()) {
    return Fail(ErrorCode::kValidation, file + ": expected a mapping at the top level");
  }
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(root, top_level_keys, context));
  INSPIRE_ASSIGN_OR_RETURN(auto version, core::OptionalInteger(root, "version", context));
  if (version.value_or(0) != kSupportedVersion) {
    return Fail(ErrorCode::kValidation,
                core::Where(root["version"], context) +
                    fmt::format("field 'version' must be {} (this build reads version {} files)",
                                kSupportedVersion, kSupportedVersion));
  }
  return root;
}

// Reads a data file and checks it as CheckedRoot does.
Result<YAML::Node> OpenDataFile(const std::filesystem::path& path,
                                std::span<const std::string_view> top_level_keys) {
  INSPIRE_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(path));
  return CheckedRoot(text, path.string(), top_level_keys);
}

// Calls `read(item, context)` for each element of root[key], which must be a list.
template <typename ReadItem>
Result<void> ForEach(const YAML::Node& root, std::string_view key, const std::string& file,
                     std::string_view kind, ReadItem read) {
  const YAML::Node list = root[std::string(key)];
  if (!list.IsDefined() || !list.IsSequence()) {
    return Fail(ErrorCode::kValidation,
                core::Where(root, {file, ""}) + fmt::format("field '{}' must be a list", key));
  }
  size_t position = 0;
  for (const auto& item : list) {
    ++position;
    YamlContext context{file, fmt::format("{} #{}", kind, position)};
    for (const char* id_key : {"id", "iso3"}) {
      if (item.IsMap() && item[id_key].IsDefined() && item[id_key].IsScalar()) {
        context.record = fmt::format("{} '{}'", kind, item[id_key].Scalar());
        break;
      }
    }
    INSPIRE_RETURN_IF_ERROR(read(item, context));
  }
  return {};
}

Result<Strategy> ReadStrategy(const YAML::Node& node, const YamlContext& context) {
  static constexpr std::array<std::string_view, 6> kKeys = {"id",   "letter",  "position",
                                                            "name", "summary", "sectors"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(node, kKeys, context));
  Strategy s;
  INSPIRE_ASSIGN_OR_RETURN(s.id, core::RequiredString(node, "id", context));
  INSPIRE_ASSIGN_OR_RETURN(s.letter, core::RequiredString(node, "letter", context));
  INSPIRE_ASSIGN_OR_RETURN(auto position, core::OptionalInteger(node, "position", context));
  if (!position || *position < 1 || *position > 7) {
    return Fail(ErrorCode::kValidation,
                core::Where(node, context) + "field 'position' must be a number from 1 to 7");
  }
  s.position = static_cast<int>(*position);
  INSPIRE_ASSIGN_OR_RETURN(s.name, core::RequiredString(node, "name", context));
  INSPIRE_ASSIGN_OR_RETURN(s.summary, core::RequiredString(node, "summary", context));
  INSPIRE_ASSIGN_OR_RETURN(s.sectors, core::StringList(node, "sectors", context));
  return s;
}

Result<CrossCutting> ReadCrossCutting(const YAML::Node& node, const YamlContext& context) {
  static constexpr std::array<std::string_view, 3> kKeys = {"id", "name", "summary"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(node, kKeys, context));
  CrossCutting x;
  INSPIRE_ASSIGN_OR_RETURN(x.id, core::RequiredString(node, "id", context));
  INSPIRE_ASSIGN_OR_RETURN(x.name, core::RequiredString(node, "name", context));
  INSPIRE_ASSIGN_OR_RETURN(x.summary, core::RequiredString(node, "summary", context));
  return x;
}

Result<Approach> ReadApproach(const YAML::Node& node, const YamlContext& context) {
  static constexpr std::array<std::string_view, 5> kKeys = {"id", "strategy_id", "name", "summary",
                                                            "examples"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(node, kKeys, context));
  Approach a;
  INSPIRE_ASSIGN_OR_RETURN(a.id, core::RequiredString(node, "id", context));
  INSPIRE_ASSIGN_OR_RETURN(a.strategy_id, core::RequiredString(node, "strategy_id", context));
  INSPIRE_ASSIGN_OR_RETURN(a.name, core::RequiredString(node, "name", context));
  INSPIRE_ASSIGN_OR_RETURN(a.summary, core::RequiredString(node, "summary", context));
  INSPIRE_ASSIGN_OR_RETURN(a.examples, core::StringList(node, "examples", context));
  return a;
}

Result<LawKind> ReadLawKind(const YAML::Node& node, const YamlContext& context) {
  static constexpr std::array<std::string_view, 5> kKeys = {"id", "approach_id", "name", "summary",
                                                            "partly"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(node, kKeys, context));
  LawKind law;
  INSPIRE_ASSIGN_OR_RETURN(law.id, core::RequiredString(node, "id", context));
  INSPIRE_ASSIGN_OR_RETURN(law.approach_id, core::RequiredString(node, "approach_id", context));
  INSPIRE_ASSIGN_OR_RETURN(law.name, core::RequiredString(node, "name", context));
  INSPIRE_ASSIGN_OR_RETURN(law.summary, core::RequiredString(node, "summary", context));
  INSPIRE_ASSIGN_OR_RETURN(law.partly, core::RequiredString(node, "partly", context));
  return law;
}

Result<Population> ReadPopulation(const YAML::Node& parent, const YamlContext& context) {
  static constexpr std::array<std::string_view, 4> kKeys = {"description", "age_min", "age_max",
                                                            "sex"};
  static constexpr std::array<std::string_view, 3> kSexes = {"female", "male", "both"};
  const YAML::Node node = parent["population"];
  if (!node.IsDefined() || !node.IsMap()) {
    return Fail(ErrorCode::kValidation,
                core::Where(parent, context) + "field 'population' must be a mapping");
  }
  const YamlContext inner{context.file, context.record + ": population"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(node, kKeys, inner));
  Population p;
  INSPIRE_ASSIGN_OR_RETURN(p.description, core::RequiredString(node, "description", inner));
  INSPIRE_ASSIGN_OR_RETURN(auto age_min, core::OptionalInteger(node, "age_min", inner));
  INSPIRE_ASSIGN_OR_RETURN(auto age_max, core::OptionalInteger(node, "age_max", inner));
  for (const auto& [age, key] : {std::pair{age_min, "age_min"}, std::pair{age_max, "age_max"}}) {
    if (age && (*age < 0 || *age > 120)) {
      return Fail(ErrorCode::kValidation,
                  core::Where(node, inner) + fmt::format("field '{}' must be 0-120", key));
    }
  }
  if (age_min) p.age_min = static_cast<int>(*age_min);
  if (age_max) p.age_max = static_cast<int>(*age_max);
  INSPIRE_ASSIGN_OR_RETURN(p.sex, core::OneOf(node, "sex", kSexes, inner));
  return p;
}

Result<SourceRef> ReadSource(const YAML::Node& parent, const YamlContext& context) {
  static constexpr std::array<std::string_view, 2> kKeys = {"citation", "url"};
  const YAML::Node node = parent["source"];
  if (!node.IsDefined() || !node.IsMap()) {
    return Fail(ErrorCode::kValidation,
                core::Where(parent, context) +
                    "field 'source' must be a mapping with 'citation' and 'url'");
  }
  const YamlContext inner{context.file, context.record + ": source"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(node, kKeys, inner));
  SourceRef source;
  INSPIRE_ASSIGN_OR_RETURN(source.citation, core::RequiredString(node, "citation", inner));
  INSPIRE_ASSIGN_OR_RETURN(source.url, core::OptionalString(node, "url", inner));
  return source;
}

Result<Indicator> ReadIndicator(const YAML::Node& node, const YamlContext& context) {
  static constexpr std::array<std::string_view, 17> kKeys = {
      "id",           "official_number", "status",        "level",      "domain",
      "name",         "population",      "recall_period", "unit",       "numerator",
      "denominator",  "disaggregations", "sdg",           "sdg_series", "data_sources",
      "strategy_ids", "source"};
  static constexpr std::array<std::string_view, 2> kStatuses = {"confirmed", "provisional"};
  static constexpr std::array<std::string_view, 3> kLevels = {"impact", "outcome", "output"};
  static constexpr std::array<std::string_view, 7> kRecalls = {
      "past_month", "past_30_days", "past_12_months", "before_age_18",
      "current",    "annual",       "lifetime"};
  static constexpr std::array<std::string_view, 4> kUnits = {"proportion", "rate_per_100k", "count",
                                                             "status"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(node, kKeys, context));
  Indicator i;
  INSPIRE_ASSIGN_OR_RETURN(i.id, core::RequiredString(node, "id", context));
  INSPIRE_ASSIGN_OR_RETURN(i.official_number,
                           core::OptionalString(node, "official_number", context));
  INSPIRE_ASSIGN_OR_RETURN(i.status, core::OneOf(node, "status", kStatuses, context));
  INSPIRE_ASSIGN_OR_RETURN(i.level, core::OneOf(node, "level", kLevels, context));
  INSPIRE_ASSIGN_OR_RETURN(i.domain, core::RequiredString(node, "domain", context));
  INSPIRE_ASSIGN_OR_RETURN(i.name, core::RequiredString(node, "name", context));
  INSPIRE_ASSIGN_OR_RETURN(i.population, ReadPopulation(node, context));
  INSPIRE_ASSIGN_OR_RETURN(i.recall_period, core::OneOf(node, "recall_period", kRecalls, context));
  INSPIRE_ASSIGN_OR_RETURN(i.unit, core::OneOf(node, "unit", kUnits, context));
  INSPIRE_ASSIGN_OR_RETURN(i.numerator, core::RequiredString(node, "numerator", context));
  INSPIRE_ASSIGN_OR_RETURN(i.denominator, core::RequiredString(node, "denominator", context));
  INSPIRE_ASSIGN_OR_RETURN(i.disaggregations, core::StringList(node, "disaggregations", context));
  INSPIRE_ASSIGN_OR_RETURN(i.sdg, core::StringList(node, "sdg", context));
  INSPIRE_ASSIGN_OR_RETURN(i.sdg_series, core::StringList(node, "sdg_series", context));
  INSPIRE_ASSIGN_OR_RETURN(i.data_sources, core::StringList(node, "data_sources", context));
  INSPIRE_ASSIGN_OR_RETURN(i.strategy_ids, core::StringList(node, "strategy_ids", context));
  INSPIRE_ASSIGN_OR_RETURN(i.source, ReadSource(node, context));
  return i;
}

Result<Country> ReadCountry(const YAML::Node& node, const YamlContext& context) {
  static constexpr std::array<std::string_view, 7> kKeys = {
      "iso3", "iso2", "m49", "name", "who_region", "unicef_region", "income_group"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(node, kKeys, context));
  Country c;
  INSPIRE_ASSIGN_OR_RETURN(c.iso3, core::RequiredString(node, "iso3", context));
  INSPIRE_ASSIGN_OR_RETURN(c.iso2, core::RequiredString(node, "iso2", context));
  INSPIRE_ASSIGN_OR_RETURN(c.m49, core::RequiredString(node, "m49", context));
  INSPIRE_ASSIGN_OR_RETURN(c.name, core::RequiredString(node, "name", context));
  INSPIRE_ASSIGN_OR_RETURN(c.who_region, core::OptionalString(node, "who_region", context));
  INSPIRE_ASSIGN_OR_RETURN(c.unicef_region, core::OptionalString(node, "unicef_region", context));
  INSPIRE_ASSIGN_OR_RETURN(c.income_group, core::OptionalString(node, "income_group", context));
  return c;
}

// Appends what `read` returns for each list item to `out`.
template <typename T, typename ReadFn>
Result<void> ReadList(const YAML::Node& root, std::string_view key, const std::string& file,
                      std::string_view kind, ReadFn read, std::vector<T>& out) {
  return ForEach(root, key, file, kind,
                 [&](const YAML::Node& item, const YamlContext& context) -> Result<void> {
                   INSPIRE_ASSIGN_OR_RETURN(T value, read(item, context));
                   value.location = {context.file, item.Mark().line + 1};
                   out.push_back(std::move(value));
                   return {};
                 });
}

Result<void> LoadCoreIndicators(const std::filesystem::path& dir, CatalogueData& data) {
  const auto indicators_file = dir / "catalogue" / "indicators.yaml";
  static constexpr std::array<std::string_view, 2> kIndicatorKeys = {"version", "indicators"};
  INSPIRE_ASSIGN_OR_RETURN(YAML::Node indicators, OpenDataFile(indicators_file, kIndicatorKeys));
  return ReadList(indicators, "indicators", indicators_file.string(), "indicator", ReadIndicator,
                  data.indicators);
}

Result<void> LoadCore(const std::filesystem::path& dir, CatalogueData& data) {
  const auto strategies_file = dir / "catalogue" / "strategies.yaml";
  static constexpr std::array<std::string_view, 3> kStrategyKeys = {"version", "strategies",
                                                                    "cross_cutting"};
  INSPIRE_ASSIGN_OR_RETURN(YAML::Node strategies, OpenDataFile(strategies_file, kStrategyKeys));
  INSPIRE_RETURN_IF_ERROR(ReadList(strategies, "strategies", strategies_file.string(), "strategy",
                                   ReadStrategy, data.strategies));
  INSPIRE_RETURN_IF_ERROR(ReadList(strategies, "cross_cutting", strategies_file.string(),
                                   "cross-cutting activity", ReadCrossCutting, data.cross_cutting));

  const auto approaches_file = dir / "catalogue" / "approaches.yaml";
  static constexpr std::array<std::string_view, 2> kApproachKeys = {"version", "approaches"};
  INSPIRE_ASSIGN_OR_RETURN(YAML::Node approaches, OpenDataFile(approaches_file, kApproachKeys));
  INSPIRE_RETURN_IF_ERROR(ReadList(approaches, "approaches", approaches_file.string(), "approach",
                                   ReadApproach, data.approaches));

  const auto laws_file = dir / "catalogue" / "laws.yaml";
  static constexpr std::array<std::string_view, 2> kLawKeys = {"version", "laws"};
  INSPIRE_ASSIGN_OR_RETURN(YAML::Node laws, OpenDataFile(laws_file, kLawKeys));
  INSPIRE_RETURN_IF_ERROR(
      ReadList(laws, "laws", laws_file.string(), "law", ReadLawKind, data.law_kinds));
  return LoadCoreIndicators(dir, data);
}

Result<void> LoadCountries(const std::filesystem::path& dir, CatalogueData& data) {
  const auto file = dir / "countries" / "countries.yaml";
  static constexpr std::array<std::string_view, 3> kKeys = {"version", "classification",
                                                            "countries"};
  INSPIRE_ASSIGN_OR_RETURN(YAML::Node root, OpenDataFile(file, kKeys));
  const YamlContext context{file.string(), "classification"};
  const YAML::Node classification = root["classification"];
  static constexpr std::array<std::string_view, 3> kClassKeys = {"income_group", "who_region",
                                                                 "unicef_region"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(classification, kClassKeys, context));
  auto& c = data.classifications;
  INSPIRE_ASSIGN_OR_RETURN(c.income_group,
                           core::RequiredString(classification, "income_group", context));
  INSPIRE_ASSIGN_OR_RETURN(c.who_region,
                           core::RequiredString(classification, "who_region", context));
  INSPIRE_ASSIGN_OR_RETURN(c.unicef_region,
                           core::RequiredString(classification, "unicef_region", context));
  return ReadList(root, "countries", file.string(), "country", ReadCountry, data.countries);
}

std::vector<std::filesystem::path> NationalFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator(dir / "catalogue" / "national", ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The national folder's extension files, then the options' own, in that order.
Result<void> LoadExtensions(const LoadOptions& options, CatalogueData& data) {
  std::vector<std::filesystem::path> extensions = NationalFiles(options.data_dir);
  extensions.insert(extensions.end(), options.extension_files.begin(),
                    options.extension_files.end());
  for (const auto& file : extensions) INSPIRE_RETURN_IF_ERROR(LoadExtension(file, data));
  return {};
}

}  // namespace

core::Result<void> ReadExtension(std::string_view text, const std::string& file,
                                 CatalogueData& data) {
  static constexpr std::array<std::string_view, 3> kKeys = {"version", "extension", "indicators"};
  INSPIRE_ASSIGN_OR_RETURN(YAML::Node root, CheckedRoot(text, file, kKeys));
  const YamlContext context{file, "extension"};
  const YAML::Node header = root["extension"];
  static constexpr std::array<std::string_view, 2> kHeaderKeys = {"name", "country"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(header, kHeaderKeys, context));
  INSPIRE_RETURN_IF_ERROR(core::RequiredString(header, "name", context));
  INSPIRE_ASSIGN_OR_RETURN(const std::string country,
                           core::OptionalString(header, "country", context));
  std::vector<Indicator> added;
  INSPIRE_RETURN_IF_ERROR(ReadList(root, "indicators", file, "indicator", ReadIndicator, added));
  for (auto& indicator : added) {
    indicator.origin = "national";
    indicator.country = country;
    data.indicators.push_back(std::move(indicator));
  }
  return {};
}

core::Result<void> LoadExtension(const std::filesystem::path& file, CatalogueData& data) {
  INSPIRE_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(file));
  return ReadExtension(text, file.string(), data);
}

core::Result<Catalogue> LoadCatalogue(const LoadOptions& options) {
  CatalogueData data;
  INSPIRE_RETURN_IF_ERROR(LoadCore(options.data_dir, data));
  INSPIRE_RETURN_IF_ERROR(LoadCountries(options.data_dir, data));
  INSPIRE_RETURN_IF_ERROR(LoadExtensions(options, data));
  INSPIRE_RETURN_IF_ERROR(ValidateCatalogue(data));
  return Catalogue(std::move(data));
}

core::Result<std::vector<Indicator>> LoadIndicators(const LoadOptions& options) {
  CatalogueData data;
  INSPIRE_RETURN_IF_ERROR(LoadCoreIndicators(options.data_dir, data));
  INSPIRE_RETURN_IF_ERROR(LoadExtensions(options, data));
  return std::move(data.indicators);
}

}  // namespace inspire::catalogue
