#include "hub/coordination.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "hub/audit.h"
#include "hub/catalogue_fields.h"
#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

using T = FieldType;

bool MayWriteNeed(const Actor& actor, const Json& need) {
  if (actor.IsStaff()) return true;
  if (!actor.user_id) return false;
  if (actor.role == Role::kCountryFocalPoint) return actor.country_iso3 == need["country"];
  if (actor.role == Role::kOrgEditor) {
    return actor.organization_id && need["organization_id"].is_number_integer() &&
           need["organization_id"].get<int64_t>() == *actor.organization_id;
  }
  return false;
}

bool MayWriteOffer(const Actor& actor, const Json& offer) {
  if (actor.IsStaff()) return true;
  return actor.user_id && actor.role == Role::kOrgEditor && actor.organization_id &&
         offer["organization_id"].get<int64_t>() == *actor.organization_id;
}

const RecordKind& Needs() {
  static const RecordKind kind{.fields = &NeedFields(),
                               .table = "needs",
                               .key_column = "need_id",
                               .may_write = MayWriteNeed,
                               .deny_visitor = "record needs",
                               .deny_create = "record needs for this country",
                               .deny_edit = "edit this need",
                               .deny_move = "move a need to that country",
                               .deny_delete = "delete this need"};
  return kind;
}

const RecordKind& Offers() {
  static const RecordKind kind{.fields = &OfferFields(),
                               .table = "offers",
                               .key_column = "offer_id",
                               .may_write = MayWriteOffer,
                               .deny_visitor = "record offers",
                               .deny_create = "record offers for this organisation",
                               .deny_edit = "edit this offer",
                               .deny_move = "move an offer to that organisation",
                               .deny_delete = "delete this offer"};
  return kind;
}

// The selection of `query`'s kind, status and organisation filters and its page.
RecordSelection Selection(const CoordinationQuery& query) {
  RecordSelection selection;
  if (!query.kind.empty()) {
    selection.where += " AND r.kind = ?";
    selection.params.emplace_back(query.kind);
  }
  if (!query.status.empty()) {
    selection.where += " AND r.status = ?";
    selection.params.emplace_back(query.status);
  }
  if (query.organization != 0) {
    selection.where += " AND r.organization_id = ?";
    selection.params.emplace_back(query.organization);
  }
  selection.page = query.page;
  selection.per_page = query.per_page;
  return selection;
}

}  // namespace

const std::vector<std::string>& SupportKinds() {
  static const std::vector<std::string> kinds = {"technical_assistance", "training", "funding",
                                                 "data_me", "adaptation_of_materials"};
  return kinds;
}

const RecordFields& NeedFields() {
  static const RecordFields fields{
      "need",
      {{.name = "country",
        .type = T::kCountry,
        .required = true,
        .label = "table_country",
        .column = "country_iso3"},
       {.name = "organization_id", .type = T::kOrganization, .label = "field_asking_organization"},
       {.name = "kind",
        .type = T::kChoice,
        .required = true,
        .choices = SupportKinds(),
        .label = "table_kind",
        .choice_labels = "kind_"},
       {.name = "approaches",
        .type = T::kApproaches,
        .required = true,
        .label = "table_approaches",
        .hint = "hint_multi",
        .column = "need_approaches",
        .item_column = "approach_id"},
       {.name = "description",
        .type = T::kLongText,
        .max_length = 5000,
        .label = "field_description"},
       {.name = "status",
        .type = T::kChoice,
        .choices = {"open", "matched", "closed"},
        .initial = "open",
        .label = "table_status",
        .choice_labels = "status_"}},
      {}};
  return fields;
}

const RecordFields& OfferFields() {
  static const RecordFields fields{
      "offer",
      {{.name = "organization_id",
        .type = T::kOrganization,
        .required = true,
        .label = "table_organization"},
       {.name = "kind",
        .type = T::kChoice,
        .required = true,
        .choices = SupportKinds(),
        .label = "table_kind",
        .choice_labels = "kind_"},
       {.name = "approaches",
        .type = T::kApproaches,
        .required = true,
        .label = "table_approaches",
        .hint = "hint_multi",
        .column = "offer_approaches",
        .item_column = "approach_id"},
       {.name = "countries",
        .type = T::kCountries,
        .label = "table_countries",
        .hint = "hint_where",
        .column = "offer_countries",
        .item_column = "iso3"},
       {.name = "regions",
        .type = T::kRegions,
        .label = "field_regions",
        .hint = "hint_where",
        .column = "offer_regions",
        .item_column = "region"},
       {.name = "capacity", .type = T::kText, .max_length = 1000, .label = "field_capacity"},
       {.name = "status",
        .type = T::kChoice,
        .choices = {"available", "withdrawn"},
        .initial = "available",
        .label = "table_status",
        .choice_labels = "status_"}},
      {}};
  return fields;
}

core::Result<Json> ListNeeds(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const CoordinationQuery& query) {
  RecordSelection selection = Selection(query);
  if (!query.country.empty()) {
    INSPIRE_ASSIGN_OR_RETURN(const std::string iso3,
                             CountryField(catalogue, Json{{"country", query.country}}, "country"));
    selection.where += " AND r.country_iso3 = ?";
    selection.params.emplace_back(iso3);
  }
  if (!query.approach.empty()) {
    selection.where +=
        " AND EXISTS (SELECT 1 FROM need_approaches l WHERE l.need_id = r.id AND l.approach_id = "
        "?)";
    selection.params.emplace_back(query.approach);
  }
  return ListRecords(db, Needs(), selection);
}

core::Result<Json> GetNeed(store::Connection& db, int64_t id) { return GetRecord(db, Needs(), id); }

core::Result<Json> CreateNeed(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, const Json& fields) {
  return CreateRecord(db, catalogue, Needs(), actor, fields);
}

core::Result<Json> UpdateNeed(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, int64_t id, const Json& fields) {
  return UpdateRecord(db, catalogue, Needs(), actor, id, fields);
}

core::Result<void> DeleteNeed(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Needs(), actor, id);
}

core::Result<Json> ListOffers(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const CoordinationQuery& query) {
  RecordSelection selection = Selection(query);
  if (!query.country.empty()) {
    INSPIRE_ASSIGN_OR_RETURN(const std::string iso3,
                             CountryField(catalogue, Json{{"country", query.country}}, "country"));
    const catalogue::Country* country = catalogue.FindCountry(iso3);
    // Offered there: the country listed, one of its regions listed, or no place named at all.
    selection.where +=
        " AND (EXISTS (SELECT 1 FROM offer_countries c WHERE c.offer_id = r.id AND c.iso3 = ?) "
        "OR EXISTS (SELECT 1 FROM offer_regions g WHERE g.offer_id = r.id AND g.region IN (?, "
        "?)) OR (NOT EXISTS (SELECT 1 FROM offer_countries c WHERE c.offer_id = r.id) AND NOT "
        "EXISTS (SELECT 1 FROM offer_regions g WHERE g.offer_id = r.id)))";
    selection.params.emplace_back(iso3);
    selection.params.emplace_back(country->who_region.empty() ? "-" : country->who_region);
    selection.params.emplace_back(country->unicef_region.empty() ? "-" : country->unicef_region);
  }
  if (!query.approach.empty()) {
    selection.where +=
        " AND EXISTS (SELECT 1 FROM offer_approaches l WHERE l.offer_id = r.id AND "
        "l.approach_id = ?)";
    selection.params.emplace_back(query.approach);
  }
  return ListRecords(db, Offers(), selection);
}

core::Result<Json> GetOffer(store::Connection& db, int64_t id) {
  return GetRecord(db, Offers(), id);
}

core::Result<Json> CreateOffer(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, const Json& fields) {
  return CreateRecord(db, catalogue, Offers(), actor, fields);
}

core::Result<Json> UpdateOffer(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, int64_t id, const Json& fields) {
  return UpdateRecord(db, catalogue, Offers(), actor, id, fields);
}

core::Result<void> DeleteOffer(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Offers(), actor, id);
}

core::Result<Json> CandidateOffers(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   int64_t need_id) {
  INSPIRE_ASSIGN_OR_RETURN(const Json need, GetNeed(db, need_id));
  const catalogue::Country* country = catalogue.FindCountry(need["country"].get<std::string>());
  INSPIRE_ASSIGN_OR_RETURN(Json offers,
                           SelectRecords(db, Offers(), " AND r.kind = ? AND r.status = 'available'",
                                         {need["kind"].get<std::string>()}, "r.id"));
  INSPIRE_ASSIGN_OR_RETURN(const auto matched,
                           db.Query("SELECT offer_id FROM matches WHERE need_id = ?", {need_id}));
  std::set<int64_t> matched_ids;
  for (const auto& row : matched.rows) matched_ids.insert(row.Int(0));
  const std::set<std::string> wanted = need["approaches"];
  struct Candidate {
    Json item;
    double score;
    int64_t id;
  };
  std::vector<Candidate> candidates;
  for (Json& offer : offers) {
    Json shared = Json::array();
    for (const auto& approach : offer["approaches"]) {
      if (wanted.count(approach.get<std::string>()) > 0) shared.push_back(approach);
    }
    if (shared.empty()) continue;
    const auto listed = [](const Json& list, const std::string& code) {
      return !code.empty() && std::find(list.begin(), list.end(), code) != list.end();
    };
    std::string where;
    double nearness = 0;
    if (listed(offer["countries"], country->iso3)) {
      where = "country";
      nearness = 3;
    } else if (listed(offer["regions"], country->who_region) ||
               listed(offer["regions"], country->unicef_region)) {
      where = "region";
      nearness = 2;
    } else if (offer["countries"].empty() && offer["regions"].empty()) {
      where = "anywhere";
      nearness = 1;
    } else {
      continue;  // offered elsewhere only
    }
    const double score = 10.0 * static_cast<double>(shared.size()) + nearness;
    const int64_t id = offer["id"];
    candidates.push_back({Json{{"offer", std::move(offer)},
                               {"score", score},
                               {"shared_approaches", shared},
                               {"where", where},
                               {"matched", matched_ids.count(id) > 0}},
                          score, id});
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  Json items = Json::array();
  for (auto& candidate : candidates) items.push_back(std::move(candidate.item));
  return Json{{"need", need}, {"items", items}};
}

core::Result<Json> MarkMatch(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const Actor& actor, int64_t need_id, int64_t offer_id) {
  if (!actor.IsStaff()) return Deny(actor, "mark matches between needs and offers");
  INSPIRE_ASSIGN_OR_RETURN(const Json candidates, CandidateOffers(db, catalogue, need_id));
  const auto& items = candidates["items"];
  const bool fits = std::any_of(items.begin(), items.end(), [&](const Json& item) {
    return item["offer"]["id"].get<int64_t>() == offer_id;
  });
  if (!fits) {
    return FailField(ErrorCode::kValidation, "offer_id",
                     fmt::format("offer {} does not fit need {} (kind, approaches, place or "
                                 "availability)",
                                 offer_id, need_id));
  }
  auto inserted = db.Query(
      "INSERT INTO matches (need_id, offer_id, created_by_email, created_at) VALUES (?, ?, ?, ?)",
      {need_id, offer_id, actor.email, store::NowUtc()});
  if (!inserted) {
    if (inserted.error().code == ErrorCode::kConflict) {
      return FailField(ErrorCode::kConflict, "offer_id", "this match is marked already");
    }
    return tl::unexpected(inserted.error());
  }
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "UPDATE needs SET status = 'matched', updated_at = ? WHERE id = ? AND status = 'open'",
      {store::NowUtc(), need_id}));
  const Json match = {{"need_id", need_id}, {"offer_id", offer_id}};
  INSPIRE_RETURN_IF_ERROR(RecordAudit(db, actor, "create", "match",
                                      fmt::format("{}-{}", need_id, offer_id), Json(), match));
  return match;
}

}  // namespace inspire::hub
