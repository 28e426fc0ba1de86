// Validated implementation rounds as one long table for analysts: a row per answer (country,
// round, reference year, section, item, field, answer), every validated round of every country
// the filter keeps (not only the latest), so that rounds can be compared in any statistics
// package. Drafts and rounds under review are never in it.
#ifndef INSPIRE_HUB_IMPLEMENTATION_EXPORT_H_
#define INSPIRE_HUB_IMPLEMENTATION_EXPORT_H_

#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/implementation_summary.h"
#include "store/database.h"

namespace inspire::hub {

// The CSV (header: country,round,reference_year,section,item,field,answer), rows by country,
// round (oldest first), section and item; a list answer is its values joined by ';'. Text that
// a spreadsheet would run is neutralised (core::CsvField).
core::Result<std::string> ImplementationCsv(store::Connection& db,
                                            const catalogue::Catalogue& catalogue,
                                            const CountryFilter& filter);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_IMPLEMENTATION_EXPORT_H_
