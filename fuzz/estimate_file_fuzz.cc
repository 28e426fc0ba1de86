// Fuzzes the hub's reader of published-estimates files (hub::ReadEstimateFile), outside input
// that every publication passes through: any JSON is read or refused with a message naming its
// field, never a crash or a hang; and a file that is read keeps the hub's promises: at least one
// row, a level in (0, 1), no shown cell under the hub's threshold, every shown estimate a
// proportion with a non-negative SE inside its interval, and the same answer when read again.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "catalogue/loader.h"
#include "core/json_parse.h"
#include "hub/estimate_file.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

const inspire::catalogue::Catalogue& ShippedCatalogue() {
  static const auto catalogue = inspire::catalogue::LoadCatalogue({INSPIRE_FUZZ_DATA_DIR, {}});
  Check(catalogue.has_value());
  return *catalogue;
}

void CheckRow(const inspire::hub::EstimateFileRow& row) {
  Check(row.flag == "ok" || row.flag == "caution" || row.flag == "suppressed");
  if (row.flag == "suppressed") {
    Check(row.suppression == "primary" || row.suppression == "complementary");
    return;
  }
  Check(row.suppression.empty());
  Check(static_cast<double>(row.n_unweighted) >= inspire::hub::kHubMinN);
  Check(row.estimate >= 0 && row.estimate <= 1 && row.se >= 0);
  Check(row.ci_low.has_value() == row.ci_high.has_value());
  if (row.ci_low) {
    Check(*row.ci_low >= 0 && *row.ci_high <= 1);
    Check(*row.ci_low <= row.estimate + 1e-9 && *row.ci_high >= row.estimate - 1e-9);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto file = inspire::core::ParseJson(text, "the file");
  if (!file) return 0;
  const auto& catalogue = ShippedCatalogue();
  const auto read = inspire::hub::ReadEstimateFile(catalogue, "KEN", *file);
  if (!read) {
    Check(!read.error().message.empty() && !read.error().field.empty());
    return 0;
  }
  Check(!read->rows.empty());
  Check(read->level > 0 && read->level < 1);
  for (const auto& row : read->rows) CheckRow(row);
  const auto again = inspire::hub::ReadEstimateFile(catalogue, "KEN", *file);
  Check(again.has_value() && again->rows.size() == read->rows.size());
  for (size_t i = 0; i < read->rows.size(); ++i) Check(again->rows[i].flag == read->rows[i].flag);
  return 0;
}
