#include "web/implementation_pages.h"

#include <fmt/format.h>

#include "charts/charts.h"
#include "charts/shares.h"
#include "hub/implementation_country.h"
#include "hub/implementation_fields.h"
#include "hub/implementation_summary.h"
#include "web/page_text.h"
#include "web/templates.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

// A figure as the tables show it: "61% (11 of 18)", or "—" when nobody answered.
Json FigureCells(const Json& figure) {
  const int64_t of = figure["of"];
  return {{"share", of > 0 ? charts::Percent(figure["share"].get<double>()) : "—"},
          {"count", figure["count"]},
          {"of", of}};
}

charts::Share ShareOf(const std::string& label, const Json& figure) {
  return {label, figure["count"].get<long long>(), figure["of"].get<long long>()};
}

Json LawsView(const Json& summary, std::vector<charts::Share>& bars) {
  Json rows = Json::array();
  for (const Json& law : summary["laws"]) {
    bars.push_back(ShareOf(law["name"], law["in_place"]));
    rows.push_back({{"name", law["name"]},
                    {"approach", law["approach"]},
                    {"in_place", FigureCells(law["in_place"])},
                    {"partly", FigureCells(law["partly"])},
                    {"enforced", FigureCells(law["enforced"])}});
  }
  return rows;
}

Json PlanRows(const Json& summary) {
  const std::vector<std::pair<std::string, std::pair<const char*, const char*>>> figures = {
      {"impl_plan", {"plans", "plan"}},
      {"impl_fully_funded", {"plans", "fully_funded"}},
      {"impl_costed", {"plans", "costed"}},
      {"impl_measurable_targets", {"plans", "measurable_targets"}},
      {"impl_plan_baselines", {"plans", "baselines"}},
      {"impl_monitoring_framework", {"plans", "monitoring_framework"}},
      {"impl_prevalence_survey", {"data", "prevalence_survey"}},
      {"impl_homicide", {"data", "homicide_by_age_and_sex"}},
      {"impl_baselines_set", {"data", "baselines_set"}},
      {"impl_targets_set", {"data", "targets_set"}}};
  Json rows = Json::array();
  for (const auto& [key, where] : figures) {
    Json row = FigureCells(summary[where.first][where.second]);
    row["name"] = Label("", key);
    rows.push_back(std::move(row));
  }
  return rows;
}

Json ApproachGroups(const catalogue::Catalogue& catalogue, const Json& summary) {
  Json groups = Json::array();
  for (const auto& strategy : catalogue.strategies()) {
    Json rows = Json::array();
    for (const Json& approach : summary["approaches"]) {
      if (approach["strategy"] != strategy.id) continue;
      rows.push_back({{"id", approach["approach"]},
                      {"name", approach["name"]},
                      {"supported", FigureCells(approach["supported"])},
                      {"reach", FigureCells(approach["sufficient_reach"])}});
    }
    groups.push_back({{"id", strategy.id}, {"name", strategy.name}, {"rows", std::move(rows)}});
  }
  return groups;
}

// The grid's level of one answer: not supported, supported with reach unknown, few, some, most.
int GridLevel(const Json& cell) {
  if (cell["support"] == "no") return 0;
  if (cell["support"] != "yes") return -1;
  const std::string reach = cell["reach"];
  if (reach == "most" || reach == "all") return 4;
  if (reach == "some") return 3;
  if (reach == "none" || reach == "few") return 2;
  return 1;
}

// The countries x approaches grid as a chart, and its rows for the table.
Json MatrixView(const catalogue::Catalogue& catalogue, const Json& summary) {
  charts::Grid grid;
  grid.levels = {{Label("", "impl_level_not_supported"), "#d9d9d9"},
                 {Label("", "impl_level_reach_unknown"), "#c6dbef"},
                 {Label("", "impl_level_few"), "#9ecae1"},
                 {Label("", "impl_level_some"), "#4292c6"},
                 {Label("", "impl_level_most"), "#08519c"}};
  for (const auto& approach : catalogue.approaches()) grid.columns.push_back(approach.id);
  Json rows = Json::array();
  for (const Json& country : summary["matrix"]) {
    grid.rows.push_back(country["name"]);
    std::vector<int> cells;
    Json answers = Json::array();
    for (const auto& approach : catalogue.approaches()) {
      const Json& cell = country["approaches"][approach.id];
      cells.push_back(GridLevel(cell));
      const int level = cells.back();
      answers.push_back(level < 0 ? "—" : grid.levels[static_cast<size_t>(level)].label);
    }
    grid.cells.push_back(std::move(cells));
    rows.push_back({{"country", country["country"]},
                    {"name", country["name"]},
                    {"answers", std::move(answers)}});
  }
  return {{"chart", charts::AnswerGrid(
                        grid, {Label("", "impl_matrix_chart"), Label("", "impl_matrix_desc")})},
          {"columns", grid.columns},
          {"rows", std::move(rows)}};
}

std::vector<charts::Share> StrategyBars(const Json& summary) {
  std::vector<charts::Share> bars;
  for (const Json& strategy : summary["strategies"]) {
    bars.push_back(ShareOf(strategy["name"], strategy["supported"]));
  }
  return bars;
}

Json MilestoneRows(const Json& summary) {
  Json rows = Json::array();
  for (const Json& milestone : summary["milestones"]) {
    Json row = FigureCells(milestone["reached"]);
    row["name"] = Label("milestone_", milestone["milestone"]);
    rows.push_back(std::move(row));
  }
  return rows;
}

// The summary's view for the template.
Json SummaryView(const catalogue::Catalogue& catalogue, const Json& summary) {
  std::vector<charts::Share> law_bars;
  Json laws = LawsView(summary, law_bars);
  const std::string laws_chart =
      charts::ShareBars(law_bars, {Label("", "impl_laws_chart"), Label("", "impl_laws_desc")});
  const std::string strategies_chart =
      charts::ShareBars(StrategyBars(summary),
                        {Label("", "impl_strategies_chart"), Label("", "impl_strategies_desc")});
  return {{"countries", summary["countries"]},
          {"has_countries", summary["countries"].get<int64_t>() > 0},
          {"laws", std::move(laws)},
          {"laws_chart", laws_chart},
          {"plans", PlanRows(summary)},
          {"strategies_chart", strategies_chart},
          {"approach_groups", ApproachGroups(catalogue, summary)},
          {"milestones", MilestoneRows(summary)},
          {"changes", FilledLabel("impl_changes", summary["changes"])},
          {"has_changes", summary["changes"]["countries"].get<int64_t>() > 0},
          {"matrix", MatrixView(catalogue, summary)}};
}

}  // namespace

core::Result<Page> ImplementationPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                      const PageInput& input) {
  std::vector<std::pair<std::string, std::string>> params;
  for (const char* name : {"region", "income"}) {
    if (!input.Param(name).empty()) params.emplace_back(name, input.Param(name));
  }
  INSPIRE_ASSIGN_OR_RETURN(const hub::CountryFilter filter,
                           hub::CountryFilterFrom(catalogue, params));
  INSPIRE_ASSIGN_OR_RETURN(const Json summary, hub::ImplementationSummary(db, catalogue, filter));
  Json view = SummaryView(catalogue, summary);
  view["filters"] = RegionIncomeChoices(catalogue, filter.region, filter.income);
  view["filtered"] = !params.empty();
  view["signed_in"] = input.signed_in;
  view["query"] = params.empty() ? "" : "?" + UrlQuery(params);
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("implementation", view));
  return Page{200, Label("", "impl_title"), std::move(main), "implementation"};
}

namespace {

// A link for the template: null when there is none (an empty string would still open a section).
Json LinkOf(const Json& item) {
  const std::string link = item.value("link", "");
  return link.empty() ? Json() : Json(link);
}

// "yes", or "no (was yes)" when the previous round said otherwise.
Json Answer(const std::string& value, const Json& was, const char* name) {
  Json cell = {{"text", Label("answer_", value)}, {"value", value}};
  if (was.is_object() && was[name] != value) {
    cell["was"] = Label("answer_", was[name].get<std::string>());
  }
  return cell;
}

Json LawRows(const Json& laws) {
  Json rows = Json::array();
  for (const Json& law : laws) {
    rows.push_back({{"name", law["name"]},
                    {"in_place", Answer(law["in_place"], law["was"], "in_place")},
                    {"enforcement", Answer(law["enforcement"], law["was"], "enforcement")},
                    {"year", law.value("year", Json())},
                    {"citation", law.value("citation", "")},
                    {"link", LinkOf(law)}});
  }
  return rows;
}

Json ApproachRows(const Json& approaches) {
  Json rows = Json::array();
  for (const Json& approach : approaches) {
    const Json& evidence = approach["evidence"];
    rows.push_back({{"id", approach["approach"]},
                    {"name", approach["name"]},
                    {"support", Answer(approach["support"], approach["was"], "support")},
                    {"reach", Answer(approach["reach"], approach["was"], "reach")},
                    {"scale", Label("answer_", approach["scale"])},
                    {"activities", approach["activities"]},
                    {"studies", evidence["studies"]},
                    {"strength", Label("evidence_strength_", evidence["strength"])},
                    {"strength_class", evidence["strength"]},
                    {"gap", approach["gap"]}});
  }
  return rows;
}

Json Listed(const Json& values, const char* prefix) {
  std::vector<std::string> words;
  for (const Json& value : values) words.push_back(Label(prefix, value.get<std::string>()));
  return fmt::format("{}", fmt::join(words, ", "));
}

Json PlanRowsOf(const Json& plans) {
  Json rows = Json::array();
  for (const Json& plan : plans) {
    const auto year = [&](const char* name) {
      return plan[name].is_null() ? std::string("?") : std::to_string(plan[name].get<int64_t>());
    };
    rows.push_back({{"title", plan["title"]},
                    {"years", year("start_year") + "–" + year("end_year")},
                    {"forms", Listed(plan["forms"], "violence_")},
                    {"funding", Label("answer_", plan["funding"])},
                    {"costed", Label("answer_", plan["costed"])},
                    {"targets", Label("answer_", plan["measurable_targets"])},
                    {"link", LinkOf(plan)}});
  }
  return rows;
}

Json SurveyRows(const Json& surveys) {
  Json rows = Json::array();
  for (const Json& survey : surveys) {
    const auto age = [&](const char* name) {
      return survey[name].is_null() ? std::string("?")
                                    : fmt::format("{:g}", survey[name].get<double>());
    };
    rows.push_back({{"name", survey["name"]},
                    {"year", survey["year"]},
                    {"ages", age("age_min") + "–" + age("age_max")},
                    {"forms", Listed(survey["forms"], "violence_")},
                    {"published", !survey.value("published", Json::array()).empty()},
                    {"link", LinkOf(survey)}});
  }
  return rows;
}

Json MilestoneRowsOf(const Json& milestones) {
  Json rows = Json::array();
  for (const Json& milestone : milestones) {
    rows.push_back({{"name", Label("milestone_", milestone["milestone"])},
                    {"state", Label("answer_", milestone["state"])},
                    {"reached", milestone["state"] == "reached"},
                    {"date", milestone["date"]}});
  }
  return rows;
}

Json HeaderView(const Json& picture) {
  Json view = {{"title", FilledLabel("impl_country_title", {{"name", picture["name"]}})}};
  if (picture["round"].is_null()) {
    view["none"] = FilledLabel("impl_country_none", {{"name", picture["name"]}});
    return view;
  }
  view["round"] = FilledLabel("impl_country_round", {{"label", picture["round"]["label"]},
                                                     {"year", picture["round"]["reference_year"]}});
  if (!picture["previous"].is_null()) {
    view["previous"] = FilledLabel(
        "impl_country_previous",
        {{"label", picture["previous"]["label"]}, {"year", picture["previous"]["reference_year"]}});
  }
  return view;
}

}  // namespace

core::Result<Page> CountryImplementationPage(store::Connection& db,
                                             const catalogue::Catalogue& catalogue,
                                             const PageInput& input) {
  if (catalogue.FindCountry(input.path.at(0)) == nullptr) {
    return ErrorPage(404, Label("", "no_country"));
  }
  INSPIRE_ASSIGN_OR_RETURN(const Json picture,
                           hub::CountryImplementation(db, catalogue, input.path.at(0)));
  Json strategies = Json::array();
  for (const Json& strategy : picture["strategies"]) {
    strategies.push_back({{"id", strategy["strategy"]},
                          {"name", strategy["name"]},
                          {"iso3", picture["country"]},
                          {"has_laws", !strategy["laws"].empty()},
                          {"laws", LawRows(strategy["laws"])},
                          {"approaches", ApproachRows(strategy["approaches"])}});
  }
  Json gaps = Json::array();
  for (const Json& id : picture["gaps"]) {
    const auto* approach = catalogue.FindApproach(id.get<std::string>());
    gaps.push_back({{"id", id}, {"name", approach != nullptr ? approach->name : ""}});
  }
  Json view = HeaderView(picture);
  view.update({{"iso3", picture["country"]},
               {"name", picture["name"]},
               {"has_round", !picture["round"].is_null()},
               {"strategies", std::move(strategies)},
               {"has_gaps", !gaps.empty()},
               {"gaps", std::move(gaps)},
               {"has_plans", !picture["plans"].empty()},
               {"has_surveys", !picture["surveys"].empty()},
               {"plans", PlanRowsOf(picture["plans"])},
               {"surveys", SurveyRows(picture["surveys"])},
               {"milestones", MilestoneRowsOf(picture["milestones"])}});
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("country_implementation", view));
  return Page{200, view["title"].get<std::string>(), std::move(main), "implementation"};
}

}  // namespace inspire::web
