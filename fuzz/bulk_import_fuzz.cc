// Fuzzes the CSV import of the hub (core::ReadCsvRecords and hub::RecordsFromCsv): any input is
// parsed or refused with an error, never a crash or hang; and what parses survives a round trip
// through the CSV export (RecordsToCsv) unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hub/bulk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace inspire::hub;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto* columns : {&ActivityColumns(), &OrganizationColumns()}) {
    auto first = RecordsFromCsv(text, *columns, "fuzz.csv");
    if (!first) continue;
    const std::string again = RecordsToCsv(first->records, *columns);
    auto second = RecordsFromCsv(again, *columns, "again.csv");
    if (!second || second->records.size() != first->records.size()) std::abort();
    for (size_t i = 0; i < first->records.size(); ++i) {
      for (const auto& [key, value] : first->records[i].items()) {
        if (second->records[i][key] != value) std::abort();
      }
    }
  }
  return 0;
}
