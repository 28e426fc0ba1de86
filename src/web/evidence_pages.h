// The evidence pages: the evidence map (/evidence) and the evidence part of an approach's page
// (pooled results per outcome with forest plots).
#ifndef INSPIRE_WEB_EVIDENCE_PAGES_H_
#define INSPIRE_WEB_EVIDENCE_PAGES_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"
#include "web/pages.h"

namespace inspire::web {

core::Result<Page> EvidencePage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const PageInput& input);

// The view of an approach's evidence: one block per outcome and measure, each with the pooled
// result in words, the forest plot and the studies' numbers; empty when there are no studies.
// `input`'s query may filter the studies (region, income, design, exclude_high_risk).
core::Result<nlohmann::ordered_json> ApproachEvidence(store::Connection& db,
                                                      const catalogue::Catalogue& catalogue,
                                                      const std::string& approach_id,
                                                      const PageInput& input);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_EVIDENCE_PAGES_H_
