// Fuzzes the catalogue extension reader (YAML from users: national indicator files) and the
// validation that follows it. Any input must give a value or an error, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalogue/loader.h"
#include "catalogue/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using inspire::catalogue::CatalogueData;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CatalogueData catalogue;
  catalogue.strategies.push_back({{"s.yaml", 1}, "P4", "P", 4, "Parents", "x", {}});
  catalogue.approaches.push_back({{"a.yaml", 1}, "P4.1", "P4", "Home visits", "x", {}});
  catalogue.countries.push_back({{"c.yaml", 1}, "KEN", "KE", "404", "Kenya", "AFR", "ESA", "LM"});
  if (inspire::catalogue::ReadExtension(text, "fuzz.yaml", catalogue)) {
    (void)inspire::catalogue::ValidateCatalogue(catalogue);
  }
  return 0;
}
