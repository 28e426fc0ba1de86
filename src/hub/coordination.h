// Coordination: countries' (or organisations') needs for support on INSPIRE approaches, members'
// offers of support, and matches between them. A need is matched by offers of the same kind that
// share an approach, ranked by how many approaches they share and how near they offer (the
// need's country listed, then its WHO or UNICEF region, then anywhere).
// Writes: admin and secretariat any; a country focal point its country's needs; an org_editor its
// organisation's needs and offers. Anyone may read. Matches are marked by staff.
#ifndef INSPIRE_HUB_COORDINATION_H_
#define INSPIRE_HUB_COORDINATION_H_

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

// The kinds of support needs ask for and offers give: technical_assistance, training, funding,
// data_me, adaptation_of_materials.
const std::vector<std::string>& SupportKinds();

// The fields of a need and of an offer, declared once (checks, bulk columns, forms, API schema).
const RecordFields& NeedFields();
const RecordFields& OfferFields();

struct CoordinationQuery {
  std::string country;   // needs: their country; offers: offered there (listed or by region)
  std::string approach;  // approach id
  std::string kind;
  std::string status;
  int64_t organization = 0;
  int64_t page = 1;
  int64_t per_page = 50;  // at most 500
};

// The lifecycle of needs and of offers, alike for every record kind: List pages through them
// ({"items", "total", "page", "per_page"}; kValidation naming a bad filter or page); Get returns
// one (kNotFound); Create and Update check every field (kValidation naming it, nothing written) and
// the actor's right (kForbidden, kUnauthenticated for visitors), write the record and its audit
// entry with before and after, and return the record as Get does; Delete removes it, audited.
// Callers run writes inside hub::Write.
// Needs: any signed-in user records them; staff, the country's focal point or the editor of the
// organisation named change them. Offers: staff or the editor of the offering organisation.
// An offer's country filter also finds offers to the country's regions and offers anywhere.
core::Result<Json> ListNeeds(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const CoordinationQuery& query);
core::Result<Json> GetNeed(store::Connection& db, int64_t id);
core::Result<Json> CreateNeed(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, const Json& fields);
core::Result<Json> UpdateNeed(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteNeed(store::Connection& db, const Actor& actor, int64_t id);

core::Result<Json> ListOffers(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const CoordinationQuery& query);
core::Result<Json> GetOffer(store::Connection& db, int64_t id);
core::Result<Json> CreateOffer(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, const Json& fields);
core::Result<Json> UpdateOffer(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteOffer(store::Connection& db, const Actor& actor, int64_t id);

// The available offers that fit need `id`, best first: {"items": [{"offer", "score",
// "shared_approaches", "where", "matched"}]}.
core::Result<Json> CandidateOffers(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   int64_t need_id);
// Marks offer `offer_id` as a match for need `need_id` (staff); the need becomes "matched".
core::Result<Json> MarkMatch(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const Actor& actor, int64_t need_id, int64_t offer_id);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_COORDINATION_H_
