#include "disclosure/suppress.h"

#include <algorithm>
#include <optional>

#include "disclosure/determined.h"

namespace inspire::disclosure {
namespace {

// The cells of one indicator with what is known of each: given cells are known unless
// suppressed, hidden margins are never known.
class Pattern {
 public:
  Pattern(std::vector<Cell>& cells, Relations relations)
      : cells_(cells), relations_(std::move(relations)), unknown_(relations_.cells.size(), true) {
    // Cells the relations pin down even with every cell unknown: a crossed table that lacks
    // every cell under a published one (its rows miss the crossing variable) makes the exact
    // relations call that cell zero. No suppression can change that, so they are not chased.
    structural_ = DeterminedCells(relations_, unknown_);
    for (size_t i = 0; i < cells_.size(); ++i) {
      unknown_[i] = cells_[i].suppression != Suppression::kNone;
    }
  }

  // Suppresses the smallest published cell of every relation that gives a suppressed cell away,
  // until there is none; returns how many it suppressed. A relation gives one away when a
  // suppressed cell is its only unknown, or when its known parent minus its known children
  // (the sum of its suppressed children) is itself a cell below `min_n`.
  size_t CloseRelations(double min_n) {
    size_t added = 0;
    for (bool changed = true; changed;) {
      changed = false;
      for (const Relation& relation : relations_.relations) {
        const std::vector<size_t> members = Members(relation);
        if (!GivesAway(relation, members, min_n)) continue;
        if (const auto pick = Smallest(members)) {
          Suppress(*pick);
          ++added;
          changed = true;
        }
      }
    }
    return added;
  }

  // A suppressed cell that the relations still determine (through several of them), if any:
  // the first by key, so that the order of the cells changes nothing.
  std::optional<size_t> FirstDetermined() const {
    std::optional<size_t> first;
    for (const size_t cell : DeterminedCells(relations_, unknown_)) {
      if (cell >= cells_.size() ||
          std::binary_search(structural_.begin(), structural_.end(), cell)) {
        continue;
      }
      if (!first || KeyBefore(cells_[cell].key, cells_[*first].key)) first = cell;
    }
    return first;
  }

  // Suppresses one published cell so that `cell` is no longer determined: the smallest (of at
  // most kMaxTried, from the cells of its relations, then of any relation holding an unknown)
  // that does it alone, else the smallest of its own relations. False when there is none.
  bool BreakDetermination(size_t cell) {
    std::vector<size_t> near, anywhere;
    for (const Relation& relation : relations_.relations) {
      const std::vector<size_t> members = Members(relation);
      if (std::find(members.begin(), members.end(), cell) != members.end()) {
        near.insert(near.end(), members.begin(), members.end());
      } else if (std::any_of(members.begin(), members.end(),
                             [&](size_t m) { return unknown_[m]; })) {
        anywhere.insert(anywhere.end(), members.begin(), members.end());
      }
    }
    std::vector<size_t> candidates = Published(near);
    const std::vector<size_t> farther = Published(anywhere);
    candidates.insert(candidates.end(), farther.begin(), farther.end());
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](size_t a, size_t b) { return Before(cells_[a], cells_[b]); });
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (size_t tried = 0; tried < candidates.size() && tried < kMaxTried; ++tried) {
      unknown_[candidates[tried]] = true;
      const std::vector<size_t> still = DeterminedCells(relations_, unknown_);
      unknown_[candidates[tried]] = false;
      if (!std::binary_search(still.begin(), still.end(), cell)) {
        Suppress(candidates[tried]);
        return true;
      }
    }
    auto pick = Smallest(near);
    if (!pick) pick = Smallest(anywhere);
    if (!pick) return false;
    Suppress(*pick);
    return true;
  }

 private:
  bool GivesAway(const Relation& relation, const std::vector<size_t>& members, double min_n) const {
    size_t unknowns = 0;
    bool hidden = false;
    for (const size_t cell : members) {
      unknowns += unknown_[cell] ? 1 : 0;
      hidden = hidden || cell >= cells_.size();
    }
    if (unknowns == 1) return !hidden;  // a hidden margin being known discloses nothing
    if (unknowns == 0 || hidden || unknown_[relation.parent]) return false;
    double rest = cells_[relation.parent].n;
    for (const size_t child : relation.children) rest -= unknown_[child] ? 0 : cells_[child].n;
    return rest < min_n;
  }

  static std::vector<size_t> Members(const Relation& relation) {
    std::vector<size_t> members = relation.children;
    members.push_back(relation.parent);
    return members;
  }

  static constexpr size_t kMaxTried = 64;

  // The published cells among `cells`, once each.
  std::vector<size_t> Published(std::vector<size_t> cells) const {
    std::sort(cells.begin(), cells.end());
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    std::erase_if(cells, [&](size_t c) { return unknown_[c] || c >= cells_.size(); });
    return cells;
  }

  // The published cell among `candidates` with the smallest n, ties broken by key.
  std::optional<size_t> Smallest(const std::vector<size_t>& candidates) const {
    std::optional<size_t> best;
    for (const size_t cell : candidates) {
      if (unknown_[cell] || cell >= cells_.size()) continue;
      if (!best || Before(cells_[cell], cells_[*best])) best = cell;
    }
    return best;
  }

  static bool KeyBefore(const CellKey& a, const CellKey& b) {
    return a.table != b.table ? a.table < b.table : a.code < b.code;
  }

  static bool Before(const Cell& a, const Cell& b) {
    return a.n != b.n ? a.n < b.n : KeyBefore(a.key, b.key);
  }

  void Suppress(size_t cell) {
    unknown_[cell] = true;
    cells_[cell].suppression = Suppression::kComplementary;
  }

  std::vector<Cell>& cells_;
  Relations relations_;
  std::vector<bool> unknown_;
  std::vector<size_t> structural_;  // ascending
};

}  // namespace

const char* SuppressionName(Suppression suppression) {
  switch (suppression) {
    case Suppression::kNone:
      return "";
    case Suppression::kPrimary:
      return "primary";
    case Suppression::kComplementary:
      return "complementary";
  }
  return "";
}

core::Result<size_t> SuppressComplementary(std::vector<Cell>& cells, double min_n) {
  std::vector<CellKey> keys;
  keys.reserve(cells.size());
  for (const Cell& cell : cells) keys.push_back(cell.key);
  INSPIRE_ASSIGN_OR_RETURN(Relations relations, BuildRelations(keys));
  Pattern pattern(cells, std::move(relations));
  size_t added = 0;
  while (true) {
    added += pattern.CloseRelations(min_n);
    const auto determined = pattern.FirstDetermined();
    if (!determined || !pattern.BreakDetermination(*determined)) return added;
    ++added;
  }
}

}  // namespace inspire::disclosure
