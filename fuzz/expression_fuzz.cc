// Fuzzes the recipe expression parser, binder and evaluator on a small table.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "survey/expression.h"

namespace {

inspire::survey::Table MakeTable() {
  using inspire::survey::Column;
  using inspire::survey::kMissing;
  Column a{"a", "", {1, 2, kMissing, 0, -1}, false, {}};
  Column b{"b", "", {1, kMissing, 0, 2, 1e300}, false, {{1, "Yes"}, {2, "No"}}};
  Column region{"region", "", {1, 2, 1, kMissing, 2}, true, {{1, "North"}, {2, "South"}}};
  return inspire::survey::Table({a, b, region}, 5);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const inspire::survey::Table table = MakeTable();
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  const auto compiled = inspire::survey::CompileExpression(source, table, "fuzz");
  if (compiled) {
    const auto values = compiled->Evaluate(table);
    if (values.size() != table.rows()) __builtin_trap();
    (void)compiled->ResultLabels(table);
  }
  return 0;
}
