// What the studies add up to. The evidence map crosses the INSPIRE approaches with the outcomes
// the studies measured: each cell holds how many studies there are and, per effect measure, the
// pooled effect (REML, z) with its direction read against what is favourable for the outcome;
// a cell without studies is a gap. An analysis pools the studies of one approach, outcome and
// measure with the options of `inspire meta` (meta/report.h).
#ifndef INSPIRE_HUB_EVIDENCE_H_
#define INSPIRE_HUB_EVIDENCE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "meta/report.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// Which studies count: by where they were done (the WHO or UNICEF region, or the World Bank
// income group, of the study's country: L, LM, UM, H, or LMIC for L and LM), by design, and
// without those at high risk of bias (a sensitivity analysis). A study without a country is
// left out by a region or income filter.
struct StudyFilter {
  std::string region;
  std::string income;
  std::string design;
  bool exclude_high_risk = false;
  bool empty() const {
    return region.empty() && income.empty() && design.empty() && !exclude_high_risk;
  }
};

// The filter of a query string (region, income, design, exclude_high_risk=true|false); unknown
// values are errors (kInvalidArgument) naming the parameter.
core::Result<StudyFilter> StudyFilterFrom(
    const catalogue::Catalogue& catalogue,
    const std::vector<std::pair<std::string, std::string>>& params);

// The studies (records) the filter keeps, in order.
Json FilterStudies(const catalogue::Catalogue& catalogue, const Json& studies,
                   const StudyFilter& filter);

// The key that groups outcomes: trimmed, lower case ("Violent discipline " -> "violent
// discipline").
std::string OutcomeKey(const std::string& outcome);

// {"approaches": [...25], "outcomes": [{key, name, indicator, studies}], "cells": [{approach,
// outcome, studies, analyses: [{measure, favourable, k, estimate, ci_low, ci_high, exp?, i2,
// direction}]}]}. `studies` are AllStudies() records.
core::Result<Json> EvidenceMap(const catalogue::Catalogue& catalogue, const Json& studies);

struct EvidenceRequest {
  std::string approach;
  std::string outcome;  // any case
  std::string measure;  // empty: the measure most of the studies use
  meta::ModelOptions options;
  std::vector<std::string> subgroups;  // country, design, year, risk_of_bias, setting
  StudyFilter filter;
};

// The analysis of one approach and outcome. Errors: unknown approach (kNotFound), no such
// studies (kNotFound), fewer than two (kValidation), bad options (kInvalidArgument).
core::Result<meta::Analysis> AnalyseEvidence(const catalogue::Catalogue& catalogue,
                                             const Json& studies, const EvidenceRequest& request);

// The request of a query string: approach, outcome, measure, method, knha, level, subgroup,
// and the filter's parameters.
core::Result<EvidenceRequest> EvidenceRequestFrom(
    const catalogue::Catalogue& catalogue,
    const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_EVIDENCE_H_
