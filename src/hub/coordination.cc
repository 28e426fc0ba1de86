#include "hub/coordination.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "hub/audit.h"
#include "hub/catalogue_fields.h"
#include "hub/fields.h"
#include "hub/organizations.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;

const std::vector<std::string> kNeedStatuses = {"open", "matched", "closed"};
const std::vector<std::string> kOfferStatuses = {"available", "withdrawn"};

// The record's approaches, sorted (they are matched against offers by their ids).
core::Result<Json> ApproachList(const catalogue::Catalogue& catalogue, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                           ApproachesField(catalogue, fields, "approaches"));
  std::sort(ids.begin(), ids.end());
  return Json(ids);
}

core::Result<std::string> CountryCode(const catalogue::Catalogue& catalogue, const Json& value,
                                      const std::string& field) {
  const catalogue::Country* country =
      value.is_string() ? catalogue.FindCountry(value.get<std::string>()) : nullptr;
  if (country == nullptr) {
    return FailField(ErrorCode::kValidation, field,
                     fmt::format("{} is not a country code (ISO3, e.g. KEN)", value.dump()));
  }
  return country->iso3;
}

core::Result<int64_t> OrganizationId(store::Connection& db, const Json& value) {
  if (!value.is_number_integer() || !GetOrganization(db, value.get<int64_t>())) {
    return FailField(ErrorCode::kValidation, "organization_id",
                     fmt::format("{} is not an organisation's id", value.dump()));
  }
  return value.get<int64_t>();
}

// A record with its lists parsed back from their JSON columns.
Json Parsed(const std::string& text) { return Json::parse(text, nullptr, false); }

constexpr const char* kNeedColumns =
    "id, country_iso3, organization_id, kind, approaches, description, status, created_at, "
    "updated_at";
constexpr const char* kOfferColumns =
    "id, organization_id, kind, approaches, countries, regions, capacity, status, created_at, "
    "updated_at";

Json NeedJson(const store::Row& r) {
  return Json{{"id", r.Int(0)},
              {"country", r.Text(1)},
              {"organization_id", r.IsNull(2) ? Json() : Json(r.Int(2))},
              {"kind", r.Text(3)},
              {"approaches", Parsed(r.Text(4))},
              {"description", r.Text(5)},
              {"status", r.Text(6)},
              {"created_at", r.Text(7)},
              {"updated_at", r.Text(8)}};
}

Json OfferJson(const store::Row& r) {
  return Json{{"id", r.Int(0)},
              {"organization_id", r.Int(1)},
              {"kind", r.Text(2)},
              {"approaches", Parsed(r.Text(3))},
              {"countries", Parsed(r.Text(4))},
              {"regions", Parsed(r.Text(5))},
              {"capacity", r.Text(6)},
              {"status", r.Text(7)},
              {"created_at", r.Text(8)},
              {"updated_at", r.Text(9)}};
}

core::Result<Json> ReadOne(store::Connection& db, const char* table, const char* columns,
                           int64_t id, Json (*to_json)(const store::Row&)) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {} FROM {} WHERE id = ?", columns, table), {id}));
  if (found.rows.empty()) {
    return Fail(
        ErrorCode::kNotFound,
        fmt::format("no {} with id {}", std::string(table).substr(0, std::strlen(table) - 1), id));
  }
  return to_json(found.rows[0]);
}

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

// Applies `fields` to the need `need` (a JSON record), checking each.
core::Result<void> ApplyNeed(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const Json& fields, bool creating, Json& need) {
  INSPIRE_RETURN_IF_ERROR(CheckKnownFields(
      fields, {"country", "organization_id", "kind", "approaches", "description", "status"}));
  if (creating) INSPIRE_RETURN_IF_ERROR(CheckRequired(fields, {"country", "kind", "approaches"}));
  if (fields.contains("country")) {
    INSPIRE_ASSIGN_OR_RETURN(need["country"], CountryCode(catalogue, fields["country"], "country"));
  }
  if (fields.contains("organization_id")) {
    if (fields["organization_id"].is_null()) {
      need["organization_id"] = nullptr;
    } else {
      INSPIRE_ASSIGN_OR_RETURN(need["organization_id"],
                               OrganizationId(db, fields["organization_id"]));
    }
  }
  if (fields.contains("kind")) {
    INSPIRE_ASSIGN_OR_RETURN(need["kind"], ChoiceField(fields, "kind", SupportKinds()));
  }
  if (fields.contains("approaches")) {
    INSPIRE_ASSIGN_OR_RETURN(need["approaches"], ApproachList(catalogue, fields));
  }
  if (fields.contains("description")) {
    INSPIRE_ASSIGN_OR_RETURN(need["description"], TextField(fields, "description", 5000));
  }
  if (fields.contains("status")) {
    INSPIRE_ASSIGN_OR_RETURN(need["status"], ChoiceField(fields, "status", kNeedStatuses));
  }
  return {};
}

core::Result<void> ApplyOffer(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Json& fields, bool creating, Json& offer) {
  INSPIRE_RETURN_IF_ERROR(CheckKnownFields(fields, {"organization_id", "kind", "approaches",
                                                    "countries", "regions", "capacity", "status"}));
  if (creating) {
    INSPIRE_RETURN_IF_ERROR(CheckRequired(fields, {"organization_id", "kind", "approaches"}));
  }
  if (fields.contains("organization_id")) {
    INSPIRE_ASSIGN_OR_RETURN(offer["organization_id"],
                             OrganizationId(db, fields["organization_id"]));
  }
  if (fields.contains("kind")) {
    INSPIRE_ASSIGN_OR_RETURN(offer["kind"], ChoiceField(fields, "kind", SupportKinds()));
  }
  if (fields.contains("approaches")) {
    INSPIRE_ASSIGN_OR_RETURN(offer["approaches"], ApproachList(catalogue, fields));
  }
  if (fields.contains("countries")) {
    if (!fields["countries"].is_array()) {
      return FailField(ErrorCode::kValidation, "countries",
                       "countries must be a list of ISO3 codes");
    }
    std::set<std::string> codes;
    for (const Json& code : fields["countries"]) {
      INSPIRE_ASSIGN_OR_RETURN(std::string iso3, CountryCode(catalogue, code, "countries"));
      codes.insert(iso3);
    }
    offer["countries"] = codes;
  }
  if (fields.contains("regions")) {
    std::set<std::string> known;
    for (const auto& country : catalogue.countries()) {
      if (!country.who_region.empty()) known.insert(country.who_region);
      if (!country.unicef_region.empty()) known.insert(country.unicef_region);
    }
    if (!fields["regions"].is_array()) {
      return FailField(ErrorCode::kValidation, "regions", "regions must be a list of region codes");
    }
    std::set<std::string> regions;
    for (const Json& region : fields["regions"]) {
      if (!region.is_string() || known.count(region.get<std::string>()) == 0) {
        return FailField(ErrorCode::kValidation, "regions",
                         fmt::format("{} is not a WHO or UNICEF region; expected one of: {}",
                                     region.dump(), fmt::join(known, ", ")));
      }
      regions.insert(region.get<std::string>());
    }
    offer["regions"] = regions;
  }
  if (fields.contains("capacity")) {
    INSPIRE_ASSIGN_OR_RETURN(offer["capacity"], TextField(fields, "capacity", 1000));
  }
  if (fields.contains("status")) {
    INSPIRE_ASSIGN_OR_RETURN(offer["status"], ChoiceField(fields, "status", kOfferStatuses));
  }
  return {};
}

// Replaces the rows of `table` that list record `id`'s `items` (one per item, in `column`).
core::Result<void> SaveList(store::Connection& db, const std::string& table, const char* key,
                            const char* column, int64_t id, const Json& items) {
  INSPIRE_RETURN_IF_ERROR(db.Query(fmt::format("DELETE FROM {} WHERE {} = ?", table, key), {id}));
  const std::string insert =
      fmt::format("INSERT INTO {} ({}, {}) VALUES (?, ?)", table, key, column);
  for (const Json& item : items) {
    INSPIRE_RETURN_IF_ERROR(db.Query(insert, {id, item.get<std::string>()}));
  }
  return {};
}

core::Result<void> SaveNeed(store::Connection& db, int64_t id, const Json& need) {
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "UPDATE needs SET country_iso3 = ?, organization_id = ?, kind = ?, approaches = ?, "
      "description = ?, status = ?, updated_at = ? WHERE id = ?",
      {need["country"].get<std::string>(),
       need["organization_id"].is_null() ? store::kNull
                                         : store::Value(need["organization_id"].get<int64_t>()),
       need["kind"].get<std::string>(), need["approaches"].dump(),
       need["description"].get<std::string>(), need["status"].get<std::string>(), store::NowUtc(),
       id}));
  return SaveList(db, "need_approaches", "need_id", "approach_id", id, need["approaches"]);
}

core::Result<void> SaveOffer(store::Connection& db, int64_t id, const Json& offer) {
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "UPDATE offers SET organization_id = ?, kind = ?, approaches = ?, countries = ?, regions = "
      "?, capacity = ?, status = ?, updated_at = ? WHERE id = ?",
      {offer["organization_id"].get<int64_t>(), offer["kind"].get<std::string>(),
       offer["approaches"].dump(), offer["countries"].dump(), offer["regions"].dump(),
       offer["capacity"].get<std::string>(), offer["status"].get<std::string>(), store::NowUtc(),
       id}));
  INSPIRE_RETURN_IF_ERROR(
      SaveList(db, "offer_approaches", "offer_id", "approach_id", id, offer["approaches"]));
  INSPIRE_RETURN_IF_ERROR(
      SaveList(db, "offer_countries", "offer_id", "iso3", id, offer["countries"]));
  return SaveList(db, "offer_regions", "offer_id", "region", id, offer["regions"]);
}

core::Result<Json> Page(store::Connection& db, const std::string& table, const char* columns,
                        const std::string& where, std::vector<store::Value> params,
                        const CoordinationQuery& query, Json (*to_json)(const store::Row&)) {
  INSPIRE_RETURN_IF_ERROR(CheckPage(query.page, query.per_page, 500));
  INSPIRE_ASSIGN_OR_RETURN(const auto total,
                           db.Query("SELECT COUNT(*) FROM " + table + where, params));
  params.emplace_back(query.per_page);
  params.emplace_back((query.page - 1) * query.per_page);
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {} FROM {}{} ORDER BY id DESC LIMIT ? OFFSET ?", columns, table,
                           where),
               params));
  Json items = Json::array();
  for (const auto& row : found.rows) items.push_back(to_json(row));
  return Json{{"items", items},
              {"total", total.rows.at(0).Int(0)},
              {"page", query.page},
              {"per_page", query.per_page}};
}

}  // namespace

const std::vector<std::string>& SupportKinds() {
  static const std::vector<std::string> kinds = {"technical_assistance", "training", "funding",
                                                 "data_me", "adaptation_of_materials"};
  return kinds;
}

core::Result<Json> ListNeeds(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const CoordinationQuery& query) {
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!query.country.empty()) {
    INSPIRE_ASSIGN_OR_RETURN(const std::string iso3,
                             CountryCode(catalogue, Json(query.country), "country"));
    where += " AND country_iso3 = ?";
    params.emplace_back(iso3);
  }
  if (!query.approach.empty()) {
    where +=
        " AND EXISTS (SELECT 1 FROM need_approaches l WHERE l.need_id = needs.id AND "
        "l.approach_id = ?)";
    params.emplace_back(query.approach);
  }
  if (!query.kind.empty()) {
    where += " AND kind = ?";
    params.emplace_back(query.kind);
  }
  if (!query.status.empty()) {
    where += " AND status = ?";
    params.emplace_back(query.status);
  }
  if (query.organization != 0) {
    where += " AND organization_id = ?";
    params.emplace_back(query.organization);
  }
  return Page(db, "needs", kNeedColumns, where, params, query, NeedJson);
}

core::Result<Json> GetNeed(store::Connection& db, int64_t id) {
  return ReadOne(db, "needs", kNeedColumns, id, NeedJson);
}

core::Result<Json> CreateNeed(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, const Json& fields) {
  if (!actor.signed_in()) return Deny(actor, "record needs");
  Json need = {{"organization_id", nullptr}, {"description", ""}, {"status", "open"}};
  INSPIRE_RETURN_IF_ERROR(ApplyNeed(db, catalogue, fields, true, need));
  if (!MayWriteNeed(actor, need)) return Deny(actor, "record needs for this country");
  const std::string now = store::NowUtc();
  INSPIRE_ASSIGN_OR_RETURN(
      const auto inserted,
      db.Query("INSERT INTO needs (country_iso3, kind, approaches, status, created_at, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
               {need["country"].get<std::string>(), need["kind"].get<std::string>(),
                need["approaches"].dump(), need["status"].get<std::string>(), now, now}));
  const int64_t id = inserted.rows.at(0).Int(0);
  INSPIRE_RETURN_IF_ERROR(SaveNeed(db, id, need));
  INSPIRE_ASSIGN_OR_RETURN(Json created, GetNeed(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "create", "need", std::to_string(id), Json(), created));
  return created;
}

core::Result<Json> UpdateNeed(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, int64_t id, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, GetNeed(db, id));
  if (!MayWriteNeed(actor, before)) return Deny(actor, "edit this need");
  Json need = before;
  INSPIRE_RETURN_IF_ERROR(ApplyNeed(db, catalogue, fields, false, need));
  if (!MayWriteNeed(actor, need)) return Deny(actor, "move a need to that country");
  INSPIRE_RETURN_IF_ERROR(SaveNeed(db, id, need));
  INSPIRE_ASSIGN_OR_RETURN(Json after, GetNeed(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "update", "need", std::to_string(id), before, after));
  return after;
}

core::Result<void> DeleteNeed(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, GetNeed(db, id));
  if (!MayWriteNeed(actor, before)) return Deny(actor, "delete this need");
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM needs WHERE id = ?", {id}));
  return RecordAudit(db, actor, "delete", "need", std::to_string(id), before, Json());
}

core::Result<Json> ListOffers(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const CoordinationQuery& query) {
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!query.country.empty()) {
    INSPIRE_ASSIGN_OR_RETURN(const std::string iso3,
                             CountryCode(catalogue, Json(query.country), "country"));
    const catalogue::Country* country = catalogue.FindCountry(iso3);
    // Offered there: the country listed, one of its regions listed, or no place named at all.
    where +=
        " AND (EXISTS (SELECT 1 FROM offer_countries c WHERE c.offer_id = offers.id AND "
        "c.iso3 = ?) OR EXISTS (SELECT 1 FROM offer_regions r WHERE r.offer_id = offers.id AND "
        "r.region IN (?, ?)) OR (NOT EXISTS (SELECT 1 FROM offer_countries c WHERE c.offer_id = "
        "offers.id) AND NOT EXISTS (SELECT 1 FROM offer_regions r WHERE r.offer_id = "
        "offers.id)))";
    params.emplace_back(iso3);
    params.emplace_back(country->who_region.empty() ? "-" : country->who_region);
    params.emplace_back(country->unicef_region.empty() ? "-" : country->unicef_region);
  }
  if (!query.approach.empty()) {
    where +=
        " AND EXISTS (SELECT 1 FROM offer_approaches l WHERE l.offer_id = offers.id AND "
        "l.approach_id = ?)";
    params.emplace_back(query.approach);
  }
  if (!query.kind.empty()) {
    where += " AND kind = ?";
    params.emplace_back(query.kind);
  }
  if (!query.status.empty()) {
    where += " AND status = ?";
    params.emplace_back(query.status);
  }
  if (query.organization != 0) {
    where += " AND organization_id = ?";
    params.emplace_back(query.organization);
  }
  return Page(db, "offers", kOfferColumns, where, params, query, OfferJson);
}

core::Result<Json> GetOffer(store::Connection& db, int64_t id) {
  return ReadOne(db, "offers", kOfferColumns, id, OfferJson);
}

core::Result<Json> CreateOffer(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, const Json& fields) {
  if (!actor.signed_in()) return Deny(actor, "record offers");
  Json offer = {{"countries", Json::array()},
                {"regions", Json::array()},
                {"capacity", ""},
                {"status", "available"}};
  INSPIRE_RETURN_IF_ERROR(ApplyOffer(db, catalogue, fields, true, offer));
  if (!MayWriteOffer(actor, offer)) return Deny(actor, "record offers for this organisation");
  const std::string now = store::NowUtc();
  INSPIRE_ASSIGN_OR_RETURN(
      const auto inserted,
      db.Query("INSERT INTO offers (organization_id, kind, approaches, status, created_at, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
               {offer["organization_id"].get<int64_t>(), offer["kind"].get<std::string>(),
                offer["approaches"].dump(), offer["status"].get<std::string>(), now, now}));
  const int64_t id = inserted.rows.at(0).Int(0);
  INSPIRE_RETURN_IF_ERROR(SaveOffer(db, id, offer));
  INSPIRE_ASSIGN_OR_RETURN(Json created, GetOffer(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "create", "offer", std::to_string(id), Json(), created));
  return created;
}

core::Result<Json> UpdateOffer(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, int64_t id, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, GetOffer(db, id));
  if (!MayWriteOffer(actor, before)) return Deny(actor, "edit this offer");
  Json offer = before;
  INSPIRE_RETURN_IF_ERROR(ApplyOffer(db, catalogue, fields, false, offer));
  if (!MayWriteOffer(actor, offer)) return Deny(actor, "move an offer to that organisation");
  INSPIRE_RETURN_IF_ERROR(SaveOffer(db, id, offer));
  INSPIRE_ASSIGN_OR_RETURN(Json after, GetOffer(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "update", "offer", std::to_string(id), before, after));
  return after;
}

core::Result<void> DeleteOffer(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, GetOffer(db, id));
  if (!MayWriteOffer(actor, before)) return Deny(actor, "delete this offer");
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM offers WHERE id = ?", {id}));
  return RecordAudit(db, actor, "delete", "offer", std::to_string(id), before, Json());
}

core::Result<Json> CandidateOffers(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   int64_t need_id) {
  INSPIRE_ASSIGN_OR_RETURN(const Json need, GetNeed(db, need_id));
  const catalogue::Country* country = catalogue.FindCountry(need["country"].get<std::string>());
  INSPIRE_ASSIGN_OR_RETURN(
      const auto offers,
      db.Query(fmt::format("SELECT {} FROM offers WHERE kind = ? AND status = 'available'",
                           kOfferColumns),
               {need["kind"].get<std::string>()}));
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
  for (const auto& row : offers.rows) {
    Json offer = OfferJson(row);
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
