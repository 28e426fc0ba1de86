// Fuzzes recipes end to end: YAML parsing, preparation against a small survey, and estimation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "survey/csv_reader.h"
#include "survey/design.h"
#include "survey/estimate.h"
#include "survey/recipe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace inspire::survey;
  static const Table base = *ParseCsv(
      "w,s,p,age,sex,item\n1,1,1,3,1,1\n2,1,2,7,2,2\n1,2,3,12,1,9\n3,2,4,15,2,1\n"
      "1,3,5,4,1,2\n",
      "base.csv");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto recipe = ParseRecipe(text, "fuzz.yaml");
  if (!recipe) return 0;
  Table table = base;
  auto design = BuildDesign(table, recipe->design, "base.csv");
  if (!design) return 0;
  auto prepared = PrepareRecipe(*recipe, table, nullptr);
  if (!prepared) return 0;
  RunOptions options;
  options.estimate.lonely_psu = LonelyPsu::kAdjust;
  (void)EstimateIndicators(table, *design, *prepared, options);
  return 0;
}
