// Checked fields of a client's record that name catalogue entries or other records: INSPIRE
// approaches, countries and organisations. Shared by every record kind so that each is refused
// alike, with kValidation naming the field and the value that is wrong.
#ifndef INSPIRE_HUB_CATALOGUE_FIELDS_H_
#define INSPIRE_HUB_CATALOGUE_FIELDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/fields.h"
#include "store/database.h"

namespace inspire::hub {

// The most approaches one record may list.
inline constexpr size_t kMaxApproaches = 25;

// fields[name]: a list of 1 to kMaxApproaches INSPIRE approach ids, each as the catalogue
// spells it, repeats dropped, in the order first given.
core::Result<std::vector<std::string>> ApproachesField(const catalogue::Catalogue& catalogue,
                                                       const Json& fields, const std::string& name);

// fields[name]: a country code (ISO3 or ISO2, any case), as its ISO3.
core::Result<std::string> CountryField(const catalogue::Catalogue& catalogue, const Json& fields,
                                       const std::string& name);

// fields[name]: a list of country codes, as sorted ISO3 codes without repeats (may be empty).
core::Result<std::vector<std::string>> CountriesField(const catalogue::Catalogue& catalogue,
                                                      const Json& fields, const std::string& name);

// fields[name]: the id of an organisation that exists in `db`.
core::Result<int64_t> OrganizationField(store::Connection& db, const Json& fields,
                                        const std::string& name);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_CATALOGUE_FIELDS_H_
