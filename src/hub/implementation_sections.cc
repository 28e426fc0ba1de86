#include "hub/implementation_sections.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "hub/audit.h"
#include "hub/implementation_fields.h"
#include "hub/implementation_rounds.h"
#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

// Checks one item of a section beyond its declared fields; `where` prefixes field names.
using ItemCheck = core::Result<void> (*)(const catalogue::Catalogue& catalogue, const Json& item,
                                         const std::string& where);

// How one section is kept: its record kind (table and join tables), the field that must be
// unique within a round ("" for free lists), the most items, and its own checks.
struct Section {
  std::string name;
  RecordKind kind;
  std::string key;
  size_t max_items = 0;
  ItemCheck check = nullptr;
};

core::Result<void> CheckLaw(const catalogue::Catalogue& catalogue, const Json& item,
                            const std::string& where) {
  const std::string law = item["law"];
  if (catalogue.FindLawKind(law) != nullptr) return {};
  std::vector<std::string> ids;
  for (const auto& kind : catalogue.law_kinds()) ids.push_back(kind.id);
  return FailField(ErrorCode::kValidation, where + "law",
                   fmt::format("'{}' is not a kind of law of the catalogue; expected one of: {}",
                               law, fmt::join(ids, ", ")));
}

core::Result<void> CheckApproach(const catalogue::Catalogue& catalogue, const Json& item,
                                 const std::string& where) {
  const std::string approach = item["approach"];
  if (catalogue.FindApproach(approach) != nullptr) return {};
  return FailField(ErrorCode::kValidation, where + "approach",
                   fmt::format("'{}' is not an INSPIRE approach (e.g. P4.1)", approach));
}

core::Result<void> CheckPlan(const catalogue::Catalogue&, const Json& item,
                             const std::string& where) {
  if (!item["start_year"].is_null() && !item["end_year"].is_null() &&
      item["end_year"].get<int64_t>() < item["start_year"].get<int64_t>()) {
    return FailField(ErrorCode::kValidation, where + "end_year",
                     "end_year comes before start_year");
  }
  return {};
}

core::Result<void> CheckSurvey(const catalogue::Catalogue&, const Json& item,
                               const std::string& where) {
  for (const char* name : {"age_min", "age_max"}) {
    const Json& age = item[name];
    if (!age.is_null() &&
        (age.get<double>() > 120 || age.get<double>() != std::floor(age.get<double>()))) {
      return FailField(ErrorCode::kValidation, where + name,
                       fmt::format("{} must be a whole number of years from 0 to 120", name));
    }
  }
  if (!item["age_min"].is_null() && !item["age_max"].is_null() &&
      item["age_max"].get<double>() < item["age_min"].get<double>()) {
    return FailField(ErrorCode::kValidation, where + "age_max", "age_max is below age_min");
  }
  return {};
}

RecordKind KindOf(const RecordFields& fields, std::string table, std::string key_column) {
  return RecordKind{
      .fields = &fields, .table = std::move(table), .key_column = std::move(key_column)};
}

const std::vector<Section>& Sections() {
  static const std::vector<Section> sections = {
      {"laws", KindOf(LawAnswerFields(), "implementation_laws", "law_id"), "law", 100, CheckLaw},
      {"approaches", KindOf(ApproachAnswerFields(), "implementation_approaches", "approach_row"),
       "approach", 100, CheckApproach},
      {"milestones", KindOf(MilestoneFields(), "implementation_milestones", "milestone_id"),
       "milestone", 20, nullptr},
      {"plans", KindOf(PlanFields(), "implementation_plans", "plan_id"), "", 50, CheckPlan},
      {"surveys", KindOf(SurveyFields(), "implementation_surveys", "survey_id"), "", 100,
       CheckSurvey}};
  return sections;
}

const Section* FindSection(const std::string& name) {
  for (const Section& section : Sections()) {
    if (section.name == name) return &section;
  }
  return nullptr;
}

// An item as it leaves the hub: its answers only.
Json Answers(Json item) {
  for (const char* name : {"id", "round_id", "created_at", "updated_at"}) item.erase(name);
  return item;
}

core::Result<Json> ReadSection(store::Connection& db, const Section& section, int64_t round_id) {
  INSPIRE_ASSIGN_OR_RETURN(
      Json items, SelectRecords(db, section.kind, " AND r.round_id = ?", {round_id}, "r.id"));
  for (Json& item : items) item = Answers(std::move(item));
  return items;
}

// The items of `section` checked and completed (every field present), ready to store.
core::Result<Json> CheckedItems(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const Section& section, const Json& items) {
  if (!items.is_array() || items.size() > section.max_items) {
    return FailField(
        ErrorCode::kValidation, section.name,
        fmt::format("{} must be a list of at most {} items", section.name, section.max_items));
  }
  Json checked = Json::array();
  std::set<std::string> keys;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string where = fmt::format("{}[{}].", section.name, i);
    auto given = CheckFields(*section.kind.fields, db, catalogue, items[i], true);
    if (!given) {
      core::Error error = given.error();
      error.field = where + error.field;
      return tl::unexpected(std::move(error));
    }
    Json item = NewRecord(*section.kind.fields);
    for (const auto& [name, value] : given->items()) item[name] = value;
    if (section.check != nullptr) INSPIRE_RETURN_IF_ERROR(section.check(catalogue, item, where));
    if (!section.key.empty() && !keys.insert(item[section.key].get<std::string>()).second) {
      return FailField(ErrorCode::kValidation, where + section.key,
                       fmt::format("{} '{}' is answered twice", section.key,
                                   item[section.key].get<std::string>()));
    }
    checked.push_back(std::move(item));
  }
  return checked;
}

// Replaces the stored items of `section` in round `round_id` with `items` (checked).
core::Result<void> Replace(store::Connection& db, const Section& section, int64_t round_id,
                           const Json& items) {
  INSPIRE_RETURN_IF_ERROR(
      db.Query(fmt::format("DELETE FROM {} WHERE round_id = ?", section.kind.table), {round_id}));
  for (Json item : items) {
    item["round_id"] = round_id;
    INSPIRE_RETURN_IF_ERROR(StoreRecord(db, section.kind, item));
  }
  return {};
}

}  // namespace

const std::vector<std::string>& SectionNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const Section& section : Sections()) all.push_back(section.name);
    return all;
  }();
  return names;
}

const RecordFields* SectionFields(const std::string& name) {
  const Section* section = FindSection(name);
  return section == nullptr ? nullptr : section->kind.fields;
}

std::string SectionKeyField(const std::string& section) {
  const Section* found = FindSection(section);
  return found == nullptr ? "" : found->key;
}

bool IsSectionKeyField(const std::string& field) {
  const auto& all = Sections();
  return !field.empty() &&
         std::any_of(all.begin(), all.end(), [&](const Section& s) { return s.key == field; });
}

core::Result<Json> ReadSections(store::Connection& db, int64_t round_id) {
  Json sections = Json::object();
  for (const Section& section : Sections()) {
    INSPIRE_ASSIGN_OR_RETURN(sections[section.name], ReadSection(db, section, round_id));
  }
  return sections;
}

core::Result<std::map<int64_t, Json>> ReadSectionsOf(store::Connection& db,
                                                     const std::vector<int64_t>& round_ids) {
  std::map<int64_t, Json> by_round;
  for (const int64_t id : round_ids) {
    by_round[id] = Json::object();
    for (const Section& section : Sections()) by_round[id][section.name] = Json::array();
  }
  constexpr size_t kPerQuery = 500;
  for (size_t from = 0; from < round_ids.size(); from += kPerQuery) {
    const size_t count = std::min(kPerQuery, round_ids.size() - from);
    const std::vector<store::Value> chunk(round_ids.begin() + static_cast<ptrdiff_t>(from),
                                          round_ids.begin() + static_cast<ptrdiff_t>(from + count));
    const std::string where = fmt::format(" AND r.round_id IN ({})", store::Placeholders(count));
    for (const Section& section : Sections()) {
      INSPIRE_ASSIGN_OR_RETURN(Json items, SelectRecords(db, section.kind, where, chunk, "r.id"));
      for (Json& item : items) {
        const int64_t round = item["round_id"];
        by_round[round][section.name].push_back(Answers(std::move(item)));
      }
    }
  }
  return by_round;
}

core::Result<Json> SaveSection(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, int64_t round_id, const std::string& section,
                               const Json& items) {
  const Section* found = FindSection(section);
  if (found == nullptr) {
    return FailField(ErrorCode::kNotFound, "section",
                     fmt::format("a round has no section '{}'; its sections: {}", section,
                                 fmt::join(SectionNames(), ", ")));
  }
  INSPIRE_RETURN_IF_ERROR(EditableRound(db, actor, round_id));
  INSPIRE_ASSIGN_OR_RETURN(const Json checked, CheckedItems(db, catalogue, *found, items));
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadSection(db, *found, round_id));
  INSPIRE_RETURN_IF_ERROR(Replace(db, *found, round_id, checked));
  INSPIRE_ASSIGN_OR_RETURN(Json after, ReadSection(db, *found, round_id));
  INSPIRE_RETURN_IF_ERROR(db.Query("UPDATE implementation_rounds SET updated_at = ? WHERE id = ?",
                                   {store::NowUtc(), round_id}));
  INSPIRE_RETURN_IF_ERROR(RecordAudit(db, actor, "update", RoundFields().kind,
                                      std::to_string(round_id), Json{{section, before}},
                                      Json{{section, after}}));
  return after;
}

core::Result<void> CopySections(store::Connection& db, int64_t from, int64_t to) {
  for (const Section& section : Sections()) {
    INSPIRE_ASSIGN_OR_RETURN(const Json items, ReadSection(db, section, from));
    Json complete = Json::array();
    for (const Json& item : items) {
      Json full = NewRecord(*section.kind.fields);
      for (const auto& [key, value] : item.items()) full[key] = value;
      complete.push_back(std::move(full));
    }
    INSPIRE_RETURN_IF_ERROR(Replace(db, section, to, complete));
  }
  return {};
}

}  // namespace inspire::hub
