#include "hub/record_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/time_zone.h"
#include "hub/catalogue_fields.h"
#include "hub/fields.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

bool Blank(const std::string& text) { return text.find_first_not_of(" \t") == std::string::npos; }

// A text-like field: its length, its blank rule, and for links and currencies their form.
core::Result<Json> CheckText(const FieldSpec& field, const Json& fields) {
  const size_t limit = field.type == FieldType::kCurrency ? 3 : field.max_length;
  INSPIRE_ASSIGN_OR_RETURN(std::string text, TextField(fields, field.name, limit));
  if (!field.blank_message.empty() && Blank(text)) {
    return FailField(ErrorCode::kValidation, field.name, field.blank_message);
  }
  if (field.type == FieldType::kUrl && !text.empty() && text.rfind("https://", 0) != 0 &&
      text.rfind("http://", 0) != 0) {
    return FailField(ErrorCode::kValidation, field.name,
                     fmt::format("{} must start with https:// or http://", field.name));
  }
  const bool letters =
      std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (field.type == FieldType::kCurrency && !text.empty() && (text.size() != 3 || !letters)) {
    return FailField(ErrorCode::kValidation, field.name,
                     fmt::format("{} must be an ISO 4217 code such as USD or KES", field.name));
  }
  return Json(std::move(text));
}

// A number field (year, amount, number); null only when the field is optional.
core::Result<Json> CheckNumber(const FieldSpec& field, const Json& fields) {
  const Json& value = fields[field.name];
  if (value.is_null() && field.required) {
    return FailField(ErrorCode::kValidation, field.name, fmt::format("{} is required", field.name));
  }
  if (field.type == FieldType::kYear) {
    INSPIRE_ASSIGN_OR_RETURN(const auto year, YearField(fields, field.name));
    return year ? Json(*year) : Json();
  }
  if (field.type == FieldType::kAmount) {
    INSPIRE_ASSIGN_OR_RETURN(const auto amount, NonNegativeField(fields, field.name));
    return amount ? Json(*amount) : Json();
  }
  if (value.is_null()) return Json();
  if (!value.is_number() || !std::isfinite(value.get<double>())) {
    return FailField(ErrorCode::kValidation, field.name,
                     fmt::format("{} must be a number or null", field.name));
  }
  return Json(value.get<double>());
}

// A list of region codes of the catalogue.
core::Result<Json> CheckRegions(const catalogue::Catalogue& catalogue, const std::string& name,
                                const Json& value) {
  if (!value.is_array()) {
    return FailField(ErrorCode::kValidation, name,
                     fmt::format("{} must be a list of region codes", name));
  }
  const std::vector<std::string> known = RegionCodes(catalogue);
  std::set<std::string> regions;
  for (const Json& region : value) {
    if (!region.is_string() ||
        !std::binary_search(known.begin(), known.end(), region.get<std::string>())) {
      return FailField(ErrorCode::kValidation, name,
                       fmt::format("{} is not a WHO or UNICEF region; expected one of: {}",
                                   region.dump(), fmt::join(known, ", ")));
    }
    regions.insert(region.get<std::string>());
  }
  return Json(regions);
}

// A list of the field's choices, kept sorted without repeats.
core::Result<Json> CheckChoices(const FieldSpec& field, const Json& value) {
  const auto refuse = [&] {
    return FailField(
        ErrorCode::kValidation, field.name,
        fmt::format("{} must be a list of: {}", field.name, fmt::join(field.choices, ", ")));
  };
  if (!value.is_array()) return refuse();
  std::set<std::string> chosen;
  for (const Json& item : value) {
    if (!item.is_string() || std::find(field.choices.begin(), field.choices.end(),
                                       item.get<std::string>()) == field.choices.end()) {
      return refuse();
    }
    chosen.insert(item.get<std::string>());
  }
  return Json(chosen);
}

// A list of ids of organisations that exist, kept sorted without repeats.
core::Result<Json> CheckOrganizations(store::Connection& db, const std::string& name,
                                      const Json& value) {
  constexpr size_t kMostOrganizations = 200;
  if (!value.is_array() || value.size() > kMostOrganizations) {
    return FailField(
        ErrorCode::kValidation, name,
        fmt::format("{} must be a list of at most {} organisation ids", name, kMostOrganizations));
  }
  std::set<int64_t> ids;
  for (const Json& item : value) {
    INSPIRE_ASSIGN_OR_RETURN(const int64_t id, OrganizationField(db, Json{{name, item}}, name));
    ids.insert(id);
  }
  return Json(ids);
}

// The id of a row of the field's table; null when the field is optional.
core::Result<Json> CheckRecordId(store::Connection& db, const FieldSpec& field, const Json& value) {
  if (value.is_null() && !field.required) return Json();
  if (!value.is_number_integer()) {
    return FailField(ErrorCode::kValidation, field.name,
                     fmt::format("{} must be a record id", field.name));
  }
  if (!field.references.empty()) {
    INSPIRE_ASSIGN_OR_RETURN(
        const auto found, db.Query(fmt::format("SELECT 1 FROM {} WHERE id = ?", field.references),
                                   {value.get<int64_t>()}));
    if (found.rows.empty()) {
      return FailField(ErrorCode::kValidation, field.name,
                       fmt::format("{} {} does not exist", field.name, value.dump()));
    }
  }
  return value;
}

// A wall-clock date and time, or a time zone name.
core::Result<Json> CheckClock(const FieldSpec& field, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(std::string text, TextField(fields, field.name, 64));
  if (text.empty() && !field.required && field.type == FieldType::kDateTime) return Json(text);
  if (field.type == FieldType::kDateTime && !core::IsLocalDateTime(text)) {
    return FailField(
        ErrorCode::kValidation, field.name,
        fmt::format("{} must be a date and time YYYY-MM-DDTHH:MM, not '{}'", field.name, text));
  }
  if (field.type == FieldType::kTimeZone && !core::IsTimeZone(text)) {
    return FailField(
        ErrorCode::kValidation, field.name,
        fmt::format("'{}' is not a time zone name such as Africa/Nairobi or UTC", text));
  }
  return Json(std::move(text));
}

// A field naming a catalogue entry or another record (country, approaches, organisation, ...).
core::Result<Json> CheckReference(const FieldSpec& field, store::Connection& db,
                                  const catalogue::Catalogue& catalogue, const Json& fields) {
  const Json& value = fields[field.name];
  const bool empty = value.is_null() || (value.is_string() && value.get<std::string>().empty());
  switch (field.type) {
    case FieldType::kCountry:
      if (empty && !field.required) return Json("");
      return CountryField(catalogue, fields, field.name);
    case FieldType::kCountries:
      return CountriesField(catalogue, fields, field.name);
    case FieldType::kRegions:
      return CheckRegions(catalogue, field.name, value);
    case FieldType::kApproaches: {
      if (!field.required && value.is_array() && value.empty()) return Json::array();
      INSPIRE_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                               ApproachesField(catalogue, fields, field.name));
      std::sort(ids.begin(), ids.end());
      return Json(ids);
    }
    case FieldType::kOrganization:
      if (value.is_null() && !field.required) return Json();
      return OrganizationField(db, fields, field.name);
    case FieldType::kOrganizations:
      return CheckOrganizations(db, field.name, value);
    case FieldType::kRecordId:
      return CheckRecordId(db, field, value);
    default:
      break;
  }
  INSPIRE_ASSIGN_OR_RETURN(std::string id, TextField(fields, field.name, 50));
  if (id.empty() && !field.required) return Json("");
  if (catalogue.FindIndicator(id) == nullptr) {
    return FailField(ErrorCode::kValidation, field.name,
                     fmt::format("'{}' is not an indicator of the catalogue (e.g. 1.1)", id));
  }
  return Json(id);
}

// The value of one given field, as kept.
core::Result<Json> CheckOne(const FieldSpec& field, store::Connection& db,
                            const catalogue::Catalogue& catalogue, const Json& fields) {
  switch (field.type) {
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kUrl:
    case FieldType::kCurrency:
      return CheckText(field, fields);
    case FieldType::kChoice:
      return ChoiceField(fields, field.name, field.choices);
    case FieldType::kDate:
      return DateField(fields, field.name);
    case FieldType::kYear:
    case FieldType::kAmount:
    case FieldType::kNumber:
      return CheckNumber(field, fields);
    case FieldType::kChoices:
      return CheckChoices(field, fields[field.name]);
    case FieldType::kDateTime:
    case FieldType::kTimeZone:
      return CheckClock(field, fields);
    case FieldType::kInteger: {
      const Json& value = fields[field.name];
      if (value.is_null() && !field.required) return Json();
      if (!value.is_number_integer()) {
        return FailField(ErrorCode::kValidation, field.name,
                         fmt::format("{} must be a whole number", field.name));
      }
      return value;
    }
    case FieldType::kObjects:
      if (!fields[field.name].is_array()) {
        return FailField(ErrorCode::kValidation, field.name,
                         fmt::format("{} must be a list of objects", field.name));
      }
      return fields[field.name];
    default:
      return CheckReference(field, db, catalogue, fields);
  }
}

// The JSON Schema of one field's value.
Json ValueSchema(const FieldSpec& field) {
  const auto text = [&](size_t limit) { return Json{{"type", "string"}, {"maxLength", limit}}; };
  const auto list = [](Json items) { return Json{{"type", "array"}, {"items", std::move(items)}}; };
  switch (field.type) {
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kUrl:
      return text(field.max_length);
    case FieldType::kChoice:
      return {{"type", "string"}, {"enum", field.choices}};
    case FieldType::kDate:
      return {{"type", "string"}, {"pattern", "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$"}};
    case FieldType::kYear:
      return {
          {"type", "integer"}, {"minimum", 1900}, {"maximum", 2100}, {"nullable", !field.required}};
    case FieldType::kAmount:
      return {{"type", "number"}, {"minimum", 0}, {"nullable", true}};
    case FieldType::kNumber:
      return {{"type", "number"}, {"nullable", true}};
    case FieldType::kCurrency:
      return {{"type", "string"}, {"pattern", "^([A-Z]{3})?$"}};
    case FieldType::kCountry:
      return text(10);
    case FieldType::kIndicator:
      return text(50);
    case FieldType::kCountries:
    case FieldType::kRegions:
      return list(Json{{"type", "string"}});
    case FieldType::kApproaches: {
      Json schema = list(Json{{"type", "string"}});
      if (field.required) schema["minItems"] = 1;
      schema["maxItems"] = kMaxApproaches;
      return schema;
    }
    case FieldType::kOrganization:
      return {{"type", "integer"}, {"nullable", !field.required}};
    case FieldType::kObjects:
      return list(Json{{"type", "object"}});
    case FieldType::kChoices:
      return list(Json{{"type", "string"}, {"enum", field.choices}});
    case FieldType::kRecordId:
    case FieldType::kInteger:
      return {{"type", "integer"}, {"nullable", !field.required}};
    case FieldType::kDateTime:
      return {{"type", "string"}, {"pattern", "^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2})?$"}};
    case FieldType::kTimeZone:
      return text(64);
    case FieldType::kOrganizations:
      return list(Json{{"type", "integer"}});
  }
  return Json::object();
}

}  // namespace

const FieldSpec* RecordFields::Find(const std::string& name) const {
  const auto it = std::find_if(fields.begin(), fields.end(),
                               [&](const FieldSpec& field) { return field.name == name; });
  return it == fields.end() ? nullptr : &*it;
}

bool SetByHub(const FieldSpec& field) { return field.internal || field.hidden; }

bool IsList(FieldType type) {
  return type == FieldType::kCountries || type == FieldType::kRegions ||
         type == FieldType::kApproaches || type == FieldType::kChoices ||
         type == FieldType::kOrganizations;
}

bool IsTextual(FieldType type) {
  switch (type) {
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kUrl:
    case FieldType::kChoice:
    case FieldType::kDate:
    case FieldType::kCurrency:
    case FieldType::kCountry:
    case FieldType::kIndicator:
    case FieldType::kDateTime:
    case FieldType::kTimeZone:
      return true;
    default:
      return false;
  }
}

std::vector<std::string> RegionCodes(const catalogue::Catalogue& catalogue) {
  std::set<std::string> codes;
  for (const auto& country : catalogue.countries()) {
    if (!country.who_region.empty()) codes.insert(country.who_region);
    if (!country.unicef_region.empty()) codes.insert(country.unicef_region);
  }
  return {codes.begin(), codes.end()};
}

core::Result<Json> CheckFields(const RecordFields& spec, store::Connection& db,
                               const catalogue::Catalogue& catalogue, const Json& fields,
                               bool creating) {
  std::set<std::string> known(spec.ignored.begin(), spec.ignored.end());
  std::vector<std::string> required;
  for (const FieldSpec& field : spec.fields) {
    if (!field.hidden) known.insert(field.name);
    if (field.required && !SetByHub(field)) required.push_back(field.name);
  }
  INSPIRE_RETURN_IF_ERROR(CheckKnownFields(fields, known));
  if (creating) INSPIRE_RETURN_IF_ERROR(CheckRequired(fields, required));
  Json checked = Json::object();
  for (const FieldSpec& field : spec.fields) {
    if (SetByHub(field) || !fields.contains(field.name)) continue;
    auto value = CheckOne(field, db, catalogue, fields);
    if (!value) {
      core::Error error = value.error();
      error.message += field.error_note;
      return tl::unexpected(std::move(error));
    }
    checked[field.name] = std::move(*value);
  }
  return checked;
}

Json NewRecord(const RecordFields& spec) {
  Json record = Json::object();
  for (const FieldSpec& field : spec.fields) {
    if (!field.initial.is_null()) {
      record[field.name] = field.initial;
    } else if (IsTextual(field.type)) {
      record[field.name] = "";
    } else if (IsList(field.type) || field.type == FieldType::kObjects) {
      record[field.name] = Json::array();
    } else {
      record[field.name] = nullptr;
    }
  }
  return record;
}

Json RequestSchema(const RecordFields& spec, bool creating) {
  Json properties = Json::object();
  Json required = Json::array();
  for (const FieldSpec& field : spec.fields) {
    if (field.hidden) continue;
    properties[field.name] = field.internal ? Json::object() : ValueSchema(field);
    if (creating && field.required && !field.internal) required.push_back(field.name);
  }
  // Read-only outputs a client may send back unchanged (a record edited as it was read).
  for (const char* name : {"id", "created_at", "updated_at"}) properties[name] = Json::object();
  for (const auto& name : spec.ignored) properties[name] = Json::object();
  Json schema = {{"type", "object"}, {"additionalProperties", false}, {"properties", properties}};
  if (!required.empty()) schema["required"] = required;
  return schema;
}

Json RecordSchema(const RecordFields& spec, const Json& derived) {
  Json properties = {{"id", {{"type", "integer"}}}};
  for (const FieldSpec& field : spec.fields) {
    if (field.hidden) continue;
    Json value = ValueSchema(field);
    if (field.internal) value["nullable"] = true;  // set by the hub, whatever its type
    value.erase("minItems");  // a stored list may be empty where a request's may not
    properties[field.name] = std::move(value);
  }
  properties["created_at"] = {{"type", "string"}, {"format", "date-time"}};
  properties["updated_at"] = {{"type", "string"}, {"format", "date-time"}};
  for (const auto& [name, schema] : derived.items()) properties[name] = schema;
  Json required = Json::array();
  for (const auto& [name, schema] : properties.items()) required.push_back(name);
  return {{"type", "object"}, {"required", required}, {"properties", properties}};
}

}  // namespace inspire::hub
