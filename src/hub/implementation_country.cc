#include "hub/implementation_country.h"

#include <fmt/format.h>

#include <map>

#include "hub/evidence.h"
#include "hub/implementation_sections.h"
#include "hub/implementation_summary.h"
#include "hub/studies.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;

// The item of `items` whose `key` is `value`, or null.
Json FindAnswer(const Json& items, const char* key, const std::string& value) {
  for (const Json& item : items) {
    if (item[key] == value) return item;
  }
  return Json();
}

// Section `name` of `sections`; an empty list when the round (or the section) is missing.
const Json& SectionOf(const Json& sections, const char* name) {
  static const Json kEmpty = Json::array();
  return sections.is_object() && sections.contains(name) ? sections[name] : kEmpty;
}

// The country's planned and ongoing partner activities per approach.
core::Result<std::map<std::string, int64_t>> ActivitiesPerApproach(store::Connection& db,
                                                                   const std::string& iso3) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT aa.approach_id, COUNT(DISTINCT a.id) FROM activities a JOIN "
               "activity_approaches aa ON aa.activity_id = a.id WHERE a.country_iso3 = ? AND "
               "a.status IN ('planned', 'ongoing') GROUP BY aa.approach_id",
               {iso3}));
  std::map<std::string, int64_t> counts;
  for (const auto& row : found.rows) counts[row.Text(0)] = row.Int(1);
  return counts;
}

// The country's surveys, each with the sources of the estimates the hub published for its year
// ("published": [{"source", "year"}], empty when none).
core::Result<Json> SurveysWithEstimates(store::Connection& db, const std::string& iso3,
                                        const Json& surveys) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(
          "SELECT year, source FROM estimate_sets WHERE country_iso3 = ? ORDER BY year, source",
          {iso3}));
  Json out = Json::array();
  for (Json survey : surveys) {
    survey["published"] = Json::array();
    for (const auto& row : found.rows) {
      if (!survey["year"].is_null() && survey["year"].get<int64_t>() == row.Int(0)) {
        survey["published"].push_back({{"source", row.Text(1)}, {"year", row.Int(0)}});
      }
    }
    out.push_back(std::move(survey));
  }
  return out;
}

// Per approach: how many studies, and how many outcomes' pooled effects point each way.
core::Result<std::map<std::string, Json>> EvidencePerApproach(
    store::Connection& db, const catalogue::Catalogue& catalogue) {
  INSPIRE_ASSIGN_OR_RETURN(const Json studies, AllStudies(db));
  INSPIRE_ASSIGN_OR_RETURN(const Json map, EvidenceMap(catalogue, studies));
  std::map<std::string, std::map<std::string, int64_t>> tallies;
  for (const Json& cell : map["cells"]) {
    auto& tally = tallies[cell["approach"].get<std::string>()];
    tally["studies"] += cell["studies"].get<int64_t>();
    for (const Json& analysis : cell["analyses"]) {
      if (analysis.contains("direction")) ++tally[analysis["direction"].get<std::string>()];
    }
  }
  std::map<std::string, Json> evidence;
  for (auto& [approach, tally] : tallies) {
    const int64_t good = tally["favourable"], bad = tally["unfavourable"];
    const std::string strength = good > 0 && bad > 0 ? "mixed"
                                 : good > 0          ? "favourable"
                                 : bad > 0           ? "unfavourable"
                                                     : "unclear";
    evidence[approach] = {{"studies", tally["studies"]},
                          {"favourable", good},
                          {"unfavourable", bad},
                          {"unclear", tally["unclear"]},
                          {"strength", strength}};
  }
  return evidence;
}

Json NoEvidence() {
  return {
      {"studies", 0}, {"favourable", 0}, {"unfavourable", 0}, {"unclear", 0}, {"strength", "none"}};
}

Json LawRows(const catalogue::Catalogue& catalogue, const std::string& strategy, const Json& latest,
             const Json& previous) {
  Json laws = Json::array();
  for (const auto& kind : catalogue.law_kinds()) {
    const auto* approach = catalogue.FindApproach(kind.approach_id);
    if (approach == nullptr || approach->strategy_id != strategy) continue;
    Json row = FindAnswer(SectionOf(latest, "laws"), "law", kind.id);
    if (row.is_null())
      row = {{"law", kind.id}, {"in_place", "unknown"}, {"enforcement", "unknown"}};
    row["name"] = kind.name;
    const Json was = FindAnswer(SectionOf(previous, "laws"), "law", kind.id);
    row["was"] = was.is_null()
                     ? Json()
                     : Json{{"in_place", was["in_place"]}, {"enforcement", was["enforcement"]}};
    laws.push_back(std::move(row));
  }
  return laws;
}

// Everything said about one approach in the country.
struct ApproachContext {
  const Json& latest;
  const Json& previous;
  const std::map<std::string, int64_t>& activities;
  const std::map<std::string, Json>& evidence;
};

Json ApproachRow(const catalogue::Approach& approach, const ApproachContext& context) {
  Json row = FindAnswer(SectionOf(context.latest, "approaches"), "approach", approach.id);
  if (row.is_null()) {
    row = {{"approach", approach.id},
           {"support", "unknown"},
           {"reach", "unknown"},
           {"scale", "unknown"},
           {"notes", ""}};
  }
  row["name"] = approach.name;
  const Json was = FindAnswer(SectionOf(context.previous, "approaches"), "approach", approach.id);
  row["was"] = was.is_null() ? Json() : Json{{"support", was["support"]}, {"reach", was["reach"]}};
  const auto count = context.activities.find(approach.id);
  row["activities"] = count == context.activities.end() ? 0 : count->second;
  const auto found = context.evidence.find(approach.id);
  row["evidence"] = found == context.evidence.end() ? NoEvidence() : found->second;
  row["gap"] = row["evidence"]["strength"] == "favourable" && row["support"] == "no" &&
               row["activities"] == 0;
  return row;
}

// The latest validated round's record and sections, and the previous one's sections.
struct CountryRounds {
  Json latest = Json();
  Json previous = Json();
  Json latest_sections = Json::object();
  Json previous_sections = Json::object();
  Json all = Json::array();
};

core::Result<CountryRounds> ReadRounds(store::Connection& db, const catalogue::Catalogue& catalogue,
                                       const std::string& iso3) {
  INSPIRE_ASSIGN_OR_RETURN(const auto by_country, ValidatedRounds(db, catalogue, {}, iso3));
  CountryRounds rounds;
  if (by_country.empty()) return rounds;
  const auto& list = by_country.front();
  for (const auto& round : list) {
    rounds.all.push_back(
        {{"id", round.id}, {"label", round.label}, {"reference_year", round.reference_year}});
  }
  std::vector<int64_t> ids = {list[0].id};
  if (list.size() > 1) ids.push_back(list[1].id);
  INSPIRE_ASSIGN_OR_RETURN(auto sections, ReadSectionsOf(db, ids));
  rounds.latest = rounds.all[0];
  rounds.latest["answers"] = list[0].answers;
  rounds.latest_sections = sections[list[0].id];
  rounds.latest["sections"] = rounds.latest_sections;
  if (list.size() > 1) {
    rounds.previous = rounds.all[1];
    rounds.previous_sections = sections[list[1].id];
  }
  return rounds;
}

}  // namespace

core::Result<Json> CountryImplementation(store::Connection& db,
                                         const catalogue::Catalogue& catalogue,
                                         const std::string& code) {
  const catalogue::Country* country = catalogue.FindCountry(code);
  if (country == nullptr) {
    return Fail(ErrorCode::kNotFound, fmt::format("no country with the code '{}'", code));
  }
  INSPIRE_ASSIGN_OR_RETURN(const CountryRounds rounds, ReadRounds(db, catalogue, country->iso3));
  INSPIRE_ASSIGN_OR_RETURN(const auto activities, ActivitiesPerApproach(db, country->iso3));
  INSPIRE_ASSIGN_OR_RETURN(const auto evidence, EvidencePerApproach(db, catalogue));
  const ApproachContext context{rounds.latest_sections, rounds.previous_sections, activities,
                                evidence};
  Json strategies = Json::array();
  Json gaps = Json::array();
  for (const auto& strategy : catalogue.strategies()) {
    Json approaches = Json::array();
    for (const auto* approach : catalogue.ApproachesOf(strategy.id)) {
      Json row = ApproachRow(*approach, context);
      if (row["gap"].get<bool>()) gaps.push_back(approach->id);
      approaches.push_back(std::move(row));
    }
    strategies.push_back({{"strategy", strategy.id},
                          {"name", strategy.name},
                          {"laws", LawRows(catalogue, strategy.id, rounds.latest_sections,
                                           rounds.previous_sections)},
                          {"approaches", std::move(approaches)}});
  }
  const auto section = [&](const char* name) { return SectionOf(rounds.latest_sections, name); };
  INSPIRE_ASSIGN_OR_RETURN(Json surveys,
                           SurveysWithEstimates(db, country->iso3, section("surveys")));
  return Json{{"country", country->iso3},
              {"name", country->name},
              {"round", rounds.latest},
              {"previous", rounds.previous},
              {"rounds", rounds.all},
              {"strategies", std::move(strategies)},
              {"plans", section("plans")},
              {"surveys", std::move(surveys)},
              {"milestones", section("milestones")},
              {"data", rounds.latest.is_null() ? Json() : rounds.latest["answers"]},
              {"gaps", std::move(gaps)}};
}

}  // namespace inspire::hub
