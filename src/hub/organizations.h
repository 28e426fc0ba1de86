// Member organisations of the working group and its community of practice: who they are, their
// type and working-group role, where they work, their focal points. Anyone may read them; admin
// and secretariat write any, an org_editor writes only its own organisation.
#ifndef INSPIRE_HUB_ORGANIZATIONS_H_
#define INSPIRE_HUB_ORGANIZATIONS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The kinds of organisation (un_agency, national_ngo, government_body, ...) and their roles in
// the working group (co_chair, secretariat, member, community_of_practice), as stored and sent.
const std::vector<std::string>& OrganizationTypes();
const std::vector<std::string>& WorkingGroupRoles();

// The fields of an organisation, declared once (checks, bulk columns, forms, API schema).
const RecordFields& OrganizationFields();

struct ListQuery {
  std::string type;           // exact, optional
  std::string wg_role;        // exact, optional
  std::string country;        // ISO3, optional
  std::string q;              // part of the name or acronym, any case, optional
  std::string sort = "name";  // name, -name, created_at, -created_at, id, -id
  int64_t page = 1;
  int64_t per_page = 50;  // at most 200
};

// {"items": [...], "total": N, "page": P, "per_page": K}. Errors: kValidation naming the
// parameter (unknown sort, page below 1...).
core::Result<Json> ListOrganizations(store::Connection& db, const ListQuery& query);
core::Result<Json> GetOrganization(store::Connection& db, int64_t id);

// `fields`: the JSON object of a create or a patch. Unknown fields, wrong types and values
// outside the lists are kValidation errors naming the field; a taken name is kConflict.
core::Result<Json> CreateOrganization(store::Connection& db, const catalogue::Catalogue& catalogue,
                                      const Actor& actor, const Json& fields);
core::Result<Json> UpdateOrganization(store::Connection& db, const catalogue::Catalogue& catalogue,
                                      const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteOrganization(store::Connection& db, const Actor& actor, int64_t id);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ORGANIZATIONS_H_
