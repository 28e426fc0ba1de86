#include "hub/activities.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "hub/audit.h"
#include "hub/catalogue_fields.h"
#include "hub/fields.h"
#include "hub/organizations.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;

struct Activity {
  int64_t organization_id = 0;
  std::string title, description, country, area, status, start_date, end_date, target_population,
      currency, funding_source;
  std::optional<double> people_reached, budget;
  std::vector<std::string> approaches;
};

constexpr const char* kActivityColumns =
    "id, organization_id, title, description, country_iso3, area, status, start_date, end_date, "
    "target_population, people_reached, budget, currency, funding_source, created_at, updated_at";

// The activities of `found` (rows of kActivityColumns) as JSON, with their approaches fetched in
// one more query for all of them.
core::Result<Json> ToJson(store::Connection& db, const store::QueryResult& found) {
  Json items = Json::array();
  if (found.rows.empty()) return items;
  std::vector<store::Value> ids;
  for (const auto& row : found.rows) ids.emplace_back(row.Int(0));
  INSPIRE_ASSIGN_OR_RETURN(
      const auto approaches,
      db.Query("SELECT activity_id, approach_id FROM activity_approaches WHERE activity_id IN (" +
                   store::Placeholders(ids.size()) + ") ORDER BY activity_id, approach_id",
               ids));
  std::map<int64_t, Json> approach_lists;
  for (const auto& a : approaches.rows) approach_lists[a.Int(0)].push_back(a.Text(1));
  for (const auto& r : found.rows) {
    const auto number = [&](size_t i) { return r.IsNull(i) ? Json() : Json(r.Real(i)); };
    const auto it = approach_lists.find(r.Int(0));
    items.push_back(Json{{"id", r.Int(0)},
                         {"organization_id", r.Int(1)},
                         {"title", r.Text(2)},
                         {"description", r.Text(3)},
                         {"country", r.Text(4)},
                         {"area", r.Text(5)},
                         {"status", r.Text(6)},
                         {"approaches", it != approach_lists.end() ? it->second : Json::array()},
                         {"start_date", r.Text(7)},
                         {"end_date", r.Text(8)},
                         {"target_population", r.Text(9)},
                         {"people_reached", number(10)},
                         {"budget", number(11)},
                         {"currency", r.Text(12)},
                         {"funding_source", r.Text(13)},
                         {"created_at", r.Text(14)},
                         {"updated_at", r.Text(15)}});
  }
  return items;
}

core::Result<Json> ReadActivity(store::Connection& db, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {} FROM activities WHERE id = ?", kActivityColumns), {id}));
  if (found.rows.empty()) return Fail(ErrorCode::kNotFound, fmt::format("no activity {}", id));
  INSPIRE_ASSIGN_OR_RETURN(Json items, ToJson(db, found));
  return items[0];
}

Activity ActivityFromJson(const Json& json) {
  Activity a;
  a.organization_id = json["organization_id"];
  a.title = json["title"];
  a.description = json["description"];
  a.country = json["country"];
  a.area = json["area"];
  a.status = json["status"];
  a.start_date = json["start_date"];
  a.end_date = json["end_date"];
  a.target_population = json["target_population"];
  if (!json["people_reached"].is_null()) a.people_reached = json["people_reached"].get<double>();
  if (!json["budget"].is_null()) a.budget = json["budget"].get<double>();
  a.currency = json["currency"];
  a.funding_source = json["funding_source"];
  for (const auto& approach : json["approaches"]) a.approaches.push_back(approach);
  return a;
}

// Applies the fields saying who does what where (organisation, title, description, country,
// area, status, approaches).
core::Result<void> ApplyWhat(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const Json& fields, Activity& a) {
  if (fields.contains("organization_id")) {
    INSPIRE_ASSIGN_OR_RETURN(a.organization_id, OrganizationField(db, fields, "organization_id"));
  }
  if (fields.contains("title")) {
    INSPIRE_ASSIGN_OR_RETURN(a.title, TextField(fields, "title", 300));
    if (a.title.find_first_not_of(" \t") == std::string::npos) {
      return FailField(ErrorCode::kValidation, "title", "title must not be empty");
    }
  }
  if (fields.contains("description")) {
    INSPIRE_ASSIGN_OR_RETURN(a.description, TextField(fields, "description", 5000));
  }
  if (fields.contains("country")) {
    INSPIRE_ASSIGN_OR_RETURN(a.country, CountryField(catalogue, fields, "country"));
  }
  if (fields.contains("area")) {
    INSPIRE_ASSIGN_OR_RETURN(a.area, TextField(fields, "area", 200));
  }
  if (fields.contains("status")) {
    INSPIRE_ASSIGN_OR_RETURN(a.status, ChoiceField(fields, "status", ActivityStatuses()));
  }
  if (fields.contains("approaches")) {
    INSPIRE_ASSIGN_OR_RETURN(a.approaches, ApproachesField(catalogue, fields, "approaches"));
  }
  return {};
}

// Applies the fields saying when, for whom and with what money (dates, population, people
// reached, budget, currency, funding source).
core::Result<void> ApplyScope(const Json& fields, Activity& a) {
  if (fields.contains("start_date")) {
    INSPIRE_ASSIGN_OR_RETURN(a.start_date, DateField(fields, "start_date"));
  }
  if (fields.contains("end_date")) {
    INSPIRE_ASSIGN_OR_RETURN(a.end_date, DateField(fields, "end_date"));
  }
  if (!a.start_date.empty() && !a.end_date.empty() &&
      a.end_date.substr(0, a.start_date.size()) < a.start_date.substr(0, a.end_date.size())) {
    return FailField(ErrorCode::kValidation, "end_date", "end_date comes before start_date");
  }
  if (fields.contains("target_population")) {
    INSPIRE_ASSIGN_OR_RETURN(a.target_population, TextField(fields, "target_population", 300));
  }
  if (fields.contains("people_reached")) {
    INSPIRE_ASSIGN_OR_RETURN(a.people_reached, NonNegativeField(fields, "people_reached"));
  }
  if (fields.contains("budget")) {
    INSPIRE_ASSIGN_OR_RETURN(a.budget, NonNegativeField(fields, "budget"));
  }
  if (fields.contains("currency")) {
    INSPIRE_ASSIGN_OR_RETURN(a.currency, TextField(fields, "currency", 3));
    const bool letters = std::all_of(a.currency.begin(), a.currency.end(),
                                     [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!a.currency.empty() && (a.currency.size() != 3 || !letters)) {
      return FailField(ErrorCode::kValidation, "currency",
                       "currency must be an ISO 4217 code such as USD or KES");
    }
  }
  if (a.budget && a.currency.empty()) {
    return FailField(ErrorCode::kValidation, "currency", "a budget needs its currency");
  }
  if (fields.contains("funding_source")) {
    INSPIRE_ASSIGN_OR_RETURN(a.funding_source, TextField(fields, "funding_source", 300));
  }
  return {};
}

core::Result<void> Apply(store::Connection& db, const catalogue::Catalogue& catalogue,
                         const Json& fields, bool creating, Activity& a) {
  INSPIRE_RETURN_IF_ERROR(CheckKnownFields(
      fields, {"organization_id", "title", "description", "country", "area", "status", "approaches",
               "start_date", "end_date", "target_population", "people_reached", "budget",
               "currency", "funding_source"}));
  if (creating) {
    INSPIRE_RETURN_IF_ERROR(
        CheckRequired(fields, {"organization_id", "title", "country", "status", "approaches"}));
  }
  INSPIRE_RETURN_IF_ERROR(ApplyWhat(db, catalogue, fields, a));
  return ApplyScope(fields, a);
}

// May `actor` write an activity of organisation `org` in `country`?
bool MayWrite(const Actor& actor, int64_t org, const std::string& country) {
  if (actor.IsStaff()) return true;
  if (!actor.user_id) return false;
  if (actor.role == Role::kOrgEditor) return actor.organization_id && *actor.organization_id == org;
  if (actor.role == Role::kCountryFocalPoint) return actor.country_iso3 == country;
  return false;
}

core::Result<void> WriteActivity(store::Connection& db, int64_t id, const Activity& a) {
  const auto optional = [](const std::optional<double>& v) {
    return v ? store::Value(*v) : store::kNull;
  };
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "UPDATE activities SET organization_id = ?, title = ?, description = ?, country_iso3 = ?, "
      "area = ?, status = ?, start_date = ?, end_date = ?, target_population = ?, "
      "people_reached = ?, budget = ?, currency = ?, funding_source = ?, updated_at = ? WHERE id "
      "= ?",
      {a.organization_id, a.title, a.description, a.country, a.area, a.status, a.start_date,
       a.end_date, a.target_population, optional(a.people_reached), optional(a.budget), a.currency,
       a.funding_source, store::NowUtc(), id}));
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM activity_approaches WHERE activity_id = ?", {id}));
  for (const auto& approach : a.approaches) {
    INSPIRE_RETURN_IF_ERROR(
        db.Query("INSERT INTO activity_approaches (activity_id, approach_id) VALUES (?, ?)",
                 {id, approach}));
  }
  return {};
}

}  // namespace

const std::vector<std::string>& ActivityStatuses() {
  static const std::vector<std::string> statuses = {"planned", "ongoing", "completed"};
  return statuses;
}

core::Result<Json> ListActivities(store::Connection& db, const ActivityQuery& query) {
  static const std::vector<std::pair<std::string, std::string>> kSorts = {
      {"title", "LOWER(a.title), a.id"},    {"-title", "LOWER(a.title) DESC, a.id DESC"},
      {"start_date", "a.start_date, a.id"}, {"-start_date", "a.start_date DESC, a.id DESC"},
      {"updated_at", "a.updated_at, a.id"}, {"-updated_at", "a.updated_at DESC, a.id DESC"}};
  const auto sort = std::find_if(kSorts.begin(), kSorts.end(),
                                 [&](const auto& entry) { return entry.first == query.sort; });
  if (sort == kSorts.end()) {
    return FailField(ErrorCode::kValidation, "sort",
                     fmt::format("unknown sort '{}'; expected title, start_date or updated_at, "
                                 "with - for descending",
                                 query.sort));
  }
  INSPIRE_RETURN_IF_ERROR(CheckPage(query.page, query.per_page, 500));
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  const auto upper = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
  };
  if (!query.country.empty()) {
    where += " AND a.country_iso3 = ?";
    params.emplace_back(upper(query.country));
  }
  if (!query.status.empty()) {
    where += " AND a.status = ?";
    params.emplace_back(query.status);
  }
  if (query.organization != 0) {
    where += " AND a.organization_id = ?";
    params.emplace_back(query.organization);
  }
  if (!query.organization_type.empty()) {
    where += " AND o.type = ?";
    params.emplace_back(query.organization_type);
  }
  if (!query.approach.empty()) {
    where += " AND a.id IN (SELECT activity_id FROM activity_approaches WHERE approach_id = ?)";
    params.emplace_back(upper(query.approach));
  }
  if (!query.strategy.empty()) {
    // Approach ids are "<strategy>.<n>": the strategy's approaches share its prefix.
    where +=
        " AND a.id IN (SELECT activity_id FROM activity_approaches WHERE approach_id LIKE ? ESCAPE "
        "'!')";
    params.emplace_back(LikeEscape(upper(query.strategy)) + ".%");
  }
  const std::string from = " FROM activities a JOIN organizations o ON o.id = a.organization_id";
  INSPIRE_ASSIGN_OR_RETURN(const auto total, db.Query("SELECT COUNT(*)" + from + where, params));
  params.emplace_back(query.per_page);
  params.emplace_back((query.page - 1) * query.per_page);
  std::string columns;
  for (std::string_view rest = kActivityColumns; !rest.empty();) {
    const size_t comma = rest.find(',');
    std::string_view name = rest.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    columns += (columns.empty() ? "a." : ", a.") + std::string(name);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found, db.Query("SELECT " + columns + from + where + " ORDER BY " + sort->second +
                                     " LIMIT ? OFFSET ?",
                                 params));
  INSPIRE_ASSIGN_OR_RETURN(Json items, ToJson(db, found));
  return Json{{"items", items},
              {"total", total.rows.at(0).Int(0)},
              {"page", query.page},
              {"per_page", query.per_page}};
}

core::Result<Json> GetActivity(store::Connection& db, int64_t id) { return ReadActivity(db, id); }

core::Result<Json> CreateActivity(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const Actor& actor, const Json& fields) {
  if (!actor.signed_in()) return Deny(actor, "create activities");
  Activity a;
  INSPIRE_RETURN_IF_ERROR(Apply(db, catalogue, fields, true, a));
  if (!MayWrite(actor, a.organization_id, a.country)) {
    return Deny(actor, "create activities for this organisation or country");
  }
  const std::string now = store::NowUtc();
  INSPIRE_ASSIGN_OR_RETURN(
      const auto inserted,
      db.Query("INSERT INTO activities (organization_id, title, country_iso3, status, created_at, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
               {a.organization_id, a.title, a.country, a.status, now, now}));
  const int64_t id = inserted.rows.at(0).Int(0);
  INSPIRE_RETURN_IF_ERROR(WriteActivity(db, id, a));
  INSPIRE_ASSIGN_OR_RETURN(Json created, ReadActivity(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "create", "activity", std::to_string(id), Json(), created));
  return created;
}

core::Result<Json> UpdateActivity(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const Actor& actor, int64_t id, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadActivity(db, id));
  Activity a = ActivityFromJson(before);
  if (!MayWrite(actor, a.organization_id, a.country)) return Deny(actor, "edit this activity");
  INSPIRE_RETURN_IF_ERROR(Apply(db, catalogue, fields, false, a));
  // Moving it to another organisation or country needs the right to write there too.
  if (!MayWrite(actor, a.organization_id, a.country)) {
    return Deny(actor, "move an activity to that organisation or country");
  }
  INSPIRE_RETURN_IF_ERROR(WriteActivity(db, id, a));
  INSPIRE_ASSIGN_OR_RETURN(Json after, ReadActivity(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "update", "activity", std::to_string(id), before, after));
  return after;
}

core::Result<void> DeleteActivity(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadActivity(db, id));
  if (!MayWrite(actor, before["organization_id"].get<int64_t>(),
                before["country"].get<std::string>())) {
    return Deny(actor, "delete this activity");
  }
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM activities WHERE id = ?", {id}));
  return RecordAudit(db, actor, "delete", "activity", std::to_string(id), before, Json());
}

}  // namespace inspire::hub
