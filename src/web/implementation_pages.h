// The implementation pages: the picture across countries (/implementation: headline figures,
// laws, plans and data, support per strategy and approach, milestones, change, and the
// countries x approaches grid) and one country's picture (/countries/{iso3}/implementation).
// Both render the hub's views of validated rounds only (hub/implementation_summary.h,
// hub/implementation_country.h); every chart has its numbers in a table beside it.
#ifndef INSPIRE_WEB_IMPLEMENTATION_PAGES_H_
#define INSPIRE_WEB_IMPLEMENTATION_PAGES_H_

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"
#include "web/pages.h"

namespace inspire::web {

// /implementation, with the filters region and income (an unknown value: 400 naming it).
core::Result<Page> ImplementationPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                      const PageInput& input);

// /countries/{iso3}/implementation (an unknown country: 404).
core::Result<Page> CountryImplementationPage(store::Connection& db,
                                             const catalogue::Catalogue& catalogue,
                                             const PageInput& input);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_IMPLEMENTATION_PAGES_H_
