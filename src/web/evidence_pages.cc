#include "web/evidence_pages.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "charts/charts.h"
#include "charts/forest.h"
#include "hub/evidence.h"
#include "hub/studies.h"
#include "web/page_text.h"
#include "web/templates.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;
namespace {

// An id for an outcome's anchor: its key with spaces as dashes, other characters dropped.
std::string Anchor(const std::string& key) {
  std::string out = "o-";
  for (const unsigned char c : key) {
    if (std::isalnum(c) != 0) out += static_cast<char>(c);
    if (c == ' ' || c == '-') out += '-';
  }
  return out;
}

std::string DirectionSymbol(const std::string& direction) {
  if (direction == "favourable") return "▼";
  if (direction == "unfavourable") return "▲";
  return "◆";
}

// "OR 0.57 [0.47, 0.69]" for an evidence-map analysis.
std::string MapEffect(const Json& analysis) {
  const bool ratio = analysis.contains("exp");
  const auto shown = [&](const char* name) {
    return charts::EffectText(analysis[name].get<double>(), ratio);
  };
  return fmt::format("{} {} [{}, {}]", analysis["measure"].get<std::string>(), shown("estimate"),
                     shown("ci_low"), shown("ci_high"));
}

// The filter's parameters of a page's query, in a fixed order (for links that keep them).
std::vector<std::pair<std::string, std::string>> FilterParams(const PageInput& input) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* name : {"region", "income", "design", "exclude_high_risk"}) {
    const std::string value = input.Param(name);
    if (!value.empty()) out.emplace_back(name, value);
  }
  return out;
}

// The filter form's choices.
Json FilterView(const catalogue::Catalogue& catalogue, const hub::StudyFilter& filter) {
  Json view = RegionIncomeChoices(catalogue, filter.region, filter.income);
  std::vector<std::pair<std::string, std::string>> designs;
  designs.reserve(hub::StudyDesigns().size());
  for (const auto& d : hub::StudyDesigns()) designs.emplace_back(d, d);
  view["designs"] = Choices(designs, filter.design);
  view["exclude_high_risk"] = filter.exclude_high_risk;
  return view;
}

}  // namespace

core::Result<Page> EvidencePage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const PageInput& input) {
  const auto filter_params = FilterParams(input);
  INSPIRE_ASSIGN_OR_RETURN(const hub::StudyFilter filter,
                           hub::StudyFilterFrom(catalogue, filter_params));
  INSPIRE_ASSIGN_OR_RETURN(const Json all, hub::AllStudies(db));
  INSPIRE_ASSIGN_OR_RETURN(const Json map,
                           hub::EvidenceMap(catalogue, hub::FilterStudies(catalogue, all, filter)));
  const Json& strings = UiStrings();
  const std::string kept = filter_params.empty() ? "" : "?" + UrlQuery(filter_params);
  std::map<std::pair<std::string, std::string>, const Json*> cells;
  std::set<std::string> approaches_with_studies;
  for (const Json& cell : map["cells"]) {
    cells[{cell["approach"], cell["outcome"]}] = &cell;
    approaches_with_studies.insert(cell["approach"].get<std::string>());
  }
  Json outcomes = Json::array();
  for (const Json& outcome : map["outcomes"]) {
    outcomes.push_back({{"name", outcome["name"]}, {"studies", outcome["studies"]}});
  }
  Json groups = Json::array();
  for (const auto& strategy : catalogue.strategies()) {
    Json rows = Json::array();
    for (const catalogue::Approach* approach : catalogue.ApproachesOf(strategy.id)) {
      Json row_cells = Json::array();
      for (const Json& outcome : map["outcomes"]) {
        const auto it = cells.find({approach->id, outcome["key"].get<std::string>()});
        if (it == cells.end()) {
          row_cells.push_back({{"gap", true}, {"outcome", outcome["name"]}});
          continue;
        }
        Json effects = Json::array();
        for (const Json& analysis : (*it->second)["analyses"]) {
          const std::string direction = analysis["direction"];
          effects.push_back({{"symbol", DirectionSymbol(direction)},
                             {"direction", direction},
                             {"direction_words", strings.value("evidence_" + direction, direction)},
                             {"text", MapEffect(analysis)},
                             {"pooled", analysis["pooled"]}});
        }
        const int count = (*it->second)["studies"].get<int>();
        row_cells.push_back(
            {{"gap", false},
             {"outcome", outcome["name"]},
             {"count", count},
             {"count_words",
              fmt::format("{} {}", count,
                          count == 1 ? strings.value("evidence_study", "study")
                                     : strings.value("evidence_studies", "studies"))},
             {"href", fmt::format("/approaches/{}{}#{}", approach->id, kept,
                                  Anchor(outcome["key"].get<std::string>()))},
             {"effects", std::move(effects)}});
      }
      rows.push_back({{"id", approach->id},
                      {"name", approach->name},
                      {"has_studies", approaches_with_studies.contains(approach->id)},
                      {"cells", std::move(row_cells)}});
    }
    groups.push_back({{"strategy_id", strategy.id},
                      {"strategy_name", strategy.name},
                      {"columns", map["outcomes"].size() + 1},
                      {"rows", std::move(rows)}});
  }
  const size_t gaps = catalogue.approaches().size() - approaches_with_studies.size();
  INSPIRE_ASSIGN_OR_RETURN(
      std::string main,
      RenderTemplate("evidence", {{"studies", map["studies"]},
                                  {"approaches_with_studies", approaches_with_studies.size()},
                                  {"approaches_without", gaps},
                                  {"outcomes", std::move(outcomes)},
                                  {"has_outcomes", !map["outcomes"].empty()},
                                  {"groups", std::move(groups)},
                                  {"signed_in", input.signed_in},
                                  {"filtered", !filter.empty()},
                                  {"all_studies", all.size()},
                                  {"filters", FilterView(catalogue, filter)}}));
  return Page{200, strings.value("evidence_title", "Evidence"), std::move(main), "evidence"};
}

namespace {

// The outcome and measure pairs of `studies` in order of appearance (outcomes alike in case and
// spacing are one).
std::vector<std::pair<std::string, std::string>> OutcomeBlocks(const Json& studies) {
  std::vector<std::pair<std::string, std::string>> blocks;
  for (const Json& study : studies) {
    std::pair<std::string, std::string> block{study["outcome"], study["measure"]};
    const std::string key = hub::OutcomeKey(block.first);
    const bool seen = std::any_of(blocks.begin(), blocks.end(), [&](const auto& b) {
      return hub::OutcomeKey(b.first) == key && b.second == block.second;
    });
    if (!seen) blocks.push_back(std::move(block));
  }
  return blocks;
}

// A study's row in its outcome's table: what it is, where from, and its effect with interval.
Json StudyRow(const Json& study) {
  const Json& effect = study["effect"];
  const bool ratio = effect.contains("exp");
  const auto shown = [&](const char* name) {
    return charts::EffectText(effect[name].get<double>(), ratio);
  };
  return {{"id", study["id"]},
          {"study", study["study"]},
          {"citation", study["citation"]},
          {"has_citation", !study["citation"].get<std::string>().empty()},
          {"has_url", !study["url"].get<std::string>().empty()},
          {"doi", study["doi"]},
          {"url", study["url"]},
          {"year", study["year"]},
          {"country", study["country"]},
          {"design", study["design"]},
          {"risk_of_bias", study["risk_of_bias"]},
          {"effect", fmt::format("{} [{}, {}]", shown("yi"), shown("ci_low"), shown("ci_high"))}};
}

// The pooled result in words: estimate, interval at its level, prediction interval and I².
std::string PooledWords(const meta::Analysis& analysis) {
  const meta::Pooled& p = analysis.pooled;
  const bool ratio = meta::IsLogScale(analysis.set.measure);
  const auto shown = [&](double v) { return charts::EffectText(v, ratio); };
  std::string words = fmt::format(
      "Pooled {} {} ({} CI {} to {}) from {} studies (random effects, REML)",
      meta::EffectWords(analysis.set.measure), shown(p.estimate),
      charts::LevelText(analysis.options.level), shown(p.ci_low), shown(p.ci_high), p.k);
  if (p.pi_low && p.pi_high) {
    words += fmt::format("; in a new setting the effect would be expected between {} and {}",
                         shown(*p.pi_low), shown(*p.pi_high));
  }
  return words + fmt::format("; I² {:.0f}%.", p.i2);
}

}  // namespace

core::Result<Json> ApproachEvidence(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const std::string& approach_id, const PageInput& input) {
  const auto filter_params = FilterParams(input);
  INSPIRE_ASSIGN_OR_RETURN(const hub::StudyFilter filter,
                           hub::StudyFilterFrom(catalogue, filter_params));
  hub::StudyQuery query;
  query.approach = approach_id;
  query.per_page = 1000;
  INSPIRE_ASSIGN_OR_RETURN(const Json list, hub::ListStudies(db, query));
  const Json studies = hub::FilterStudies(catalogue, list["items"], filter);
  Json out = Json::array();
  std::set<std::string> anchors;
  for (const auto& [outcome, measure] : OutcomeBlocks(studies)) {
    hub::EvidenceRequest request;
    request.approach = approach_id;
    request.outcome = outcome;
    request.measure = measure;
    request.filter = filter;
    const std::string key = hub::OutcomeKey(outcome);
    std::string anchor = Anchor(key);
    if (!anchors.insert(anchor).second) anchor += "-" + measure;
    std::vector<std::pair<std::string, std::string>> params = {
        {"approach", approach_id}, {"outcome", outcome}, {"measure", measure}};
    params.insert(params.end(), filter_params.begin(), filter_params.end());
    const std::string query_text = UrlQuery(params);
    Json block = {{"outcome", outcome},
                  {"anchor", anchor},
                  {"measure", measure},
                  {"effect_label", meta::EffectLabel(*meta::ParseMeasure(measure))},
                  {"ci_label", charts::LevelText(hub::kStudyIntervalLevel) + " CI"},
                  {"svg_href", "/api/v1/evidence/forest.svg?" + query_text},
                  {"json_href", "/api/v1/evidence/analysis?" + query_text}};
    Json rows = Json::array();
    for (const Json& study : studies) {
      if (hub::OutcomeKey(study["outcome"]) == key && study["measure"] == measure) {
        rows.push_back(StudyRow(study));
      }
    }
    if (rows.size() >= 2) {
      INSPIRE_ASSIGN_OR_RETURN(const meta::Analysis analysis,
                               hub::AnalyseEvidence(catalogue, studies, request));
      const meta::Pooled& p = analysis.pooled;
      for (size_t i = 0; i < rows.size() && i < p.weights.size(); ++i) {
        rows[i]["weight"] = fmt::format("{:.1f}%", p.weights[i]);
      }
      block["summary"] = PooledWords(analysis);
      block["chart"] = meta::ForestSvg(analysis, 2);
    } else {
      block["summary"] =
          "One study so far: its own estimate is shown, not pooled; a second study is needed "
          "for a meta-analysis.";
    }
    block["rows"] = std::move(rows);
    out.push_back(std::move(block));
  }
  return out;
}

}  // namespace inspire::web
