// The demo's library: guides, tools, training material, reports and recordings in several
// languages, published by demo organisations and tagged by strategy, approach and country; a few
// come with small generated PDF files whose text the search finds (one, a living guide, in two
// versions), and one is still a draft.
#ifndef INSPIRE_CLI_DEMO_LIBRARY_H_
#define INSPIRE_CLI_DEMO_LIBRARY_H_

#include <cstdint>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"

namespace inspire::cli {

// How many items and files the demo library got.
struct DemoLibrary {
  int items = 0, files = 0;
};

// Adds them through the hub (checked and audited; the caller's transaction holds them).
// `organizations`: the demo's organisation ids (at least five).
core::Result<DemoLibrary> AddDemoLibrary(store::Connection& db,
                                         const catalogue::Catalogue& catalogue,
                                         const std::vector<int64_t>& organizations);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_DEMO_LIBRARY_H_
