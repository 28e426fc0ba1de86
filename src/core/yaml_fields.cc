#include "core/yaml_fields.h"

#include <fmt/format.h>

#include <charconv>

#include "core/suggest.h"

namespace inspire::core {
namespace {

constexpr int kMaxDepth = 64;

// yaml-cpp recurses while building nodes; a hostile file could nest deeply enough to matter.
// Flow and block nesting both show up as bracket or indentation depth, so count both cheaply.
std::optional<size_t> FindExcessiveNesting(std::string_view text) {
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == '\n') {
      size_t indent = 0;
      while (i + 1 + indent < text.size() && text[i + 1 + indent] == ' ') ++indent;
      if (indent > static_cast<size_t>(kMaxDepth) * 8) return i + 1;
    }
  }
  return std::nullopt;
}

std::string JoinQuoted(std::span<const std::string_view> values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += values[i];
  }
  return out;
}

size_t LineOf(std::string_view text, size_t offset) {
  size_t line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n' ? 1 : 0;
  return line;
}

}  // namespace

Result<YAML::Node> ParseYaml(std::string_view text, const std::string& file) {
  if (auto offset = FindExcessiveNesting(text)) {
    return Fail(ErrorCode::kParse, fmt::format("{}:{}: YAML nested deeper than {} levels", file,
                                               LineOf(text, *offset), kMaxDepth));
  }
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kParse, fmt::format("{}:{}:{}: invalid YAML: {}", file, e.mark.line + 1,
                                               e.mark.column + 1, e.msg));
  }
}

std::string Where(const YAML::Node& node, const YamlContext& context) {
  std::string out = context.file;
  // A missing key yields an invalid node, whose Mark() would throw.
  if (node.IsDefined() && !node.Mark().is_null()) out += fmt::format(":{}", node.Mark().line + 1);
  out += ": ";
  if (!context.record.empty()) out += context.record + ": ";
  return out;
}

Result<void> CheckKeys(const YAML::Node& map, std::span<const std::string_view> allowed,
                       const YamlContext& context) {
  if (!map.IsMap()) return Fail(ErrorCode::kValidation, Where(map, context) + "expected a mapping");
  std::vector<std::string> allowed_strings(allowed.begin(), allowed.end());
  for (const auto& entry : map) {
    if (!entry.first.IsScalar()) {
      return Fail(ErrorCode::kValidation, Where(entry.first, context) + "keys must be plain names");
    }
    const std::string key = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const auto near = NearMatches(key, allowed_strings);
    return Fail(ErrorCode::kValidation,
                Where(entry.first, context) + fmt::format("unknown field '{}'{}; allowed: {}", key,
                                                          DidYouMean(near), JoinQuoted(allowed)));
  }
  return {};
}

Result<std::string> RequiredString(const YAML::Node& map, std::string_view key,
                                   const YamlContext& context, bool allow_empty) {
  const YAML::Node value = map[std::string(key)];
  if (!value.IsDefined() || value.IsNull()) {
    return Fail(ErrorCode::kValidation,
                Where(map, context) + fmt::format("field '{}' is required", key));
  }
  if (!value.IsScalar()) {
    return Fail(ErrorCode::kValidation,
                Where(value, context) + fmt::format("field '{}' must be text", key));
  }
  if (!allow_empty && value.Scalar().empty()) {
    return Fail(ErrorCode::kValidation,
                Where(value, context) + fmt::format("field '{}' must not be empty", key));
  }
  return value.Scalar();
}

Result<std::string> OptionalString(const YAML::Node& map, std::string_view key,
                                   const YamlContext& context, std::string fallback) {
  const YAML::Node value = map[std::string(key)];
  if (!value.IsDefined() || value.IsNull()) return fallback;
  return RequiredString(map, key, context, /*allow_empty=*/true);
}

Result<std::optional<long long>> OptionalInteger(const YAML::Node& map, std::string_view key,
                                                 const YamlContext& context) {
  const YAML::Node value = map[std::string(key)];
  if (!value.IsDefined() || value.IsNull()) return std::optional<long long>{};
  const std::string text = value.IsScalar() ? value.Scalar() : "";
  long long parsed = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Fail(ErrorCode::kValidation,
                Where(value, context) +
                    fmt::format("field '{}' must be a whole number (got '{}')", key, text));
  }
  return std::optional<long long>{parsed};
}

Result<std::vector<std::string>> StringList(const YAML::Node& map, std::string_view key,
                                            const YamlContext& context) {
  const YAML::Node value = map[std::string(key)];
  std::vector<std::string> out;
  if (!value.IsDefined() || value.IsNull()) return out;
  if (!value.IsSequence()) {
    return Fail(ErrorCode::kValidation,
                Where(value, context) + fmt::format("field '{}' must be a list", key));
  }
  for (const auto& item : value) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      return Fail(
          ErrorCode::kValidation,
          Where(item, context) + fmt::format("field '{}' must list non-empty text items", key));
    }
    out.push_back(item.Scalar());
  }
  return out;
}

Result<std::string> OneOf(const YAML::Node& map, std::string_view key,
                          std::span<const std::string_view> allowed, const YamlContext& context) {
  auto value = RequiredString(map, key, context);
  if (!value) return value;
  if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return value;
  return Fail(ErrorCode::kValidation, Where(map[std::string(key)], context) +
                                          fmt::format("field '{}' must be one of {} (got '{}')",
                                                      key, JoinQuoted(allowed), *value));
}

}  // namespace inspire::core
