// Fuzzes the CSV survey reader: any bytes give a table or an error, never a crash or a hang; and
// parsing in many small chunks on several threads gives exactly what one chunk gives.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "survey/csv_reader.h"

namespace {

bool SameTables(const inspire::survey::Table& a, const inspire::survey::Table& b) {
  if (a.rows() != b.rows() || a.Names() != b.Names()) return false;
  for (const auto& column : a.columns()) {
    const auto* other = b.Find(column.name);
    if (other == nullptr || other->is_text != column.is_text ||
        other->value_labels != column.value_labels) {
      return false;
    }
    for (size_t row = 0; row < a.rows(); ++row) {
      const double x = column.values[row];
      const double y = other->values[row];
      if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto table = inspire::survey::ParseCsv(text, "fuzz.csv", nullptr, 1);
  if (table) {
    for (const auto& column : table->columns()) {
      if (column.values.size() != table->rows()) __builtin_trap();
    }
  }
  const auto chunked = inspire::survey::ParseCsvInChunks(text, "fuzz.csv", 3, 1);
  if (table.has_value() != chunked.has_value()) __builtin_trap();
  if (table && !SameTables(*table, *chunked)) __builtin_trap();
  if (!table && table.error().message != chunked.error().message) __builtin_trap();
  return 0;
}
