#include "hub/implementation_export.h"

#include <fmt/format.h>

#include <vector>

#include "core/csv_writer.h"
#include "hub/implementation_sections.h"

namespace inspire::hub {
namespace {

// The key field of each section's items (the item's name in the long table); free lists are
// named by their position.
std::string ItemName(const std::string& section, const Json& item, size_t index) {
  const std::string key = SectionKeyField(section);
  if (!key.empty()) return item[key].get<std::string>();
  return fmt::format("{}{}", section == "plans" ? "plan-" : "survey-", index + 1);
}

// An answer as one cell: text as is, numbers as written, lists joined by ';', null empty.
std::string Cell(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_array()) {
    std::vector<std::string> parts;
    for (const Json& part : value) parts.push_back(Cell(part));
    return fmt::format("{}", fmt::join(parts, ";"));
  }
  return value.dump();
}

void AppendRound(const ValidatedRound& round, const Json& sections, std::string& csv) {
  const std::string year = std::to_string(round.reference_year);
  for (const auto& [name, value] : round.answers.items()) {
    csv += core::CsvRecord(
        std::vector<std::string>{round.country, round.label, year, "data", "", name, Cell(value)});
  }
  for (const auto& [section, items] : sections.items()) {
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string item = ItemName(section, items[i], i);
      for (const auto& [field, value] : items[i].items()) {
        if (IsSectionKeyField(field)) continue;
        csv += core::CsvRecord(std::vector<std::string>{round.country, round.label, year, section,
                                                        item, field, Cell(value)});
      }
    }
  }
}

}  // namespace

core::Result<std::string> ImplementationCsv(store::Connection& db,
                                            const catalogue::Catalogue& catalogue,
                                            const CountryFilter& filter) {
  INSPIRE_ASSIGN_OR_RETURN(const auto by_country, ValidatedRounds(db, catalogue, filter));
  std::vector<int64_t> ids;
  for (const auto& rounds : by_country) {
    for (const auto& round : rounds) ids.push_back(round.id);
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto sections, ReadSectionsOf(db, ids));
  std::string csv = "country,round,reference_year,section,item,field,answer\n";
  for (const auto& rounds : by_country) {
    for (auto round = rounds.rbegin(); round != rounds.rend(); ++round) {
      AppendRound(*round, sections.at(round->id), csv);
    }
  }
  return csv;
}

}  // namespace inspire::hub
