#include "hub/evidence.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "hub/studies.h"
#include "meta/studies.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;

const std::vector<std::string> kDescriptors = {"country", "design", "year", "risk_of_bias",
                                               "setting"};

bool HasApproach(const Json& study, const std::string& approach) {
  const Json& list = study["approaches"];
  return std::find(list.begin(), list.end(), approach) != list.end();
}

std::string Descriptor(const Json& study, const std::string& name) {
  const Json& value = study[name];
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// A study record as one study of a meta-analysis (its numbers were checked when it was written).
core::Result<meta::Study> ToMetaStudy(const Json& record, meta::Measure measure) {
  meta::Study study;
  study.name = record["study"];
  study.line = 0;
  const bool has_sei = record["vi"].is_null() && !record["sei"].is_null();
  study.reported.layout = meta::LayoutOf(measure, has_sei);
  for (const auto& name : meta::LayoutColumns(study.reported.layout)) {
    if (!record[name].is_number()) {
      return Fail(ErrorCode::kInternal,
                  fmt::format("study {} lacks {}", record["id"].get<int64_t>(), name));
    }
    study.reported.values.push_back(record[name].get<double>());
  }
  INSPIRE_ASSIGN_OR_RETURN(study.effect, meta::ComputeEffect(measure, study.reported));
  for (const auto& name : kDescriptors) study.descriptors.push_back(Descriptor(record, name));
  return study;
}

// Direction of an effect against what is favourable: its interval wholly on one side of no
// effect (0 on the analysis scale), or neither.
std::string Direction(double low, double high, const std::string& favourable) {
  if (high < 0) return favourable == "lower" ? "favourable" : "unfavourable";
  if (low > 0) return favourable == "higher" ? "favourable" : "unfavourable";
  return "unclear";
}

}  // namespace

core::Result<StudyFilter> StudyFilterFrom(
    const catalogue::Catalogue& catalogue,
    const std::vector<std::pair<std::string, std::string>>& params) {
  StudyFilter filter;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    if (name == "region") {
      const std::string& code = value;  // (a structured binding cannot be captured in C++20)
      const bool known = std::any_of(
          catalogue.countries().begin(), catalogue.countries().end(),
          [&](const auto& c) { return c.who_region == code || c.unicef_region == code; });
      if (!known) {
        return core::FailField(ErrorCode::kInvalidArgument, "region",
                               fmt::format("'{}' is not a WHO or UNICEF region code (e.g. AFR, "
                                           "ESA)",
                                           value));
      }
      filter.region = value;
    } else if (name == "income") {
      if (value != "L" && value != "LM" && value != "UM" && value != "H" && value != "LMIC") {
        return core::FailField(ErrorCode::kInvalidArgument, "income",
                               "income must be L, LM, UM, H or LMIC (low and lower-middle)");
      }
      filter.income = value;
    } else if (name == "design") {
      const auto& designs = StudyDesigns();
      if (std::find(designs.begin(), designs.end(), value) == designs.end()) {
        return core::FailField(ErrorCode::kInvalidArgument, "design",
                               fmt::format("design must be one of: {}", fmt::join(designs, ", ")));
      }
      filter.design = value;
    } else if (name == "exclude_high_risk") {
      if (value != "true" && value != "false") {
        return core::FailField(ErrorCode::kInvalidArgument, "exclude_high_risk",
                               "exclude_high_risk must be true or false");
      }
      filter.exclude_high_risk = value == "true";
    }
  }
  return filter;
}

Json FilterStudies(const catalogue::Catalogue& catalogue, const Json& studies,
                   const StudyFilter& filter) {
  if (filter.empty()) return studies;
  Json out = Json::array();
  for (const Json& study : studies) {
    if (filter.exclude_high_risk && study["risk_of_bias"] == "high") continue;
    if (!filter.design.empty() && study["design"] != filter.design) continue;
    if (!filter.region.empty() || !filter.income.empty()) {
      const catalogue::Country* country =
          catalogue.FindCountry(study["country"].get<std::string>());
      if (country == nullptr) continue;
      if (!filter.region.empty() && country->who_region != filter.region &&
          country->unicef_region != filter.region) {
        continue;
      }
      const std::string& income = country->income_group;
      if (!filter.income.empty() &&
          !(income == filter.income ||
            (filter.income == "LMIC" && (income == "L" || income == "LM")))) {
        continue;
      }
    }
    out.push_back(study);
  }
  return out;
}

std::string OutcomeKey(const std::string& outcome) {
  std::string key;
  bool space = false;
  for (const char c : outcome) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

namespace {

// The analysis of one map cell's studies of one measure and favourable direction (`group`:
// "measure|favourable"): a single study's own effect, or the pool of several (REML, the default
// 95% level), with the direction the interval shows.
core::Result<Json> CellAnalysis(const std::string& group, const Json& list) {
  const std::string measure_name = group.substr(0, group.find('|'));
  const std::string favourable = group.substr(group.find('|') + 1);
  INSPIRE_ASSIGN_OR_RETURN(const meta::Measure measure, meta::ParseMeasure(measure_name));
  meta::StudySet set;
  set.measure = measure;
  for (const Json& record : list) {
    INSPIRE_ASSIGN_OR_RETURN(auto study, ToMetaStudy(record, measure));
    set.studies.push_back(std::move(study));
  }
  Json analysis = {
      {"measure", measure_name}, {"favourable", favourable}, {"k", set.studies.size()}};
  double estimate = 0, low = 0, high = 0;
  if (set.studies.size() == 1) {
    estimate = set.studies[0].effect.yi;
    std::tie(low, high) = meta::EffectInterval(set.studies[0].effect);
    analysis["pooled"] = false;
  } else {
    const auto pooled = meta::Pool(set.Effects(), set.Variances(), {});
    if (!pooled) return tl::unexpected(pooled.error());
    estimate = pooled->estimate;
    low = pooled->ci_low;
    high = pooled->ci_high;
    analysis["pooled"] = true;
    analysis["i2"] = pooled->i2;
  }
  analysis["estimate"] = estimate;
  analysis["ci_low"] = low;
  analysis["ci_high"] = high;
  if (meta::IsLogScale(measure)) {
    analysis["exp"] = {
        {"estimate", std::exp(estimate)}, {"ci_low", std::exp(low)}, {"ci_high", std::exp(high)}};
  }
  analysis["direction"] = Direction(low, high, favourable);
  return analysis;
}

}  // namespace

core::Result<Json> EvidenceMap(const catalogue::Catalogue& catalogue, const Json& studies) {
  // Outcomes in order of first appearance by name; their first spelling names them.
  std::map<std::string, Json> outcomes;
  // (approach, outcome key) -> (measure|favourable) -> studies
  std::map<std::pair<std::string, std::string>, std::map<std::string, Json>> cells;
  for (const Json& study : studies) {
    const std::string key = OutcomeKey(study["outcome"]);
    auto& outcome = outcomes[key];
    if (outcome.is_null()) {
      outcome = {{"key", key},
                 {"name", study["outcome"]},
                 {"indicator", study["indicator"]},
                 {"studies", 0}};
    }
    outcome["studies"] = outcome["studies"].get<int>() + 1;
    for (const Json& approach : study["approaches"]) {
      const std::string group =
          study["measure"].get<std::string>() + "|" + study["favourable"].get<std::string>();
      auto& list = cells[{approach.get<std::string>(), key}][group];
      if (list.is_null()) list = Json::array();
      list.push_back(study);
    }
  }
  Json approaches = Json::array();
  for (const auto& approach : catalogue.approaches()) {
    approaches.push_back(
        {{"id", approach.id}, {"name", approach.name}, {"strategy", approach.strategy_id}});
  }
  Json outcome_list = Json::array();
  for (auto& [key, outcome] : outcomes) outcome_list.push_back(std::move(outcome));
  Json cell_list = Json::array();
  for (const auto& [where, groups] : cells) {
    Json analyses = Json::array();
    size_t count = 0;
    for (const auto& [group, list] : groups) {
      count += list.size();
      INSPIRE_ASSIGN_OR_RETURN(Json analysis, CellAnalysis(group, list));
      analyses.push_back(std::move(analysis));
    }
    cell_list.push_back({{"approach", where.first},
                         {"outcome", where.second},
                         {"studies", count},
                         {"analyses", std::move(analyses)}});
  }
  return Json{{"approaches", std::move(approaches)},
              {"outcomes", std::move(outcome_list)},
              {"cells", std::move(cell_list)},
              {"studies", studies.size()}};
}

core::Result<meta::Analysis> AnalyseEvidence(const catalogue::Catalogue& catalogue,
                                             const Json& all_studies,
                                             const EvidenceRequest& request) {
  const Json studies = FilterStudies(catalogue, all_studies, request.filter);
  const catalogue::Approach* approach = catalogue.FindApproach(request.approach);
  if (approach == nullptr) {
    return core::FailField(
        ErrorCode::kNotFound, "approach",
        fmt::format("'{}' is not an INSPIRE approach id (e.g. P4.1)", request.approach));
  }
  const std::string key = OutcomeKey(request.outcome);
  std::vector<const Json*> matching;
  std::map<std::string, size_t> measures;
  for (const Json& study : studies) {
    if (!HasApproach(study, approach->id) || OutcomeKey(study["outcome"]) != key) continue;
    matching.push_back(&study);
    ++measures[study["measure"].get<std::string>()];
  }
  if (matching.empty()) {
    return core::FailField(
        ErrorCode::kNotFound, "outcome",
        fmt::format("no studies of {} with the outcome '{}'", approach->id, request.outcome));
  }
  std::string measure_name = request.measure;
  if (measure_name.empty()) {
    measure_name = std::max_element(measures.begin(), measures.end(), [](auto& a, auto& b) {
                     return a.second < b.second;
                   })->first;
  }
  INSPIRE_ASSIGN_OR_RETURN(const meta::Measure measure, meta::ParseMeasure(measure_name));
  meta::StudySet set;
  set.measure = measure;
  set.descriptor_columns = kDescriptors;
  for (const Json* record : matching) {
    if ((*record)["measure"] != measure_name) continue;
    INSPIRE_ASSIGN_OR_RETURN(auto study, ToMetaStudy(*record, measure));
    set.studies.push_back(std::move(study));
  }
  if (set.studies.empty()) {
    return core::FailField(ErrorCode::kNotFound, "measure",
                           fmt::format("no studies of {} and '{}' report a {}", approach->id,
                                       request.outcome, measure_name));
  }
  set.layout = set.studies[0].reported.layout;
  const std::string source = fmt::format("{} {}, {}", approach->id, approach->name,
                                         matching.front()->at("outcome").get<std::string>());
  return meta::Analyse(source, std::move(set), request.options, request.subgroups);
}

core::Result<EvidenceRequest> EvidenceRequestFrom(
    const catalogue::Catalogue& catalogue,
    const std::vector<std::pair<std::string, std::string>>& params) {
  EvidenceRequest request;
  INSPIRE_ASSIGN_OR_RETURN(request.filter, StudyFilterFrom(catalogue, params));
  for (const auto& [name, value] : params) {
    if (name == "approach") {
      request.approach = value;
    } else if (name == "outcome") {
      request.outcome = value;
    } else if (name == "measure") {
      request.measure = value;
    } else if (name == "method") {
      INSPIRE_ASSIGN_OR_RETURN(request.options.method, meta::ParseMethod(value));
    } else if (name == "knha") {
      if (value != "true" && value != "false") {
        return core::FailField(ErrorCode::kInvalidArgument, "knha", "knha must be true or false");
      }
      request.options.knha = value == "true";
    } else if (name == "level") {
      const auto level = meta::ParseNumber(value);
      if (!level || !(*level > 0 && *level < 1)) {
        return core::FailField(ErrorCode::kInvalidArgument, "level",
                               "level must be a number between 0 and 1 such as 0.95");
      }
      request.options.level = *level;
    } else if (name == "subgroup") {
      if (std::find(kDescriptors.begin(), kDescriptors.end(), value) == kDescriptors.end()) {
        return core::FailField(
            ErrorCode::kInvalidArgument, "subgroup",
            fmt::format("subgroup must be one of: {}", fmt::join(kDescriptors, ", ")));
      }
      request.subgroups.push_back(value);
    }
  }
  if (request.approach.empty() || request.outcome.empty()) {
    return core::FailField(ErrorCode::kInvalidArgument,
                           request.approach.empty() ? "approach" : "outcome",
                           "approach and outcome are required (e.g. ?approach=P4.1&outcome=...)");
  }
  return request;
}

}  // namespace inspire::hub
