// Checked access to the fields of a JSON record sent by a client: each error names the field and
// says what was expected (the API turns them into 422 with "field" set).
#ifndef INSPIRE_HUB_FIELDS_H_
#define INSPIRE_HUB_FIELDS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// Refuses keys outside `known` (and the read-only id, created_at, updated_at).
core::Result<void> CheckKnownFields(const Json& fields, const std::set<std::string>& known);
// Refuses a missing key among `required`.
core::Result<void> CheckRequired(const Json& fields, const std::vector<std::string>& required);

// A string of at most `max_length` bytes.
core::Result<std::string> TextField(const Json& fields, const std::string& name, size_t max_length);
// A string from `allowed`.
core::Result<std::string> ChoiceField(const Json& fields, const std::string& name,
                                      const std::vector<std::string>& allowed);
// A number >= 0, or nullopt for null.
core::Result<std::optional<double>> NonNegativeField(const Json& fields, const std::string& name);
// A whole year from 1900 to 2100, or nullopt for null.
core::Result<std::optional<int64_t>> YearField(const Json& fields, const std::string& name);
// A date as YYYY, YYYY-MM or YYYY-MM-DD, or "" for null.
core::Result<std::string> DateField(const Json& fields, const std::string& name);

// `text` for a LIKE pattern with ESCAPE '!': %, _ and ! match only themselves.
std::string LikeEscape(std::string_view text);

// The highest page number a list serves (so that page * per_page never overflows).
inline constexpr int64_t kMaxPage = 1'000'000;

// 1 <= page <= kMaxPage and 1 <= per_page <= max_per_page, else kValidation naming the parameter.
core::Result<void> CheckPage(int64_t page, int64_t per_page, int64_t max_per_page);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_FIELDS_H_
