// The estimates as an XLSX workbook (through core::XlsxWorkbook): a sheet per indicator and one
// of provenance.
#include <fmt/format.h>

#include <cctype>
#include <map>
#include <set>

#include "core/ascii_case.h"
#include "core/file.h"
#include "core/xlsx_workbook.h"
#include "survey/output.h"

namespace inspire::survey {
namespace {

// Excel sheet names: 1-31 characters, none of []:*?/\, not starting or ending with an
// apostrophe, unique without regard to case, and "Provenance" is taken.
std::string SheetName(const std::string& id, std::set<std::string>& used_lower) {
  std::string name;
  for (char c : id)
    name += std::string_view("[]:*?/\\'").find(c) == std::string_view::npos ? c : '_';
  if (name.empty()) name = "indicator";
  name = name.substr(0, 27);
  std::string candidate = name;
  for (int i = 2; used_lower.count(core::AsciiLower(candidate)) > 0 ||
                  core::AsciiLower(candidate) == "provenance";
       ++i) {
    candidate = fmt::format("{}~{}", name, i);
  }
  used_lower.insert(core::AsciiLower(candidate));
  return candidate;
}

using Style = core::XlsxWorkbook::Style;

void WriteNumber(core::XlsxWorkbook& book, size_t sheet, uint32_t row, uint16_t col, double value,
                 Style style) {
  if (!IsMissing(value)) book.Number(sheet, row, col, value, style);
}

void WriteIndicatorSheet(core::XlsxWorkbook& book, size_t sheet,
                         const std::vector<const EstimateRow*>& rows) {
  const auto& columns = OutputColumns();
  for (size_t c = 0; c < columns.size(); ++c) {
    book.Text(sheet, 0, static_cast<uint16_t>(c), columns[c], Style::kHeader);
  }
  book.ColumnWidth(sheet, 0, 4, 16);
  book.ColumnWidth(sheet, 1, 1, 40);
  book.FreezeTopRow(sheet);
  uint32_t r = 1;
  for (const EstimateRow* row : rows) {
    const auto fields = RowFields(*row);
    for (uint16_t c = 0; c < 5; ++c) book.Text(sheet, r, c, fields[c]);
    const auto& v = row->values;
    WriteNumber(book, sheet, r, 5, v.n_unweighted, Style::kInteger);
    WriteNumber(book, sheet, r, 6, v.n_missing, Style::kInteger);
    WriteNumber(book, sheet, r, 7, v.n_weighted, Style::kDecimal);
    // A proportion as a percentage; a mean or a total as the number it is.
    const Style scale =
        row->statistic == Statistic::kProportion ? Style::kPercent : Style::kDecimal;
    WriteNumber(book, sheet, r, 8, v.estimate, scale);
    WriteNumber(book, sheet, r, 9, v.se, Style::kDecimal);
    WriteNumber(book, sheet, r, 10, v.ci_low, scale);
    WriteNumber(book, sheet, r, 11, v.ci_high, scale);
    WriteNumber(book, sheet, r, 12, v.deff, Style::kDecimal);
    WriteNumber(book, sheet, r, 13, v.df, Style::kInteger);
    book.Text(sheet, r, 14, fields[14]);
    book.Text(sheet, r, 15, fields[15]);
    book.Text(sheet, r, 16, fields[16]);
    ++r;
  }
}

void WriteProvenanceSheet(core::XlsxWorkbook& book, size_t sheet, const Provenance& p) {
  std::string lonely;
  for (const auto& s : p.lonely_strata) lonely += (lonely.empty() ? "" : ", ") + s;
  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto& input : p.inputs) {
    entries.emplace_back("input file", input.file);
    entries.emplace_back("input sha256", input.sha256);
    entries.emplace_back("input rows", std::to_string(input.rows));
  }
  const std::vector<std::pair<std::string, std::string>> design_entries = {
      {"rows", std::to_string(p.rows)},
      {"recipe", p.recipe},
      {"recipe sha256", p.recipe_sha256},
      {"strata", std::to_string(p.strata)},
      {"PSUs", std::to_string(p.psus)},
      {"design df", FormatNumber(p.design_df)},
      {"df of each row", p.df_rule},
      {"lonely PSU policy", p.lonely_psu},
      {"strata with one PSU", lonely},
      {"replicate weights",
       p.replicates.type.empty()
           ? "none (strata and PSUs)"
           : fmt::format("{}, {} replicates, scale {}, centred on the {}", p.replicates.type,
                         p.replicates.count, FormatNumber(p.replicates.scale),
                         p.replicates.mse ? "full-sample estimate" : "replicates' mean")},
      {"confidence interval", fmt::format("{} {}%", p.ci_method, FormatNumber(p.level * 100))},
      {"suppressed below n", FormatNumber(p.min_n)},
      {"caution below n", FormatNumber(p.caution_n)},
      {"tool", "inspire " + p.tool_version},
      {"created (UTC)", p.created_at}};
  entries.insert(entries.end(), design_entries.begin(), design_entries.end());
  for (const auto& warning : p.warnings) entries.emplace_back("warning", warning);
  book.ColumnWidth(sheet, 0, 0, 24);
  book.ColumnWidth(sheet, 1, 1, 70);
  uint32_t r = 0;
  for (const auto& [key, value] : entries) {
    book.Text(sheet, r, 0, key, Style::kHeader);
    book.Text(sheet, r, 1, value);
    ++r;
  }
}

// The workbook at `file`: a sheet per indicator in the order first met, then the provenance.
core::Result<void> WriteWorkbook(const std::filesystem::path& file,
                                 const std::vector<EstimateRow>& rows,
                                 const Provenance& provenance) {
  INSPIRE_ASSIGN_OR_RETURN(core::XlsxWorkbook book, core::XlsxWorkbook::Create(file));
  std::vector<std::string> order;
  std::map<std::string, std::vector<const EstimateRow*>> by_indicator;
  for (const auto& row : rows) {
    if (by_indicator.count(row.indicator_id) == 0) order.push_back(row.indicator_id);
    by_indicator[row.indicator_id].push_back(&row);
  }
  std::set<std::string> used;
  for (const auto& id : order) {
    INSPIRE_ASSIGN_OR_RETURN(const size_t sheet, book.AddSheet(SheetName(id, used)));
    WriteIndicatorSheet(book, sheet, by_indicator[id]);
  }
  INSPIRE_ASSIGN_OR_RETURN(const size_t sheet, book.AddSheet("Provenance"));
  WriteProvenanceSheet(book, sheet, provenance);
  return book.Close();
}

}  // namespace

core::Result<void> WriteEstimatesXlsx(const std::filesystem::path& path,
                                      const std::vector<EstimateRow>& rows,
                                      const Provenance& provenance) {
  const auto temporary = core::TemporarySibling(path);
  auto written = WriteWorkbook(temporary, rows, provenance);
  if (!written) {
    std::error_code ec;
    std::filesystem::remove(temporary, ec);
    return core::Fail(core::ErrorCode::kIo, path.string() + ": cannot write the workbook (" +
                                                written.error().message + ")");
  }
  return core::RenameInto(temporary, path);
}

}  // namespace inspire::survey
