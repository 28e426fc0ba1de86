// XLSX output through libxlsxwriter (the only file that includes <xlsxwriter.h>).
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cctype>
#include <map>
#include <set>

#include "core/file.h"
#include "survey/output.h"

namespace inspire::survey {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Excel sheet names: 1-31 characters, none of []:*?/\, not starting or ending with an
// apostrophe, unique without regard to case, and "Provenance" is taken.
std::string SheetName(const std::string& id, std::set<std::string>& used_lower) {
  std::string name;
  for (char c : id)
    name += std::string_view("[]:*?/\\'").find(c) == std::string_view::npos ? c : '_';
  if (name.empty()) name = "indicator";
  name = name.substr(0, 27);
  std::string candidate = name;
  for (int i = 2; used_lower.count(Lower(candidate)) > 0 || Lower(candidate) == "provenance"; ++i) {
    candidate = fmt::format("{}~{}", name, i);
  }
  used_lower.insert(Lower(candidate));
  return candidate;
}

struct Formats {
  lxw_format* header;
  lxw_format* percent;
  lxw_format* decimal;
  lxw_format* integer;
};

void WriteNumber(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, double value,
                 lxw_format* format) {
  if (!IsMissing(value)) worksheet_write_number(sheet, row, col, value, format);
}

void WriteIndicatorSheet(lxw_worksheet* sheet, const std::vector<const EstimateRow*>& rows,
                         const Formats& formats) {
  const auto& columns = OutputColumns();
  for (size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), columns[c].c_str(), formats.header);
  }
  worksheet_set_column(sheet, 0, 4, 16, nullptr);
  worksheet_set_column(sheet, 1, 1, 40, nullptr);
  worksheet_freeze_panes(sheet, 1, 0);
  lxw_row_t r = 1;
  for (const EstimateRow* row : rows) {
    const auto fields = RowFields(*row);
    for (lxw_col_t c = 0; c < 5; ++c)
      worksheet_write_string(sheet, r, c, fields[c].c_str(), nullptr);
    const auto& v = row->values;
    WriteNumber(sheet, r, 5, v.n_unweighted, formats.integer);
    WriteNumber(sheet, r, 6, v.n_missing, formats.integer);
    WriteNumber(sheet, r, 7, v.n_weighted, formats.decimal);
    WriteNumber(sheet, r, 8, v.estimate, formats.percent);
    WriteNumber(sheet, r, 9, v.se, formats.decimal);
    WriteNumber(sheet, r, 10, v.ci_low, formats.percent);
    WriteNumber(sheet, r, 11, v.ci_high, formats.percent);
    WriteNumber(sheet, r, 12, v.deff, formats.decimal);
    WriteNumber(sheet, r, 13, v.df, formats.integer);
    worksheet_write_string(sheet, r, 14, fields[14].c_str(), nullptr);
    worksheet_write_string(sheet, r, 15, fields[15].c_str(), nullptr);
    ++r;
  }
}

void WriteProvenanceSheet(lxw_worksheet* sheet, const Provenance& p, const Formats& formats) {
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
      {"lonely PSU policy", p.lonely_psu},
      {"strata with one PSU", lonely},
      {"confidence interval", fmt::format("{} {}%", p.ci_method, FormatNumber(p.level * 100))},
      {"suppressed below n", FormatNumber(p.min_n)},
      {"caution below n", FormatNumber(p.caution_n)},
      {"tool", "inspire " + p.tool_version},
      {"created (UTC)", p.created_at}};
  entries.insert(entries.end(), design_entries.begin(), design_entries.end());
  worksheet_set_column(sheet, 0, 0, 24, nullptr);
  worksheet_set_column(sheet, 1, 1, 70, nullptr);
  lxw_row_t r = 0;
  for (const auto& [key, value] : entries) {
    worksheet_write_string(sheet, r, 0, key.c_str(), formats.header);
    worksheet_write_string(sheet, r, 1, value.c_str(), nullptr);
    ++r;
  }
}

}  // namespace

core::Result<void> WriteEstimatesXlsx(const std::filesystem::path& path,
                                      const std::vector<EstimateRow>& rows,
                                      const Provenance& provenance) {
  const auto temporary = core::TemporarySibling(path);
  lxw_workbook* workbook = workbook_new(temporary.c_str());
  if (workbook == nullptr)
    return core::Fail(core::ErrorCode::kIo, path.string() + ": cannot write");
  Formats formats{};
  formats.header = workbook_add_format(workbook);
  format_set_bold(formats.header);
  formats.percent = workbook_add_format(workbook);
  format_set_num_format(formats.percent, "0.0%");
  formats.decimal = workbook_add_format(workbook);
  format_set_num_format(formats.decimal, "0.0000");
  formats.integer = workbook_add_format(workbook);
  format_set_num_format(formats.integer, "0");
  std::vector<std::string> order;
  std::map<std::string, std::vector<const EstimateRow*>> by_indicator;
  for (const auto& row : rows) {
    if (by_indicator.count(row.indicator_id) == 0) order.push_back(row.indicator_id);
    by_indicator[row.indicator_id].push_back(&row);
  }
  std::set<std::string> used;
  bool sheets_ok = true;
  for (const auto& id : order) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, SheetName(id, used).c_str());
    if (sheet == nullptr) {
      sheets_ok = false;
      break;
    }
    WriteIndicatorSheet(sheet, by_indicator[id], formats);
  }
  lxw_worksheet* provenance_sheet =
      sheets_ok ? workbook_add_worksheet(workbook, "Provenance") : nullptr;
  if (provenance_sheet != nullptr) WriteProvenanceSheet(provenance_sheet, provenance, formats);
  const bool closed = workbook_close(workbook) == LXW_NO_ERROR;
  if (provenance_sheet == nullptr || !closed) {
    std::error_code ec;
    std::filesystem::remove(temporary, ec);
    return core::Fail(core::ErrorCode::kIo, path.string() + ": cannot write the workbook");
  }
  return core::RenameInto(temporary, path);
}

}  // namespace inspire::survey
