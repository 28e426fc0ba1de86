// The catalogue shipped in data/, loaded once per test binary, for tests that call hub functions
// directly (creating users, organisations or studies without the server).
#ifndef INSPIRE_TESTS_SUPPORT_SHIPPED_CATALOGUE_H_
#define INSPIRE_TESTS_SUPPORT_SHIPPED_CATALOGUE_H_

#include <cstdio>
#include <cstdlib>

#include "catalogue/catalogue.h"
#include "catalogue/loader.h"

namespace inspire::testing {

// The shipped catalogue. A catalogue that does not load is a broken checkout: the binary stops.
inline const catalogue::Catalogue& ShippedCatalogue() {
  static const catalogue::Catalogue catalogue = [] {
    auto loaded = catalogue::LoadCatalogue(catalogue::LoadOptions{INSPIRE_SOURCE_DATA_DIR, {}});
    if (!loaded) {
      std::fprintf(stderr, "the shipped catalogue does not load: %s\n",
                   loaded.error().message.c_str());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return catalogue;
}

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_SHIPPED_CATALOGUE_H_
