#include "hub/organizations.h"

#include <fmt/format.h>

#include <algorithm>

#include "hub/fields.h"
#include "hub/organization_roles.h"
#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

using T = FieldType;

// Each focal point an object of name (required), email and role, all short texts.
core::Result<void> CheckFocalPoints(const catalogue::Catalogue&, Json& org) {
  const Json& points = org["focal_points"];
  bool ok = points.is_array() && points.size() <= 50;
  for (const Json& point : ok ? points : Json::array()) {
    ok = ok && point.is_object() && point.contains("name") && point["name"].is_string();
    for (const auto& [key, value] : point.items()) {
      ok = ok && (key == "name" || key == "email" || key == "role") && value.is_string() &&
           value.get<std::string>().size() <= 300;
    }
  }
  if (!ok) {
    return FailField(ErrorCode::kValidation, "focal_points",
                     "focal_points must be a list of {\"name\", \"email\", \"role\"} objects");
  }
  return {};
}

// Staff any; an org_editor its own organisation.
bool MayWriteOrganization(const Actor& actor, const Json& org) {
  if (actor.IsStaff()) return true;
  return actor.user_id && actor.role == Role::kOrgEditor && actor.organization_id &&
         org.contains("id") && *actor.organization_id == org["id"].get<int64_t>();
}

// An editor edits its organisation but not its role in the working group.
core::Result<void> GuardRole(const Actor& actor, const Json& before, const Json& after) {
  if (!actor.IsStaff() && before["wg_role"] != after["wg_role"]) {
    return FailField(ErrorCode::kForbidden, "wg_role",
                     "only the secretariat changes an organisation's working-group role");
  }
  return {};
}

core::Error NameTaken(const Json& org, core::Error error) {
  error.field = "name";
  error.message =
      fmt::format("an organisation named '{}' exists already", org["name"].get<std::string>());
  return error;
}

const RecordKind& Organizations() {
  static const RecordKind kind{.fields = &OrganizationFields(),
                               .table = "organizations",
                               .key_column = "organization_id",
                               .may_write = MayWriteOrganization,
                               .check = CheckFocalPoints,
                               .may_create = StaffMayCreate,
                               .may_delete = StaffMayWrite,
                               .guard_change = GuardRole,
                               .conflict = NameTaken,
                               .deny_visitor = "create organisations",
                               .deny_create = "create organisations",
                               .deny_edit = "edit this organisation",
                               .deny_move = "edit this organisation",
                               .deny_delete = "delete organisations"};
  return kind;
}

}  // namespace

const RecordFields& OrganizationFields() {
  static const RecordFields fields{
      "organization",
      {{.name = "name",
        .type = T::kText,
        .required = true,
        .max_length = 300,
        .blank_message = "name must not be empty",
        .label = "field_name"},
       {.name = "acronym", .type = T::kText, .max_length = 50, .label = "field_acronym"},
       {.name = "type",
        .type = T::kChoice,
        .required = true,
        .choices = OrganizationTypes(),
        .label = "table_type",
        .choice_labels = "type_"},
       {.name = "website",
        .type = T::kUrl,
        .max_length = 500,
        .label = "field_website",
        .hint = "https://..."},
       {.name = "iati_id", .type = T::kText, .max_length = 100, .label = "field_iati"},
       {.name = "wg_role",
        .type = T::kChoice,
        .required = true,
        .choices = WorkingGroupRoles(),
        .label = "table_role",
        .choice_labels = "role_"},
       {.name = "countries",
        .type = T::kCountries,
        .label = "table_countries",
        .hint = "hint_multi",
        .column = "organization_countries",
        .item_column = "iso3"},
       {.name = "focal_points", .type = T::kObjects, .label = "field_focal_points"}},
      {}};
  return fields;
}

const std::vector<std::string>& OrganizationTypes() {
  static const std::vector<std::string> types = {
      "un_agency",    "bilateral_agency", "international_network", "professional_association",
      "national_ngo", "grassroots_group", "government_body",       "foundation",
      "academia",     "private_sector"};
  return types;
}

const std::vector<std::string>& WorkingGroupRoles() {
  static const std::vector<std::string> roles = {"co_chair", "secretariat", "member",
                                                 "community_of_practice"};
  return roles;
}

core::Result<Json> ListOrganizations(store::Connection& db, const ListQuery& query) {
  static const std::vector<std::pair<std::string, std::string>> kSorts = {
      {"name", "LOWER(r.name), r.id"},
      {"-name", "LOWER(r.name) DESC, r.id DESC"},
      {"created_at", "r.created_at, r.id"},
      {"-created_at", "r.created_at DESC, r.id DESC"},
      {"id", "r.id"},
      {"-id", "r.id DESC"}};
  const auto sort = std::find_if(kSorts.begin(), kSorts.end(),
                                 [&](const auto& entry) { return entry.first == query.sort; });
  if (sort == kSorts.end()) {
    return FailField(ErrorCode::kValidation, "sort",
                     fmt::format("unknown sort '{}'; expected name, -name, created_at, "
                                 "-created_at, id or -id",
                                 query.sort));
  }
  RecordSelection selection{
      .order = sort->second, .page = query.page, .per_page = query.per_page, .max_per_page = 200};
  const auto add = [&](const char* condition, store::Value value) {
    selection.where += condition;
    selection.params.push_back(std::move(value));
  };
  if (!query.type.empty()) add(" AND r.type = ?", query.type);
  if (!query.wg_role.empty()) add(" AND r.wg_role = ?", query.wg_role);
  if (!query.country.empty()) {
    std::string iso3 = query.country;
    for (char& c : iso3) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    add(" AND r.id IN (SELECT organization_id FROM organization_countries WHERE iso3 = ?)", iso3);
  }
  if (!query.q.empty()) {
    // The search text is matched literally: % and _ lose their LIKE meaning.
    const std::string pattern = "%" + LikeEscape(query.q) + "%";
    add(" AND (LOWER(r.name) LIKE LOWER(?) ESCAPE '!'", pattern);
    add(" OR LOWER(r.acronym) LIKE LOWER(?) ESCAPE '!')", pattern);
  }
  return ListRecords(db, Organizations(), selection);
}

core::Result<Json> GetOrganization(store::Connection& db, int64_t id) {
  return GetRecord(db, Organizations(), id);
}

core::Result<Json> CreateOrganization(store::Connection& db, const catalogue::Catalogue& catalogue,
                                      const Actor& actor, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(Json created,
                           CreateRecord(db, catalogue, Organizations(), actor, fields));
  INSPIRE_RETURN_IF_ERROR(NoteRole(db, created["id"], created["wg_role"]));
  return created;
}

core::Result<Json> UpdateOrganization(store::Connection& db, const catalogue::Catalogue& catalogue,
                                      const Actor& actor, int64_t id, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(Json updated,
                           UpdateRecord(db, catalogue, Organizations(), actor, id, fields));
  INSPIRE_RETURN_IF_ERROR(NoteRole(db, id, updated["wg_role"]));
  return updated;
}

core::Result<void> DeleteOrganization(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Organizations(), actor, id);
}

}  // namespace inspire::hub
