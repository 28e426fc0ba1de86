// Fuzzes complementary suppression: the bytes describe one indicator's cells (up to three
// variables, crossed tables, counts, which are small); after SuppressComplementary no suppressed
// cell may be determined by the relations, and keys that do not fit are refused, never a crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "disclosure/determined.h"
#include "disclosure/suppress.h"

using inspire::disclosure::Cell;
using inspire::disclosure::CellKey;
using inspire::disclosure::Suppression;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* kTables[] = {"total", "a", "b", "c", "a*b", "b*c", "a*c", "a*b*c", "b*a"};
  std::vector<Cell> cells;
  for (size_t i = 0; i + 3 < size && cells.size() < 80; i += 4) {
    const std::string table = kTables[data[i] % 9];
    std::string code;
    const size_t parts = table == "total" ? 0 : (table.size() + 1) / 2;
    for (size_t p = 0; p < parts; ++p) {
      code += (p > 0 ? "*" : "") + std::to_string((data[i + 1] >> (2 * p)) % 3);
    }
    const double n = data[i + 2];
    cells.push_back({{table, code}, n, n < 25 ? Suppression::kPrimary : Suppression::kNone});
  }
  auto added = inspire::disclosure::SuppressComplementary(cells, 25);
  if (!added) return 0;  // duplicate keys: refused
  std::vector<CellKey> keys;
  for (const Cell& cell : cells) keys.push_back(cell.key);
  const auto relations = inspire::disclosure::BuildRelations(keys);
  if (!relations) std::abort();
  std::vector<bool> unknown(relations->cells.size(), true);
  const auto structural = inspire::disclosure::DeterminedCells(*relations, unknown);
  for (size_t i = 0; i < cells.size(); ++i) unknown[i] = cells[i].suppression != Suppression::kNone;
  for (const size_t cell : inspire::disclosure::DeterminedCells(*relations, unknown)) {
    // A determined suppressed cell is allowed only when no published cell is left to give up
    // in the relations that hold unknown cells.
    if (cell >= cells.size() || std::binary_search(structural.begin(), structural.end(), cell)) {
      continue;
    }
    for (const auto& relation : relations->relations) {
      std::vector<size_t> members = relation.children;
      members.push_back(relation.parent);
      bool holds_unknown = false, holds_published = false;
      for (const size_t m : members) {
        holds_unknown |= unknown[m];
        holds_published |= !unknown[m];
      }
      if (holds_unknown && holds_published) std::abort();
    }
  }
  return 0;
}
