// One country's implementation as the public sees it: its latest validated round per strategy
// (laws, government support, reach and scale per approach) beside the change since its previous
// validated round, the hub's partner activities and the strength of the evidence for each
// approach, and the gaps that matter most: approaches with favourable evidence that neither the
// government supports nor any partner works on. Drafts and rounds under review never count.
#ifndef INSPIRE_HUB_IMPLEMENTATION_COUNTRY_H_
#define INSPIRE_HUB_IMPLEMENTATION_COUNTRY_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// {"country", "name", "round" (the latest validated round with its fields and sections, or
// null), "previous" ({id, label, reference_year} or null), "rounds" (every validated round, newest
// first), "strategies": [{strategy, name, laws: [{law, name, in_place, enforcement, year,
// citation, link, was}], approaches: [{approach, name, support, reach, scale, notes, was,
// activities, evidence: {studies, favourable, unfavourable, unclear, strength}, gap}]}],
// "plans", "surveys" (each with "published": the sources of the hub's estimates for the
// country in the survey's year), "milestones", "data", "gaps": [approach ids]}. `was` is the
// previous round's answer (null without one); strength is favourable, mixed, unfavourable, unclear
// or none. kNotFound for a code that is no country of the catalogue.
core::Result<Json> CountryImplementation(store::Connection& db,
                                         const catalogue::Catalogue& catalogue,
                                         const std::string& code);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_IMPLEMENTATION_COUNTRY_H_
