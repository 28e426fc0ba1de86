#include "hub/organizations.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "hub/audit.h"
#include "hub/catalogue_fields.h"
#include "hub/fields.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;

// A record as read and written: column values plus the country list.
struct Organization {
  std::string name;
  std::string acronym;
  std::string type;
  std::string website;
  std::string iati_id;
  std::string wg_role;
  Json focal_points = Json::array();
  std::vector<std::string> countries;
};

constexpr const char* kOrganizationColumns =
    "id, name, acronym, type, website, iati_id, wg_role, focal_points, created_at, updated_at";

// Applies `fields` to `org`, checking each. `creating`: name, type and wg_role are required.
core::Result<void> Apply(const catalogue::Catalogue& catalogue, const Json& fields, bool creating,
                         Organization& org) {
  INSPIRE_RETURN_IF_ERROR(CheckKnownFields(fields, {"name", "acronym", "type", "website", "iati_id",
                                                    "wg_role", "countries", "focal_points"}));
  if (creating) INSPIRE_RETURN_IF_ERROR(CheckRequired(fields, {"name", "type", "wg_role"}));
  if (fields.contains("name")) {
    INSPIRE_ASSIGN_OR_RETURN(org.name, TextField(fields, "name", 300));
    if (org.name.find_first_not_of(" \t") == std::string::npos) {
      return FailField(ErrorCode::kValidation, "name", "name must not be empty");
    }
  }
  if (fields.contains("acronym")) {
    INSPIRE_ASSIGN_OR_RETURN(org.acronym, TextField(fields, "acronym", 50));
  }
  if (fields.contains("type")) {
    INSPIRE_ASSIGN_OR_RETURN(org.type, ChoiceField(fields, "type", OrganizationTypes()));
  }
  if (fields.contains("wg_role")) {
    INSPIRE_ASSIGN_OR_RETURN(org.wg_role, ChoiceField(fields, "wg_role", WorkingGroupRoles()));
  }
  if (fields.contains("website")) {
    INSPIRE_ASSIGN_OR_RETURN(org.website, TextField(fields, "website", 500));
    if (!org.website.empty() && org.website.rfind("https://", 0) != 0 &&
        org.website.rfind("http://", 0) != 0) {
      return FailField(ErrorCode::kValidation, "website",
                       "website must start with https:// or http://");
    }
  }
  if (fields.contains("iati_id")) {
    INSPIRE_ASSIGN_OR_RETURN(org.iati_id, TextField(fields, "iati_id", 100));
  }
  if (fields.contains("countries")) {
    INSPIRE_ASSIGN_OR_RETURN(org.countries, CountriesField(catalogue, fields, "countries"));
  }
  if (fields.contains("focal_points")) {
    const Json& points = fields["focal_points"];
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
    org.focal_points = points;
  }
  return {};
}

// The organisations of `found` (rows of kOrganizationColumns) as JSON, with their countries fetched
// in one more query for all of them.
core::Result<Json> ToJson(store::Connection& db, const store::QueryResult& found) {
  Json items = Json::array();
  if (found.rows.empty()) return items;
  std::vector<store::Value> ids;
  for (const auto& row : found.rows) ids.emplace_back(row.Int(0));
  INSPIRE_ASSIGN_OR_RETURN(
      const auto countries,
      db.Query("SELECT organization_id, iso3 FROM organization_countries WHERE organization_id "
               "IN (" +
                   store::Placeholders(ids.size()) + ") ORDER BY organization_id, iso3",
               ids));
  std::map<int64_t, Json> country_lists;
  for (const auto& c : countries.rows) country_lists[c.Int(0)].push_back(c.Text(1));
  for (const auto& row : found.rows) {
    const auto it = country_lists.find(row.Int(0));
    items.push_back(Json{{"id", row.Int(0)},
                         {"name", row.Text(1)},
                         {"acronym", row.Text(2)},
                         {"type", row.Text(3)},
                         {"website", row.Text(4)},
                         {"iati_id", row.Text(5)},
                         {"wg_role", row.Text(6)},
                         {"countries", it != country_lists.end() ? it->second : Json::array()},
                         {"focal_points", Json::parse(row.Text(7), nullptr, false)},
                         {"created_at", row.Text(8)},
                         {"updated_at", row.Text(9)}});
  }
  return items;
}

core::Result<Json> ReadOrganization(store::Connection& db, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {} FROM organizations WHERE id = ?", kOrganizationColumns),
               {id}));
  if (found.rows.empty()) {
    return Fail(ErrorCode::kNotFound, fmt::format("no organisation with id {}", id));
  }
  INSPIRE_ASSIGN_OR_RETURN(Json items, ToJson(db, found));
  return items[0];
}

Organization OrganizationFromJson(const Json& json) {
  Organization org;
  org.name = json["name"];
  org.acronym = json["acronym"];
  org.type = json["type"];
  org.website = json["website"];
  org.iati_id = json["iati_id"];
  org.wg_role = json["wg_role"];
  org.focal_points = json["focal_points"];
  for (const auto& c : json["countries"]) org.countries.push_back(c);
  return org;
}

core::Result<void> WriteCountries(store::Connection& db, int64_t id, const Organization& org) {
  INSPIRE_RETURN_IF_ERROR(
      db.Query("DELETE FROM organization_countries WHERE organization_id = ?", {id}));
  for (const auto& iso3 : org.countries) {
    INSPIRE_RETURN_IF_ERROR(db.Query(
        "INSERT INTO organization_countries (organization_id, iso3) VALUES (?, ?)", {id, iso3}));
  }
  return {};
}

tl::unexpected<core::Error> NameTaken(const core::Error& error, const std::string& name) {
  if (error.code == ErrorCode::kConflict) {
    return FailField(ErrorCode::kConflict, "name",
                     fmt::format("an organisation named '{}' exists already", name));
  }
  return tl::unexpected(error);
}

}  // namespace

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
      {"name", "LOWER(name), id"},
      {"-name", "LOWER(name) DESC, id DESC"},
      {"created_at", "created_at, id"},
      {"-created_at", "created_at DESC, id DESC"},
      {"id", "id"},
      {"-id", "id DESC"}};
  const auto sort = std::find_if(kSorts.begin(), kSorts.end(),
                                 [&](const auto& entry) { return entry.first == query.sort; });
  if (sort == kSorts.end()) {
    return FailField(ErrorCode::kValidation, "sort",
                     fmt::format("unknown sort '{}'; expected name, -name, created_at, "
                                 "-created_at, id or -id",
                                 query.sort));
  }
  INSPIRE_RETURN_IF_ERROR(CheckPage(query.page, query.per_page, 200));
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!query.type.empty()) {
    where += " AND type = ?";
    params.emplace_back(query.type);
  }
  if (!query.wg_role.empty()) {
    where += " AND wg_role = ?";
    params.emplace_back(query.wg_role);
  }
  if (!query.country.empty()) {
    where += " AND id IN (SELECT organization_id FROM organization_countries WHERE iso3 = ?)";
    std::string iso3 = query.country;
    for (char& c : iso3) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    params.emplace_back(iso3);
  }
  if (!query.q.empty()) {
    // The search text is matched literally: % and _ lose their LIKE meaning.
    const std::string pattern = LikeEscape(query.q);
    where +=
        " AND (LOWER(name) LIKE LOWER(?) ESCAPE '!' OR LOWER(acronym) LIKE LOWER(?) ESCAPE '!')";
    params.emplace_back("%" + pattern + "%");
    params.emplace_back("%" + pattern + "%");
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto total,
                           db.Query("SELECT COUNT(*) FROM organizations" + where, params));
  std::vector<store::Value> page_params = params;
  page_params.emplace_back(query.per_page);
  page_params.emplace_back((query.page - 1) * query.per_page);
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found, db.Query(fmt::format("SELECT {} FROM organizations", kOrganizationColumns) +
                                     where + " ORDER BY " + sort->second + " LIMIT ? OFFSET ?",
                                 page_params));
  INSPIRE_ASSIGN_OR_RETURN(Json items, ToJson(db, found));
  return Json{{"items", items},
              {"total", total.rows.at(0).Int(0)},
              {"page", query.page},
              {"per_page", query.per_page}};
}

core::Result<Json> GetOrganization(store::Connection& db, int64_t id) {
  return ReadOrganization(db, id);
}

core::Result<Json> CreateOrganization(store::Connection& db, const catalogue::Catalogue& catalogue,
                                      const Actor& actor, const Json& fields) {
  if (!actor.IsStaff()) return Deny(actor, "create organisations");
  Organization org;
  INSPIRE_RETURN_IF_ERROR(Apply(catalogue, fields, true, org));
  const std::string now = store::NowUtc();
  auto inserted = db.Query(
      "INSERT INTO organizations (name, acronym, type, website, iati_id, wg_role, focal_points, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org.name, org.acronym, org.type, org.website, org.iati_id, org.wg_role,
       org.focal_points.dump(), now, now});
  if (!inserted) return NameTaken(inserted.error(), org.name);
  const int64_t id = inserted->rows.at(0).Int(0);
  INSPIRE_RETURN_IF_ERROR(WriteCountries(db, id, org));
  INSPIRE_ASSIGN_OR_RETURN(Json created, ReadOrganization(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "create", "organization", std::to_string(id), Json(), created));
  return created;
}

core::Result<Json> UpdateOrganization(store::Connection& db, const catalogue::Catalogue& catalogue,
                                      const Actor& actor, int64_t id, const Json& fields) {
  const bool own = actor.user_id && actor.role == Role::kOrgEditor && actor.organization_id &&
                   *actor.organization_id == id;
  if (!actor.IsStaff() && !own) return Deny(actor, "edit this organisation");
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadOrganization(db, id));
  Organization org = OrganizationFromJson(before);
  INSPIRE_RETURN_IF_ERROR(Apply(catalogue, fields, false, org));
  if (own && org.wg_role != before["wg_role"].get<std::string>()) {
    return FailField(ErrorCode::kForbidden, "wg_role",
                     "only the secretariat changes an organisation's working-group role");
  }
  auto updated = db.Query(
      "UPDATE organizations SET name = ?, acronym = ?, type = ?, website = ?, iati_id = ?, "
      "wg_role = ?, focal_points = ?, updated_at = ? WHERE id = ?",
      {org.name, org.acronym, org.type, org.website, org.iati_id, org.wg_role,
       org.focal_points.dump(), store::NowUtc(), id});
  if (!updated) return NameTaken(updated.error(), org.name);
  INSPIRE_RETURN_IF_ERROR(WriteCountries(db, id, org));
  INSPIRE_ASSIGN_OR_RETURN(Json after, ReadOrganization(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "update", "organization", std::to_string(id), before, after));
  return after;
}

core::Result<void> DeleteOrganization(store::Connection& db, const Actor& actor, int64_t id) {
  if (!actor.IsStaff()) return Deny(actor, "delete organisations");
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadOrganization(db, id));
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM organizations WHERE id = ?", {id}));
  return RecordAudit(db, actor, "delete", "organization", std::to_string(id), before, Json());
}

}  // namespace inspire::hub
