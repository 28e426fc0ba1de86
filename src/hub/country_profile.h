// What the hub has published about one country, for its page and any other reader: for each
// indicator, the latest publication's breakdown, the trend of the totals by survey round, the
// publications it comes from and the target set for it. Typed, so that readers render rather
// than work out. Public: no actor needed.
#ifndef INSPIRE_HUB_COUNTRY_PROFILE_H_
#define INSPIRE_HUB_COUNTRY_PROFILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/published_estimates.h"
#include "store/database.h"

namespace inspire::hub {

// One publication (estimate set) as readers cite it.
struct Publication {
  int64_t set_id = 0;
  std::string source;  // the survey, e.g. "VACS 2019"
  int64_t year = 0;
  std::string published_at;
};

// The target set for an indicator's total, with how far the latest estimate has come.
struct IndicatorTarget {
  int64_t id = 0;
  std::optional<int64_t> baseline_year, target_year;
  std::optional<double> baseline_value, target_value;
  // Share of the way from baseline to target the latest estimate covers (0 at the baseline,
  // 1 at the target, negative the wrong way); absent without both ends or an estimate.
  std::optional<double> progress;
};

// One indicator in the country.
struct IndicatorProfile {
  std::string id;
  std::string name;    // the catalogue's, else the published rows'
  Publication latest;  // the newest publication with the indicator (later year, then later)
  std::vector<PublishedEstimate> breakdown;  // every row of `latest`, in published order
  // For each survey year, the newest publication's total, oldest year first; a year whose
  // newest total is suppressed is left out.
  std::vector<PublishedEstimate> trend;
  std::vector<Publication> sources;       // every publication with the indicator, by set id
  std::optional<IndicatorTarget> target;  // the total's (the last one set when several are)
};

struct CountryProfile {
  std::string iso3;
  // Indicators with published estimates: in catalogue order, then others (national or
  // variants) by id.
  std::vector<IndicatorProfile> indicators;
};

// The profile of country `iso3` (as the catalogue spells it). Errors: database errors only; a
// country with nothing published has no indicators.
core::Result<CountryProfile> BuildCountryProfile(store::Connection& db,
                                                 const catalogue::Catalogue& catalogue,
                                                 const std::string& iso3);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_COUNTRY_PROFILE_H_
