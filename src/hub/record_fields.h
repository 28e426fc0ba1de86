// The fields of each kind of hub record, declared once. From one declaration the hub checks what
// a client sends (CheckFields), a new record takes its initial values (NewRecord), the bulk files
// take their columns (hub/bulk), the forms their inputs (web/forms) and the OpenAPI document the
// schemas of its request bodies (RequestSchema).
#ifndef INSPIRE_HUB_RECORD_FIELDS_H_
#define INSPIRE_HUB_RECORD_FIELDS_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// What a field holds, and so how it is checked, stored and shown.
enum class FieldType {
  kText,           // a string of at most max_length bytes
  kLongText,       // the same, written over several lines (a text area on forms)
  kUrl,            // "" or a link starting with https:// or http://, at most max_length bytes
  kChoice,         // one of `choices`
  kDate,           // "" or YYYY, YYYY-MM or YYYY-MM-DD
  kYear,           // a whole year from 1900 to 2100; null unless required
  kAmount,         // a number >= 0, or null
  kNumber,         // a finite number, or null
  kCurrency,       // "" or an ISO 4217 code (three capital letters)
  kCountry,        // a country code (ISO3 or ISO2, any case), kept as its ISO3; "" when optional
  kCountries,      // a list of country codes, kept as sorted ISO3 codes without repeats
  kRegions,        // a list of WHO or UNICEF region codes of the catalogue, sorted, no repeats
  kApproaches,     // a list of 1 to 25 INSPIRE approach ids, sorted, no repeats
  kOrganization,   // the id of an organisation that exists; null when optional
  kIndicator,      // an indicator id of the catalogue; "" when optional
  kObjects,        // a list of objects, checked by the record kind itself (e.g. focal points)
  kChoices,        // a list of `choices`, kept sorted without repeats (join table like kApproaches)
  kRecordId,       // the id of another record (e.g. its round, its meeting); null when optional
  kDateTime,       // a wall-clock time "YYYY-MM-DDTHH:MM" (read in the record's time zone)
  kTimeZone,       // an IANA time zone name ICU knows ("Africa/Nairobi", "UTC"); never blank
  kInteger,        // a whole number, or null unless required
  kOrganizations,  // a list of ids of organisations that exist, sorted, no repeats (join table)
};

// One field of a record kind.
struct FieldSpec {
  std::string name{};
  FieldType type = FieldType::kText;
  // Must be given when the record is created, and may never be null or blank.
  bool required = false;
  size_t max_length = 0;               // text fields: the most bytes
  std::vector<std::string> choices{};  // kChoice: the values allowed
  Json initial{};                      // a new record's value when not given (null: by type)
  std::string blank_message{};         // text fields: refuse a blank value, saying this
  std::string error_note{};            // appended to every refusal of this field
  std::string label{};                 // the UI string key of its label (strings/en.json)
  std::string hint{};                  // the UI string key of its hint, "" for none
  std::string choice_labels{};         // kChoice: UI string key prefix of each choice's label
  std::string column{};                // its column ("" the name); lists: their join table
  std::string item_column{};           // lists: the join table's column holding each item
  std::string references{};            // kRecordId: the table whose row it names (checked)
  // Set by the hub itself (e.g. who added the record): stored and shown, never taken from a
  // client (ignored when sent back), not on forms.
  bool internal = false;
  // Set by the hub itself and never shown: kept for the kind's own rules (e.g. the sign-in
  // e-mail of who added a study), absent from every answer, audit entry, export, form and
  // schema; a client sending it is refused as an unknown field.
  bool hidden = false;
};

// The fields of one record kind, in the order they are shown and exported. Besides them a record
// has id, created_at and updated_at (read-only; a client may send them back unchanged).
struct RecordFields {
  std::string kind{};  // "activity": its audit entity and in messages
  std::vector<FieldSpec> fields{};
  std::vector<std::string> ignored{};  // read-only outputs a client may send back (ignored)

  // The field called `name`, or nullptr.
  const FieldSpec* Find(const std::string& name) const;
};

// True when the hub sets the field itself (internal or hidden): never taken from a client.
bool SetByHub(const FieldSpec& field);

// True for the list types (kCountries, kRegions, kApproaches, kChoices, kOrganizations), kept as
// rows of a join table.
bool IsList(FieldType type);
// True when the type is stored as text (texts, choices, dates, date-times, time zones, currency,
// country, indicator).
bool IsTextual(FieldType type);

// The region codes (WHO and UNICEF) of the catalogue's countries, sorted.
std::vector<std::string> RegionCodes(const catalogue::Catalogue& catalogue);

// Checks `fields` (a client's JSON object) against `spec`: an unknown key, a required field
// missing on create (`creating`), or a value that is not what its type expects gives kValidation
// naming the field. Returns the given fields' values as kept (ISO3 codes, sorted lists, ...),
// only those given.
core::Result<Json> CheckFields(const RecordFields& spec, store::Connection& db,
                               const catalogue::Catalogue& catalogue, const Json& fields,
                               bool creating);

// A new record before any field is applied: each field's `initial`, else "" for texts, null for
// numbers and organisations, [] for lists.
Json NewRecord(const RecordFields& spec);

// The JSON Schema of a request body that creates a record (`creating`: required fields listed)
// or changes one (any subset of the fields).
Json RequestSchema(const RecordFields& spec, bool creating);

// The JSON Schema of a record as the hub answers with it: id, every field but the hidden ones
// (each typed as its requests are), created_at, updated_at, and each of `derived` (name and
// schema of what the kind adds when it reads a record, e.g. "overdue"). Every property is
// required.
Json RecordSchema(const RecordFields& spec, const Json& derived);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_RECORD_FIELDS_H_
