#include "hub/estimate_protection.h"

#include <fmt/format.h>

#include <map>

#include "hub/audit.h"

namespace inspire::hub {

core::Result<std::vector<disclosure::Suppression>> ProtectCells(
    const std::vector<ProtectedCell>& cells, double min_n) {
  std::map<std::string, std::vector<size_t>> by_indicator;
  for (size_t i = 0; i < cells.size(); ++i) by_indicator[cells[i].indicator_id].push_back(i);
  std::vector<disclosure::Suppression> out(cells.size(), disclosure::Suppression::kNone);
  for (const auto& [indicator, members] : by_indicator) {
    std::vector<disclosure::Cell> group;
    group.reserve(members.size());
    for (const size_t i : members) {
      const bool hidden = !cells[i].n_unweighted.has_value();
      group.push_back(
          {{cells[i].domain, cells[i].domain_code},
           cells[i].n_unweighted.value_or(0),
           hidden ? disclosure::Suppression::kPrimary : disclosure::Suppression::kNone});
    }
    auto added = disclosure::SuppressComplementary(group, min_n);
    if (!added) {
      return core::FailField(core::ErrorCode::kValidation, "estimates",
                             fmt::format("indicator '{}': {}", indicator, added.error().message));
    }
    for (size_t k = 0; k < members.size(); ++k) out[members[k]] = group[k].suppression;
  }
  return out;
}

namespace {

// Protects one set's stored rows; returns how many it suppressed.
core::Result<int64_t> ProtectSet(store::Connection& db, int64_t set_id, double min_n) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT id, indicator_id, domain, domain_code, n_unweighted FROM estimates "
               "WHERE set_id = ? ORDER BY id",
               {set_id}));
  std::vector<ProtectedCell> cells;
  for (const auto& row : found.rows) {
    cells.push_back({row.Text(1), row.Text(2), row.Text(3),
                     row.IsNull(4) ? std::nullopt : std::optional<double>(row.Real(4))});
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto suppression, ProtectCells(cells, min_n));
  int64_t added = 0;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (suppression[i] != disclosure::Suppression::kComplementary) continue;
    ++added;
    INSPIRE_RETURN_IF_ERROR(db.Query(
        "UPDATE estimates SET flag = 'suppressed', suppression = 'complementary', "
        "n_unweighted = NULL, n_missing = NULL, n_weighted = NULL, estimate = NULL, se = NULL, "
        "ci_low = NULL, ci_high = NULL, deff = NULL, df = NULL WHERE id = ?",
        {found.rows[i].Int(0)}));
  }
  INSPIRE_RETURN_IF_ERROR(
      db.Query("UPDATE estimate_sets SET protection = 1 WHERE id = ?", {set_id}));
  if (added > 0) {
    INSPIRE_RETURN_IF_ERROR(RecordAudit(db, Actor::System(), "protect", "estimate_set",
                                        std::to_string(set_id), Json(),
                                        Json{{"complementary", added}}));
  }
  return added;
}

}  // namespace

core::Result<int64_t> ProtectPublishedSets(store::Connection& db, double min_n) {
  INSPIRE_ASSIGN_OR_RETURN(const auto sets,
                           db.Query("SELECT id FROM estimate_sets WHERE protection = 0", {}));
  int64_t added = 0;
  for (const auto& row : sets.rows) {
    INSPIRE_ASSIGN_OR_RETURN(const int64_t in_set, ProtectSet(db, row.Int(0), min_n));
    added += in_set;
  }
  return added;
}

}  // namespace inspire::hub
