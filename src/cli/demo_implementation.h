// The demo's implementation rounds: for each demo country a fictional 2019 baseline round and a
// 2024 review started from it, with laws, plans, surveys, approach answers and pathfinding
// milestones made deterministically from a per-country capacity (government support most likely
// for laws and parenting, least for income strengthening, as in the real reports). Every
// baseline is validated; most reviews too, and some are left submitted, returned or in draft so
// that the review flow has something to show.
#ifndef INSPIRE_CLI_DEMO_IMPLEMENTATION_H_
#define INSPIRE_CLI_DEMO_IMPLEMENTATION_H_

#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"

namespace inspire::cli {

// Adds the rounds of `countries` (ISO3 codes) through the hub, as the command line (checked and
// audited like any other write; the caller's transaction holds them). Returns how many rounds.
core::Result<int> AddDemoRounds(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const std::vector<std::string>& countries);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_DEMO_IMPLEMENTATION_H_
