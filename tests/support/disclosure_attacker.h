// The disclosure attacker of the tests (DESIGN.md invariant 2): given every cell a reader can
// see (keys, which are suppressed), it writes every linear relation between them (each table
// against each of its margins, whether published or not) and reports each suppressed cell
// whose value those relations pin down, by exact rank over the rationals. Written apart from
// src/disclosure (another construction of the relations, another test of determination) so
// that a fault there is not repeated here.
#ifndef INSPIRE_TESTS_SUPPORT_DISCLOSURE_ATTACKER_H_
#define INSPIRE_TESTS_SUPPORT_DISCLOSURE_ATTACKER_H_

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <map>
#include <string>
#include <vector>

namespace inspire::testing {

struct SeenCell {
  std::string group;   // the set of cells that add up together: survey and indicator
  std::string domain;  // "total", "sex", "sex*agegrp"
  std::string code;    // "", "2", "2*3"
  bool suppressed = false;
};

namespace attacker_detail {

using Rational = boost::multiprecision::cpp_rational;
using Row = std::vector<Rational>;

inline std::vector<std::string> SplitStar(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at = text.find('*'); at != std::string::npos; at = text.find('*', start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

// A cell as {variable: code}, the total as {}.
using Key = std::map<std::string, std::string>;

inline Key KeyOf(const SeenCell& cell) {
  Key key;
  if (cell.domain == "total") return key;
  const auto variables = SplitStar(cell.domain);
  const auto codes = SplitStar(cell.code);
  for (size_t i = 0; i < variables.size() && i < codes.size(); ++i) key[variables[i]] = codes[i];
  return key;
}

// Reduces `rows` to echelon form (pivot per row, leading entries 1, eliminated below and above).
inline std::vector<size_t> Echelon(std::vector<Row>& rows) {
  std::vector<size_t> pivots;
  size_t rank = 0;
  const size_t columns = rows.empty() ? 0 : rows[0].size();
  for (size_t c = 0; c < columns && rank < rows.size(); ++c) {
    size_t r = rank;
    while (r < rows.size() && rows[r][c] == 0) ++r;
    if (r == rows.size()) continue;
    std::swap(rows[r], rows[rank]);
    const Rational lead = rows[rank][c];
    for (auto& v : rows[rank]) v /= lead;
    for (size_t o = 0; o < rows.size(); ++o) {
      if (o == rank || rows[o][c] == 0) continue;
      const Rational f = rows[o][c];
      for (size_t k = 0; k < columns; ++k) rows[o][k] -= f * rows[rank][k];
    }
    pivots.push_back(c);
    ++rank;
  }
  rows.resize(rank);
  return pivots;
}

// Whether the unit vector of `column` is a combination of the reduced rows.
inline bool InRowSpace(const std::vector<Row>& rows, const std::vector<size_t>& pivots,
                       size_t column, size_t columns) {
  Row v(columns);
  v[column] = 1;
  for (size_t r = 0; r < rows.size(); ++r) {
    const Rational f = v[pivots[r]];
    if (f == 0) continue;
    for (size_t k = 0; k < columns; ++k) v[k] -= f * rows[r][k];
  }
  return std::all_of(v.begin(), v.end(), [](const Rational& x) { return x == 0; });
}

inline std::vector<std::string> AttackGroup(const std::vector<SeenCell>& cells) {
  std::map<Key, size_t> index;  // every cell, seen or implied, to its number
  std::vector<bool> unknown;    // per cell number
  std::vector<std::string> name;
  const auto number = [&](const Key& key, bool hidden, const std::string& label) {
    auto [at, added] = index.emplace(key, unknown.size());
    if (added) {
      unknown.push_back(hidden);
      name.push_back(label);
    }
    return at->second;
  };
  for (const SeenCell& cell : cells) {
    number(KeyOf(cell), cell.suppressed, cell.group + " " + cell.domain + "=" + cell.code);
  }
  // Each seen table against every margin (every proper subset of its variables).
  std::map<std::vector<std::string>, std::vector<Key>> tables;
  for (const SeenCell& cell : cells) {
    const Key key = KeyOf(cell);
    std::vector<std::string> variables;
    for (const auto& [variable, code] : key) variables.push_back(variable);
    tables[variables].push_back(key);
  }
  std::vector<std::map<size_t, int>> relations;
  for (const auto& [variables, keys] : tables) {
    const size_t subsets = size_t{1} << variables.size();
    for (size_t mask = 0; mask + 1 < subsets; ++mask) {
      std::map<size_t, std::map<size_t, int>> by_margin;
      for (const Key& key : keys) {
        Key margin;
        for (size_t v = 0; v < variables.size(); ++v) {
          if (mask & (size_t{1} << v)) margin[variables[v]] = key.at(variables[v]);
        }
        const size_t m = number(margin, true, "(unpublished margin)");
        by_margin[m][index.at(key)] -= 1;
      }
      for (auto& [m, relation] : by_margin) {
        relation[m] += 1;
        relations.push_back(relation);
      }
    }
  }
  std::vector<size_t> column(unknown.size(), SIZE_MAX);
  size_t columns = 0;
  for (size_t i = 0; i < unknown.size(); ++i) {
    if (unknown[i]) column[i] = columns++;
  }
  std::vector<Row> rows;
  for (const auto& relation : relations) {
    Row row(columns);
    bool any = false;
    for (const auto& [cell, coefficient] : relation) {
      if (column[cell] == SIZE_MAX) continue;
      row[column[cell]] += coefficient;
      any = true;
    }
    if (any) rows.push_back(row);
  }
  const auto pivots = Echelon(rows);
  std::vector<std::string> recovered;
  for (const SeenCell& cell : cells) {
    if (!cell.suppressed) continue;
    const size_t i = index.at(KeyOf(cell));
    if (InRowSpace(rows, pivots, column[i], columns)) recovered.push_back(name[i]);
  }
  return recovered;
}

}  // namespace attacker_detail

// The suppressed cells (described as "group domain=code") that the seen cells' relations
// determine; empty when publication is safe.
inline std::vector<std::string> RecoverableCells(const std::vector<SeenCell>& cells) {
  std::map<std::string, std::vector<SeenCell>> groups;
  for (const SeenCell& cell : cells) groups[cell.group].push_back(cell);
  std::vector<std::string> recovered;
  for (const auto& [group, members] : groups) {
    const auto found = attacker_detail::AttackGroup(members);
    recovered.insert(recovered.end(), found.begin(), found.end());
  }
  return recovered;
}

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_DISCLOSURE_ATTACKER_H_
