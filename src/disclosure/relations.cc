#include "disclosure/relations.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

namespace inspire::disclosure {
namespace {

using core::ErrorCode;
using core::Fail;

// More variables than this in one crossed table would make the margins to consider (every
// subset of them) grow past what any survey table needs.
constexpr size_t kMaxCrossedVariables = 8;

using Parts = std::vector<std::string>;

Parts Split(const std::string& text) {
  Parts parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find('*', start);
    parts.push_back(text.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

std::string Join(const Parts& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? "*" : "") + parts[i];
  return out;
}

// A table's cells by their codes (in the order of the table's sorted variables).
struct Table {
  std::map<Parts, size_t> cells;
};

class Builder {
 public:
  core::Result<void> Add(const CellKey& key, size_t index) {
    Parts variables = key.table == "total" ? Parts() : Split(key.table);
    Parts codes = variables.empty() ? Parts() : Split(key.code);
    const std::string where = fmt::format("cell {} = '{}'", key.table, key.code);
    if (variables.size() > kMaxCrossedVariables) {
      return Fail(ErrorCode::kValidation, fmt::format("{}: a table may cross at most {} variables",
                                                      where, kMaxCrossedVariables));
    }
    if (codes.size() != variables.size() || (variables.empty() && !key.code.empty())) {
      return Fail(ErrorCode::kValidation,
                  fmt::format("{}: expected {} code(s) joined by '*', one per variable", where,
                              variables.size()));
    }
    std::vector<size_t> order(variables.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return variables[a] < variables[b]; });
    Parts sorted_variables, sorted_codes;
    for (const size_t i : order) {
      sorted_variables.push_back(variables[i]);
      sorted_codes.push_back(codes[i]);
    }
    if (std::adjacent_find(sorted_variables.begin(), sorted_variables.end()) !=
        sorted_variables.end()) {
      return Fail(ErrorCode::kValidation, where + ": a variable is named twice");
    }
    if (!tables_[sorted_variables].cells.emplace(sorted_codes, index).second) {
      return Fail(ErrorCode::kValidation, where + ": the same cell is given twice");
    }
    return {};
  }

  // Relates every table to each margin one variable smaller, from the largest tables down so
  // that hidden margins exist before their own margins are related.
  void Relate(Relations& out) {
    for (size_t size = kMaxCrossedVariables; size > 0; --size) {
      for (auto& [variables, table] : tables_) {
        if (variables.size() != size) continue;
        for (size_t drop = 0; drop < size; ++drop) RelateMargin(variables, table, drop, out);
      }
    }
  }

 private:
  void RelateMargin(const Parts& variables, const Table& table, size_t drop, Relations& out) {
    Parts margin_variables = variables;
    margin_variables.erase(margin_variables.begin() + static_cast<std::ptrdiff_t>(drop));
    Table& margin = tables_[margin_variables];
    std::map<size_t, size_t> relation_of_parent;  // margin cell -> index in out.relations
    for (const auto& [codes, cell] : table.cells) {
      Parts margin_codes = codes;
      margin_codes.erase(margin_codes.begin() + static_cast<std::ptrdiff_t>(drop));
      auto [at, added] = margin.cells.emplace(margin_codes, out.cells.size());
      if (added) {
        out.cells.push_back(
            {margin_variables.empty() ? "total" : Join(margin_variables), Join(margin_codes)});
      }
      auto [relation, fresh] = relation_of_parent.emplace(at->second, out.relations.size());
      if (fresh) out.relations.push_back({at->second, {}});
      out.relations[relation->second].children.push_back(cell);
    }
  }

  std::map<Parts, Table> tables_;
};

}  // namespace

core::Result<Relations> BuildRelations(std::span<const CellKey> keys) {
  Relations out;
  out.cells.assign(keys.begin(), keys.end());
  out.given = keys.size();
  Builder builder;
  for (size_t i = 0; i < keys.size(); ++i) INSPIRE_RETURN_IF_ERROR(builder.Add(keys[i], i));
  builder.Relate(out);
  return out;
}

}  // namespace inspire::disclosure
