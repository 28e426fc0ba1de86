#include "hub/fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace inspire::hub {

using core::ErrorCode;
using core::FailField;

core::Result<void> CheckKnownFields(const Json& fields, const std::set<std::string>& known) {
  if (!fields.is_object()) {
    return core::Fail(ErrorCode::kValidation, "the body must be a JSON object of fields");
  }
  for (const auto& [key, value] : fields.items()) {
    if (known.count(key) == 0 && key != "id" && key != "created_at" && key != "updated_at") {
      return FailField(
          ErrorCode::kValidation, key,
          fmt::format("unknown field '{}'; expected: {}", key, fmt::join(known, ", ")));
    }
  }
  return {};
}

core::Result<void> CheckRequired(const Json& fields, const std::vector<std::string>& required) {
  for (const auto& name : required) {
    if (!fields.contains(name) || fields[name].is_null()) {
      return FailField(ErrorCode::kValidation, name, fmt::format("{} is required", name));
    }
  }
  return {};
}

core::Result<std::string> TextField(const Json& fields, const std::string& name,
                                    size_t max_length) {
  const Json& value = fields.at(name);
  if (value.is_null()) return std::string();
  if (!value.is_string()) {
    return FailField(ErrorCode::kValidation, name, fmt::format("{} must be a string", name));
  }
  std::string text = value.get<std::string>();
  if (text.size() > max_length) {
    return FailField(ErrorCode::kValidation, name,
                     fmt::format("{} is longer than {} characters", name, max_length));
  }
  return text;
}

core::Result<std::string> ChoiceField(const Json& fields, const std::string& name,
                                      const std::vector<std::string>& allowed) {
  INSPIRE_ASSIGN_OR_RETURN(std::string value, TextField(fields, name, 100));
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    return FailField(
        ErrorCode::kValidation, name,
        fmt::format("unknown {} '{}'; expected one of: {}", name, value, fmt::join(allowed, ", ")));
  }
  return value;
}

core::Result<std::optional<double>> NonNegativeField(const Json& fields, const std::string& name) {
  const Json& value = fields.at(name);
  if (value.is_null()) return std::optional<double>();
  if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0) {
    return FailField(ErrorCode::kValidation, name, fmt::format("{} must be a number >= 0", name));
  }
  return std::optional<double>(value.get<double>());
}

core::Result<std::optional<int64_t>> YearField(const Json& fields, const std::string& name) {
  const Json& value = fields.at(name);
  if (value.is_null()) return std::optional<int64_t>();
  if (!value.is_number_integer() || value.get<int64_t>() < 1900 || value.get<int64_t>() > 2100) {
    return FailField(ErrorCode::kValidation, name,
                     fmt::format("{} must be a year from 1900 to 2100", name));
  }
  return std::optional<int64_t>(value.get<int64_t>());
}

core::Result<std::string> DateField(const Json& fields, const std::string& name) {
  auto parsed = TextField(fields, name, 10);
  if (!parsed) return tl::unexpected(parsed.error());
  const std::string text = *parsed;
  if (text.empty()) return text;
  const auto digits = [&text](size_t from, size_t count) {
    if (text.size() < from + count) return false;
    for (size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
    }
    return true;
  };
  bool ok = digits(0, 4) && (text.size() == 4 || text.size() == 7 || text.size() == 10);
  if (ok && text.size() >= 7) {
    ok = text[4] == '-' && digits(5, 2);
    if (ok) {
      const int month = std::stoi(text.substr(5, 2));
      ok = month >= 1 && month <= 12;
    }
  }
  if (ok && text.size() == 10) {
    ok = text[7] == '-' && digits(8, 2);
    if (ok) {
      const int day = std::stoi(text.substr(8, 2));
      ok = day >= 1 && day <= 31;
    }
  }
  if (!ok) {
    return FailField(ErrorCode::kValidation, name,
                     fmt::format("{} must be a date as YYYY, YYYY-MM or YYYY-MM-DD", name));
  }
  return text;
}

std::string LikeEscape(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '!') escaped += '!';
    escaped += c;
  }
  return escaped;
}

core::Result<void> CheckPage(int64_t page, int64_t per_page, int64_t max_per_page) {
  if (page < 1) return FailField(ErrorCode::kValidation, "page", "page starts at 1");
  if (page > kMaxPage) {
    return FailField(ErrorCode::kValidation, "page", fmt::format("page goes up to {}", kMaxPage));
  }
  if (per_page < 1 || per_page > max_per_page) {
    return FailField(ErrorCode::kValidation, "per_page",
                     fmt::format("per_page must be 1 to {}", max_per_page));
  }
  return {};
}

}  // namespace inspire::hub
