// A whole meta-analysis of a set of studies (pooled model, leave-one-out, subgroups) and its
// presentations: a text report for a terminal, a long CSV table, JSON, and the forest plot.
// Shared by `inspire meta` and the hub's evidence pages.
#ifndef INSPIRE_META_REPORT_H_
#define INSPIRE_META_REPORT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "charts/forest.h"
#include "core/error.h"
#include "meta/model.h"
#include "meta/studies.h"

namespace inspire::meta {

struct Analysis {
  std::string source;  // the file name, or what the studies are ("approach P4.1, outcome ...")
  StudySet set;
  ModelOptions options;
  Pooled pooled;
  std::vector<Pooled> leave_one_out;                                // empty when k < 3
  std::vector<std::pair<std::string, SubgroupAnalysis>> subgroups;  // by descriptor column
};

// Pools the studies, leaves each out in turn (k >= 3) and forms subgroups by each column named
// in `subgroup_columns` (an unknown column is an error that lists the descriptors).
core::Result<Analysis> Analyse(std::string source, StudySet set, const ModelOptions& options,
                               const std::vector<std::string>& subgroup_columns);

// "OR 0.64 [0.52, 0.79]" on the display scale (ratios back-transformed).
std::string Summary(const Analysis& analysis);

std::string ReportTable(const Analysis& analysis);
std::string ReportCsv(const Analysis& analysis);
nlohmann::ordered_json ReportJson(const Analysis& analysis);

// The forest plot with up to `max_columns` descriptor columns beside the study names.
charts::ForestPlot ForestOf(const Analysis& analysis, size_t max_columns = 3);
std::string ForestSvg(const Analysis& analysis, size_t max_columns = 3);

// The name of the effect as people read it: "Odds ratio", "Hedges' g"; and inside a sentence:
// "odds ratio", "Hedges' g".
std::string EffectLabel(Measure measure);
std::string EffectWords(Measure measure);

}  // namespace inspire::meta

#endif  // INSPIRE_META_REPORT_H_
