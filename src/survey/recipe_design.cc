#include "survey/recipe_design.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>

#include "core/yaml_fields.h"

namespace inspire::survey {
namespace {

using core::ErrorCode;
using core::Fail;
using core::YamlContext;

core::Result<double> DesignNumber(const YAML::Node& node, const YamlContext& context,
                                  std::string_view field) {
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    return Fail(ErrorCode::kValidation,
                core::Where(node, context) +
                    fmt::format("{}: '{}' is not a number", field, node.IsScalar() ? text : "..."));
  }
  return value;
}

core::Result<bool> DesignFlag(const YAML::Node& map, std::string_view key,
                              const YamlContext& context) {
  const YAML::Node node = map[std::string(key)];
  if (!node.IsDefined() || node.IsNull()) return false;
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  if (text == "true" || text == "yes") return true;
  if (text == "false" || text == "no") return false;
  return Fail(ErrorCode::kValidation,
              core::Where(node, context) + fmt::format("{}: expected true or false", key));
}

// replicates: one name or glob, or a list of names.
core::Result<std::vector<std::string>> ReplicateNames(const YAML::Node& node,
                                                      const YamlContext& context) {
  if (node.IsScalar() && !node.Scalar().empty()) return std::vector<std::string>{node.Scalar()};
  if (node.IsSequence() && node.size() > 0) {
    std::vector<std::string> names;
    for (const auto& item : node) names.push_back(item.IsScalar() ? item.Scalar() : "");
    return names;
  }
  return Fail(ErrorCode::kValidation,
              core::Where(node, context) +
                  "replicates: expected the replicate weight variables, as a pattern such as "
                  "\"repw*\" or a list of names");
}

core::Result<void> ReadReplicates(const YAML::Node& node, const YamlContext& context,
                                  DesignSpec& spec) {
  static constexpr std::array<std::string_view, 6> kReplicateKeys = {"type", "scale", "rscales",
                                                                     "rho",  "mse",   "combined"};
  if (!node["replicates"].IsDefined()) {
    for (const std::string_view key : kReplicateKeys) {
      if (node[std::string(key)].IsDefined()) {
        return Fail(ErrorCode::kValidation,
                    core::Where(node[std::string(key)], context) +
                        fmt::format("{} applies to replicate weights; add replicates: (the "
                                    "replicate weight variables) or remove it",
                                    key));
      }
    }
    return {};
  }
  ReplicateSpec replicates;
  INSPIRE_ASSIGN_OR_RETURN(replicates.columns, ReplicateNames(node["replicates"], context));
  for (const std::string& name : replicates.columns) {
    if (name.empty()) {
      return Fail(ErrorCode::kValidation, core::Where(node["replicates"], context) +
                                              "replicates: a name is empty or not text");
    }
  }
  INSPIRE_ASSIGN_OR_RETURN(const std::string type, core::OptionalString(node, "type", context));
  const auto parsed = ParseReplicateType(type);
  if (!parsed) {
    return Fail(ErrorCode::kValidation,
                core::Where(node["type"].IsDefined() ? node["type"] : node, context) +
                    fmt::format("type: '{}' is not a replicate type; expected one of {}", type,
                                ReplicateTypeChoices()));
  }
  replicates.type = *parsed;
  if (node["scale"].IsDefined()) {
    INSPIRE_ASSIGN_OR_RETURN(replicates.scale, DesignNumber(node["scale"], context, "scale"));
  }
  if (node["rho"].IsDefined()) {
    INSPIRE_ASSIGN_OR_RETURN(replicates.rho, DesignNumber(node["rho"], context, "rho"));
  }
  const YAML::Node rscales = node["rscales"];
  if (rscales.IsDefined() && rscales.IsSequence()) {
    for (const auto& item : rscales) {
      INSPIRE_ASSIGN_OR_RETURN(const double value, DesignNumber(item, context, "rscales"));
      replicates.rscales.push_back(value);
    }
  } else if (rscales.IsDefined()) {
    INSPIRE_ASSIGN_OR_RETURN(const double value, DesignNumber(rscales, context, "rscales"));
    replicates.rscales.push_back(value);
  }
  INSPIRE_ASSIGN_OR_RETURN(replicates.mse, DesignFlag(node, "mse", context));
  replicates.combined = true;
  if (node["combined"].IsDefined()) {
    INSPIRE_ASSIGN_OR_RETURN(replicates.combined, DesignFlag(node, "combined", context));
  }
  if (!spec.strata.empty() || !spec.psu.empty()) {
    return Fail(ErrorCode::kValidation,
                core::Where(node["replicates"], context) +
                    "a design has either replicates or strata and psu, not both");
  }
  spec.replicates = std::move(replicates);
  return {};
}

}  // namespace

core::Result<DesignSpec> ParseDesignSpec(const YAML::Node& root, const std::string& file) {
  const YamlContext context{file, "design"};
  const YAML::Node node = root["design"];
  if (!node.IsDefined() || !node.IsMap()) {
    return Fail(ErrorCode::kValidation,
                core::Where(root, {file, ""}) +
                    "field 'design' is required: a mapping with weight (and strata, psu)");
  }
  static constexpr std::array<std::string_view, 11> kKeys = {
      "weight", "strata",  "psu", "df",  "replicates", "type",
      "scale",  "rscales", "rho", "mse", "combined"};
  INSPIRE_RETURN_IF_ERROR(core::CheckKeys(node, kKeys, context));
  DesignSpec spec;
  INSPIRE_ASSIGN_OR_RETURN(spec.weight, core::RequiredString(node, "weight", context));
  INSPIRE_ASSIGN_OR_RETURN(spec.strata, core::OptionalString(node, "strata", context));
  INSPIRE_ASSIGN_OR_RETURN(spec.psu, core::OptionalString(node, "psu", context));
  INSPIRE_RETURN_IF_ERROR(ReadReplicates(node, context, spec));
  INSPIRE_ASSIGN_OR_RETURN(const std::string df, core::OptionalString(node, "df", context));
  if (df.empty()) return spec;
  spec.df = ParseDfRule(df);
  if (!spec.df) {
    return Fail(ErrorCode::kValidation,
                core::Where(node["df"], {file, "design.df"}) +
                    fmt::format("'{}' is not a df rule; expected domain, universe or design", df));
  }
  return spec;
}

}  // namespace inspire::survey
