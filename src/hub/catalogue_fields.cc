#include "hub/catalogue_fields.h"

#include <fmt/format.h>

#include <algorithm>

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

// The ISO3 of `value` (a code as text), or kValidation naming `name`.
core::Result<std::string> CountryOf(const catalogue::Catalogue& catalogue, const Json& value,
                                    const std::string& name) {
  const catalogue::Country* country = value.is_string() && value.get<std::string>().size() <= 10
                                          ? catalogue.FindCountry(value.get<std::string>())
                                          : nullptr;
  if (country == nullptr) {
    return FailField(ErrorCode::kValidation, name,
                     fmt::format("{} is not a country code (ISO3, e.g. KEN)", value.dump()));
  }
  return country->iso3;
}

// fields[name], or null when it is absent (or `fields` is no object).
const Json& Value(const Json& fields, const std::string& name) {
  static const Json kAbsent;
  return fields.is_object() && fields.contains(name) ? fields[name] : kAbsent;
}

}  // namespace

core::Result<std::vector<std::string>> ApproachesField(const catalogue::Catalogue& catalogue,
                                                       const Json& fields,
                                                       const std::string& name) {
  const Json& list = Value(fields, name);
  if (!list.is_array() || list.empty() || list.size() > kMaxApproaches) {
    return FailField(
        ErrorCode::kValidation, name,
        fmt::format("{} must list 1 to {} INSPIRE approach ids (e.g. P4.1)", name, kMaxApproaches));
  }
  std::vector<std::string> ids;
  for (const Json& id : list) {
    const catalogue::Approach* approach =
        id.is_string() ? catalogue.FindApproach(id.get<std::string>()) : nullptr;
    if (approach == nullptr) {
      return FailField(ErrorCode::kValidation, name,
                       fmt::format("{} is not an INSPIRE approach id (e.g. P4.1)", id.dump()));
    }
    if (std::find(ids.begin(), ids.end(), approach->id) == ids.end()) ids.push_back(approach->id);
  }
  return ids;
}

core::Result<std::string> CountryField(const catalogue::Catalogue& catalogue, const Json& fields,
                                       const std::string& name) {
  return CountryOf(catalogue, Value(fields, name), name);
}

core::Result<std::vector<std::string>> CountriesField(const catalogue::Catalogue& catalogue,
                                                      const Json& fields, const std::string& name) {
  const Json& list = Value(fields, name);
  if (!list.is_array()) {
    return FailField(ErrorCode::kValidation, name,
                     fmt::format("{} must be a list of ISO3 codes", name));
  }
  std::vector<std::string> codes;
  for (const Json& code : list) {
    INSPIRE_ASSIGN_OR_RETURN(std::string iso3, CountryOf(catalogue, code, name));
    codes.push_back(std::move(iso3));
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

core::Result<int64_t> OrganizationField(store::Connection& db, const Json& fields,
                                        const std::string& name) {
  const Json& value = Value(fields, name);
  if (!value.is_number_integer()) {
    return FailField(ErrorCode::kValidation, name,
                     fmt::format("{} must be an organisation's id", name));
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto found, db.Query("SELECT 1 FROM organizations WHERE id = ?",
                                                      {value.get<int64_t>()}));
  if (found.rows.empty()) {
    return FailField(ErrorCode::kValidation, name,
                     fmt::format("no organisation has the id {}", value.get<int64_t>()));
  }
  return value.get<int64_t>();
}

}  // namespace inspire::hub
