#include "hub/implementation_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "hub/implementation_fields.h"
#include "hub/implementation_sections.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

// A share of countries: how many count, out of how many answered.
struct Tally {
  int64_t count = 0;
  int64_t of = 0;
  void Add(bool answered, bool counted) {
    if (!answered) return;
    ++of;
    if (counted) ++count;
  }
};

Json Figure(const Tally& tally) {
  return {{"count", tally.count},
          {"of", tally.of},
          {"share", tally.of > 0
                        ? Json(static_cast<double>(tally.count) / static_cast<double>(tally.of))
                        : Json()}};
}

// The item of `items` whose `key` is `value`, or null.
const Json& ItemOf(const Json& items, const char* key, const std::string& value) {
  static const Json kNone;
  for (const Json& item : items) {
    if (item[key] == value) return item;
  }
  return kNone;
}

// The text answer `name` of `item`, "unknown" when the item is missing.
std::string Answer(const Json& item, const char* name) {
  return item.is_object() && item.contains(name) ? item[name].get<std::string>() : "unknown";
}

// One country's latest answers: the round and its sections.
struct CountryAnswers {
  const ValidatedRound* round = nullptr;
  Json sections;
};

Json LawFigures(const catalogue::Catalogue& catalogue, const std::vector<CountryAnswers>& all) {
  Json laws = Json::array();
  for (const auto& kind : catalogue.law_kinds()) {
    Tally in_place, partly, enforced;
    for (const auto& country : all) {
      const Json& item = ItemOf(country.sections["laws"], "law", kind.id);
      const std::string answer = Answer(item, "in_place");
      const std::string enforcement = Answer(item, "enforcement");
      in_place.Add(answer != "unknown", answer == "yes");
      partly.Add(answer != "unknown", answer == "partly");
      const bool exists = answer == "yes" || answer == "partly";
      enforced.Add(exists && enforcement != "unknown",
                   enforcement == "mostly" || enforcement == "fully");
    }
    laws.push_back({{"law", kind.id},
                    {"name", kind.name},
                    {"approach", kind.approach_id},
                    {"in_place", Figure(in_place)},
                    {"partly", Figure(partly)},
                    {"enforced", Figure(enforced)}});
  }
  return laws;
}

// True when any plan of `plans` answers `name` with `value`.
bool AnyPlan(const Json& plans, const char* name, const char* value) {
  for (const Json& plan : plans) {
    if (plan[name] == value) return true;
  }
  return false;
}

Json PlanFigures(const std::vector<CountryAnswers>& all) {
  Tally plan, funded, costed, targets, baselines, monitoring;
  for (const auto& country : all) {
    const Json& plans = country.sections["plans"];
    const bool has = !plans.empty();
    plan.Add(true, has);
    funded.Add(has, AnyPlan(plans, "funding", "full"));
    costed.Add(has, AnyPlan(plans, "costed", "yes"));
    targets.Add(has, AnyPlan(plans, "measurable_targets", "yes"));
    baselines.Add(has, AnyPlan(plans, "baselines", "yes"));
    monitoring.Add(has, AnyPlan(plans, "monitoring_framework", "yes"));
  }
  return {{"plan", Figure(plan)},           {"fully_funded", Figure(funded)},
          {"costed", Figure(costed)},       {"measurable_targets", Figure(targets)},
          {"baselines", Figure(baselines)}, {"monitoring_framework", Figure(monitoring)}};
}

Json DataFigures(const std::vector<CountryAnswers>& all) {
  Tally survey, homicide, baselines, targets;
  for (const auto& country : all) {
    const Json& answers = country.round->answers;
    survey.Add(true, !country.sections["surveys"].empty());
    homicide.Add(answers["homicide_data"] != "unknown",
                 answers["homicide_data"] == "by-age-and-sex");
    baselines.Add(answers["baselines_set"] != "unknown", answers["baselines_set"] == "yes");
    targets.Add(answers["targets_set"] != "unknown", answers["targets_set"] == "yes");
  }
  return {{"prevalence_survey", Figure(survey)},
          {"homicide_by_age_and_sex", Figure(homicide)},
          {"baselines_set", Figure(baselines)},
          {"targets_set", Figure(targets)}};
}

Json ApproachFigures(const catalogue::Catalogue& catalogue,
                     const std::vector<CountryAnswers>& all) {
  Json approaches = Json::array();
  for (const auto& approach : catalogue.approaches()) {
    Tally supported, reach;
    for (const auto& country : all) {
      const Json& item = ItemOf(country.sections["approaches"], "approach", approach.id);
      const std::string support = Answer(item, "support");
      const std::string reached = Answer(item, "reach");
      supported.Add(support != "unknown", support == "yes");
      reach.Add(support == "yes" && reached != "unknown", reached == "most" || reached == "all");
    }
    approaches.push_back({{"approach", approach.id},
                          {"strategy", approach.strategy_id},
                          {"name", approach.name},
                          {"supported", Figure(supported)},
                          {"sufficient_reach", Figure(reach)}});
  }
  return approaches;
}

Json StrategyFigures(const catalogue::Catalogue& catalogue,
                     const std::vector<CountryAnswers>& all) {
  Json strategies = Json::array();
  for (const auto& strategy : catalogue.strategies()) {
    Tally supported;
    for (const auto& country : all) {
      bool answered = false;
      bool any = false;
      for (const auto* approach : catalogue.ApproachesOf(strategy.id)) {
        const std::string support =
            Answer(ItemOf(country.sections["approaches"], "approach", approach->id), "support");
        answered = answered || support != "unknown";
        any = any || support == "yes";
      }
      supported.Add(answered, any);
    }
    strategies.push_back(
        {{"strategy", strategy.id}, {"name", strategy.name}, {"supported", Figure(supported)}});
  }
  return strategies;
}

Json MilestoneFigures(const std::vector<CountryAnswers>& all) {
  Json milestones = Json::array();
  for (const auto& milestone : Milestones()) {
    Tally reached;
    for (const auto& country : all) {
      const Json& item = ItemOf(country.sections["milestones"], "milestone", milestone);
      reached.Add(item.is_object(), Answer(item, "state") == "reached");
    }
    milestones.push_back({{"milestone", milestone}, {"reached", Figure(reached)}});
  }
  return milestones;
}

// Between each country's two latest validated rounds: laws that came into place or went, and
// approaches that gained or lost government support.
Json Changes(const catalogue::Catalogue& catalogue, const std::vector<CountryAnswers>& latest,
             const std::map<std::string, Json>& previous) {
  int64_t laws_gained = 0, laws_lost = 0, support_gained = 0, support_lost = 0;
  for (const auto& country : latest) {
    const auto before = previous.find(country.round->country);
    if (before == previous.end()) continue;
    for (const auto& kind : catalogue.law_kinds()) {
      const auto was = Answer(ItemOf(before->second["laws"], "law", kind.id), "in_place");
      const auto is = Answer(ItemOf(country.sections["laws"], "law", kind.id), "in_place");
      laws_gained += (is == "yes" && (was == "no" || was == "partly")) ? 1 : 0;
      laws_lost += (was == "yes" && (is == "no" || is == "partly")) ? 1 : 0;
    }
    for (const auto& approach : catalogue.approaches()) {
      const auto was =
          Answer(ItemOf(before->second["approaches"], "approach", approach.id), "support");
      const auto is =
          Answer(ItemOf(country.sections["approaches"], "approach", approach.id), "support");
      support_gained += (is == "yes" && was == "no") ? 1 : 0;
      support_lost += (was == "yes" && is == "no") ? 1 : 0;
    }
  }
  return {{"countries", static_cast<int64_t>(previous.size())},
          {"laws_gained", laws_gained},
          {"laws_lost", laws_lost},
          {"support_gained", support_gained},
          {"support_lost", support_lost}};
}

// Countries x approaches: each country's support and reach per approach, countries by name.
Json Matrix(const catalogue::Catalogue& catalogue, const std::vector<CountryAnswers>& all) {
  Json rows = Json::array();
  for (const auto& country : all) {
    Json cells = Json::object();
    for (const auto& approach : catalogue.approaches()) {
      const Json& item = ItemOf(country.sections["approaches"], "approach", approach.id);
      cells[approach.id] = {{"support", Answer(item, "support")}, {"reach", Answer(item, "reach")}};
    }
    const auto* known = catalogue.FindCountry(country.round->country);
    rows.push_back({{"country", country.round->country},
                    {"name", known != nullptr ? known->name : country.round->country},
                    {"approaches", std::move(cells)}});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Json& a, const Json& b) { return a["name"] < b["name"]; });
  return rows;
}

core::Result<std::vector<ValidatedRound>> QueryValidated(store::Connection& db,
                                                         const std::string& country) {
  std::string sql =
      "SELECT id, country_iso3, label, reference_year, homicide_data, baselines_set, targets_set "
      "FROM implementation_rounds WHERE status = 'validated'";
  std::vector<store::Value> params;
  if (!country.empty()) {
    sql += " AND country_iso3 = ?";
    params.emplace_back(country);
  }
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(sql + " ORDER BY country_iso3, reference_year DESC, id DESC", params));
  std::vector<ValidatedRound> rounds;
  for (const auto& row : found.rows) {
    rounds.push_back({row.Int(0), row.Text(1), row.Text(2), row.Int(3),
                      Json{{"homicide_data", row.Text(4)},
                           {"baselines_set", row.Text(5)},
                           {"targets_set", row.Text(6)}}});
  }
  return rounds;
}

}  // namespace

core::Result<CountryFilter> CountryFilterFrom(
    const catalogue::Catalogue& catalogue,
    const std::vector<std::pair<std::string, std::string>>& params) {
  CountryFilter filter;
  for (const auto& param : params) {
    const std::string& name = param.first;
    const std::string& value = param.second;  // named: clang 14 captures no structured binding
    if (value.empty()) continue;
    if (name == "region") {
      const auto& countries = catalogue.countries();
      if (std::none_of(countries.begin(), countries.end(), [&](const auto& c) {
            return c.who_region == value || c.unicef_region == value;
          })) {
        return FailField(
            ErrorCode::kInvalidArgument, "region",
            fmt::format("'{}' is not a WHO or UNICEF region code (e.g. AFR, ESAR)", value));
      }
      filter.region = value;
    } else if (name == "income") {
      if (value != "L" && value != "LM" && value != "UM" && value != "H" && value != "LMIC") {
        return FailField(ErrorCode::kInvalidArgument, "income",
                         "income must be L, LM, UM, H or LMIC (low and lower-middle)");
      }
      filter.income = value;
    }
  }
  return filter;
}

bool KeepsCountry(const catalogue::Catalogue& catalogue, const CountryFilter& filter,
                  const std::string& iso3) {
  const catalogue::Country* country = catalogue.FindCountry(iso3);
  if (country == nullptr) return false;
  if (!filter.region.empty() && country->who_region != filter.region &&
      country->unicef_region != filter.region) {
    return false;
  }
  const std::string& income = country->income_group;
  return filter.income.empty() || income == filter.income ||
         (filter.income == "LMIC" && (income == "L" || income == "LM"));
}

core::Result<std::vector<std::vector<ValidatedRound>>> ValidatedRounds(
    store::Connection& db, const catalogue::Catalogue& catalogue, const CountryFilter& filter,
    const std::string& country) {
  INSPIRE_ASSIGN_OR_RETURN(const auto rounds, QueryValidated(db, country));
  std::vector<std::vector<ValidatedRound>> by_country;
  for (const auto& round : rounds) {
    if (!KeepsCountry(catalogue, filter, round.country)) continue;
    if (by_country.empty() || by_country.back().front().country != round.country) {
      by_country.emplace_back();
    }
    by_country.back().push_back(round);
  }
  return by_country;
}

core::Result<Json> ImplementationSummary(store::Connection& db,
                                         const catalogue::Catalogue& catalogue,
                                         const CountryFilter& filter) {
  INSPIRE_ASSIGN_OR_RETURN(const auto by_country, ValidatedRounds(db, catalogue, filter));
  std::vector<int64_t> ids;
  for (const auto& rounds : by_country) {
    for (size_t i = 0; i < rounds.size() && i < 2; ++i) ids.push_back(rounds[i].id);
  }
  INSPIRE_ASSIGN_OR_RETURN(auto sections, ReadSectionsOf(db, ids));
  std::vector<CountryAnswers> latest;
  std::map<std::string, Json> previous;
  Json rounds = Json::array();
  for (const auto& country_rounds : by_country) {
    const ValidatedRound& round = country_rounds.front();
    latest.push_back({&round, sections[round.id]});
    if (country_rounds.size() > 1) previous[round.country] = sections[country_rounds[1].id];
    rounds.push_back({{"country", round.country},
                      {"id", round.id},
                      {"label", round.label},
                      {"reference_year", round.reference_year}});
  }
  return Json{{"filter", {{"region", filter.region}, {"income", filter.income}}},
              {"countries", static_cast<int64_t>(latest.size())},
              {"rounds", std::move(rounds)},
              {"laws", LawFigures(catalogue, latest)},
              {"plans", PlanFigures(latest)},
              {"data", DataFigures(latest)},
              {"strategies", StrategyFigures(catalogue, latest)},
              {"approaches", ApproachFigures(catalogue, latest)},
              {"milestones", MilestoneFigures(latest)},
              {"changes", Changes(catalogue, latest, previous)},
              {"matrix", Matrix(catalogue, latest)}};
}

}  // namespace inspire::hub
