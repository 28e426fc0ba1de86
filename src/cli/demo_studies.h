// The demo's evidence: about 36 fictional but plausible studies of nine outcomes of INSPIRE
// approaches (events, means and already-computed effects; one outcome with a single study), made
// deterministically from true effects with between-study spread and sampling noise. Citations
// and web addresses say they are fictional (.example).
#ifndef INSPIRE_CLI_DEMO_STUDIES_H_
#define INSPIRE_CLI_DEMO_STUDIES_H_

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"

namespace inspire::cli {

// Adds the studies through the hub (checked and audited like any other); returns how many.
core::Result<int> AddDemoStudies(store::Connection& db, const catalogue::Catalogue& catalogue,
                                 const hub::Actor& actor);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_DEMO_STUDIES_H_
