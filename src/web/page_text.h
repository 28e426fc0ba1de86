// Internal to src/web: the words pages share, from the reader's UI strings and the catalogue.
#ifndef INSPIRE_WEB_PAGE_TEXT_H_
#define INSPIRE_WEB_PAGE_TEXT_H_

#include <string>

#include "catalogue/catalogue.h"

namespace inspire::web {

// The UI string for `prefix` + `value` ("type_" + "academia"), else the value itself.
std::string Label(const std::string& prefix, const std::string& value);

// The country's name in the catalogue, else the code as given.
std::string CountryName(const catalogue::Catalogue& catalogue, const std::string& iso3);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_PAGE_TEXT_H_
