// Replicate weights made from a stratified cluster design, so that a statistics office can
// release a public-use file without its strata and PSUs (which can tell where respondents live),
// as R survey's as.svrepdesign(): jackknife (JK1 for one stratum, JKn per stratum) or the
// Rao-Wu rescaling bootstrap (docs/statistics.md, "Making replicate weights").
#ifndef INSPIRE_SURVEY_REPLICATE_MAKE_H_
#define INSPIRE_SURVEY_REPLICATE_MAKE_H_

#include <cstdint>
#include <vector>

#include "core/error.h"
#include "survey/design.h"
#include "survey/proportion.h"
#include "survey/replicate.h"

namespace inspire::survey {

struct MakeReplicatesOptions {
  ReplicateType type = ReplicateType::kJKn;  // kJK1, kJKn or kBootstrap
  size_t bootstrap_replicates = 200;         // kBootstrap only
  uint64_t seed = 1;                         // kBootstrap only: the same seed, the same weights
  LonelyPsu lonely_psu = LonelyPsu::kFail;   // strata with one PSU
};

// Per PSU and replicate, the factor a row's weight is multiplied by, and the constants an
// analysis needs (svrepdesign's scale and rscales).
struct MadeReplicates {
  ReplicateType type = ReplicateType::kJKn;
  double scale = 1;
  std::vector<double> rscales;  // one per replicate
  std::vector<double> factors;  // PSU-major: factors[psu * count() + r]
  size_t count() const { return rscales.size(); }
};

// The replicate factors of `design` (a design with strata and PSUs, not a replicate design):
//   JK1: one replicate per PSU, dropping it (0) and scaling the others by n/(n-1);
//        scale (n-1)/n. Only for a design with one stratum.
//   JKn: one replicate per PSU of each stratum with 2 or more PSUs, dropping it and scaling the
//        stratum's other PSUs by n_h/(n_h-1); rscales (n_h-1)/n_h, scale 1. Strata and PSUs come
//        in order of first appearance, as R's jknweights(); a stratum with one PSU follows
//        `lonely_psu` as R does (remove, certainty, average: no replicate, average scaling the
//        scale by PSUs / replicates; adjust: one replicate dropping the stratum and scaling all
//        other PSUs by S/(S-1), rscales (S-1)/S for S strata; fail: an error).
//   bootstrap: per replicate and stratum, n_h - 1 PSUs drawn with replacement (a seeded
//        generator), factor = times drawn x n_h/(n_h-1); scale 1/(R-1), rscales 1 (R's
//        "subbootstrap"). A stratum with one PSU keeps factor 1 under certainty or remove.
// Errors (kValidation): another type; JK1 with strata or JKn without; a stratum with one PSU
// under fail (naming it and --lonely-psu), or under adjust/average for the bootstrap; fewer
// than 2 bootstrap replicates; a design whose PSUs give no replicate.
core::Result<MadeReplicates> MakeReplicates(const Design& design,
                                            const MakeReplicatesOptions& options);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_REPLICATE_MAKE_H_
