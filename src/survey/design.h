// A stratified cluster design over a table's rows: each row's weight, stratum and PSU, with PSUs
// nested in strata (the same PSU number in two strata is two PSUs), as R's
// svydesign(ids=~psu, strata=~stratum, weights=~weight, nest=TRUE); or a replicate-weight design,
// as R's svrepdesign(), held in the same shape: one stratum whose "PSUs" are the rows' replicate
// weight patterns (survey/replicate.h).
#ifndef INSPIRE_SURVEY_DESIGN_H_
#define INSPIRE_SURVEY_DESIGN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "survey/replicate.h"
#include "survey/table.h"

namespace inspire::survey {

// Which PSUs and strata the degrees of freedom of a domain's interval count (docs/statistics.md,
// "Degrees of freedom"), always among rows with a weight > 0:
//   kDomain   the rows that make the estimate (in the universe and the domain, numerator
//             present): R's degf(subset(design, universe & domain & !is.na(y)));
//   kUniverse those rows and the ones whose numerator is missing: R's svyciprop on
//             subset(design, universe & domain) with the NAs left in;
//   kDesign   the whole design's (Design::df): Stata's svy, subpop() and SPSS Complex Samples.
enum class DfRule { kDomain, kUniverse, kDesign };

// "domain", "universe", "design"; ParseDfRule is its inverse (nullopt for anything else).
std::string_view DfRuleName(DfRule rule);
std::optional<DfRule> ParseDfRule(std::string_view text);

struct DesignSpec {
  std::string weight;        // required
  std::string strata;        // empty: one stratum
  std::string psu;           // empty: every row its own PSU
  std::optional<DfRule> df;  // the recipe's choice; --df overrides it; default kDomain
  // Set: a replicate-weight design (no strata or PSU), as R's svrepdesign().
  std::optional<ReplicateSpec> replicates;
};

struct Design {
  std::vector<double> weight;              // per row, >= 0
  std::vector<uint32_t> psu;               // per row, 0..psu_count-1 (global PSU index)
  std::vector<uint32_t> psu_stratum;       // per PSU, its stratum (a row's: psu_stratum[psu])
  std::vector<uint32_t> psus_in_stratum;   // per stratum, n_h: its number of PSUs
  std::vector<std::string> stratum_names;  // per stratum, its value as written in the data
  // The PSUs of stratum h are stratum_psus[stratum_offsets[h] .. stratum_offsets[h + 1]).
  std::vector<uint32_t> stratum_offsets;
  std::vector<uint32_t> stratum_psus;
  // Degrees of freedom of the whole design: PSUs minus strata among the rows with a weight > 0,
  // as R's degf(design); for replicate designs the rank of the replicate weights minus 1.
  double df = 0;
  // Set for a replicate design: `psu` is then each row's pattern, and the variance comes from the
  // replicates rather than from strata and PSUs.
  std::optional<ReplicateWeights> replicates;
  // True when the rows of each PSU are adjacent in the table (survey files are usually sorted by
  // cluster): the estimator then sums one PSU at a time (survey/proportion.h). Never set for a
  // replicate design.
  bool psus_contiguous = false;
  size_t strata_count() const { return psus_in_stratum.size(); }
  size_t psu_count() const { return psu_stratum.size(); }
  // Strata holding a single PSU ("lonely PSUs"), by index; none in a replicate design.
  std::vector<uint32_t> LonelyStrata() const;
};

// Builds the design. Errors (kValidation) name `file`, the row (1-based data row; line row + 1 of
// a CSV) and the variable: an unknown design variable (with near matches); a missing, negative or
// non-finite weight; a missing stratum or PSU value; no rows.
// A replicate design (spec.replicates set) is built by BuildReplicateDesign.
core::Result<Design> BuildDesign(const Table& table, const DesignSpec& spec,
                                 const std::string& file);

// Puts the rows of each PSU together when they are not (Design::psus_contiguous false): a stable
// sort by PSU, PSUs in order of first appearance, applied to the table's columns and to the
// design's per-row weight and PSU alike, so that the estimator sums one PSU at a time. The
// results do not change (up to the order of additions); messages go on naming rows as in the
// file (Table::RowRef). A replicate design, or a table of 2^32 rows or more, is left as it is.
// Returns whether rows moved.
bool GroupRowsByPsu(Table& table, Design& design, int threads);

// Each row's weight. Errors (kValidation) as BuildDesign's for the weight variable.
core::Result<std::vector<double>> ReadWeights(const Table& table, const DesignSpec& spec,
                                              const std::string& file);

// A replicate-weight design: rows grouped by pattern (the same weight and replicate weights),
// the constants of ResolveReplicateScales, and df = rank of the replicate weights - 1. Errors
// (kValidation) name `file`, the row and the variable: a replicate variable not found (with near
// matches) or a pattern that matches none; text, a missing or a non-finite replicate weight; a
// replicate weight other than 0 where the weight is 0; strata or psu given too; and those of
// ReadWeights and ResolveReplicateScales.
core::Result<Design> BuildReplicateDesign(const Table& table, const DesignSpec& spec,
                                          const std::string& file);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_DESIGN_H_
