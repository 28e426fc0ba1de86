#include "meta/studies.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

#include "core/ascii_case.h"
#include "core/csv_records.h"

namespace inspire::meta {
namespace {

using core::ErrorCode;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool HasAll(const std::map<std::string, size_t>& columns, Layout layout) {
  const auto& needed = LayoutColumns(layout);
  return std::all_of(needed.begin(), needed.end(),
                     [&](const std::string& name) { return columns.contains(name); });
}

core::Result<Layout> ChooseLayout(const std::map<std::string, size_t>& columns,
                                  std::optional<Measure>& measure, std::string_view file_name) {
  if (!measure) {
    std::vector<Measure> candidates;
    if (HasAll(columns, Layout::kEvents)) candidates.push_back(Measure::kOr);
    if (HasAll(columns, Layout::kMeans)) candidates.push_back(Measure::kSmd);
    if (HasAll(columns, Layout::kYiVi) || HasAll(columns, Layout::kYiSei)) {
      candidates.push_back(Measure::kGen);
    }
    if (candidates.empty()) {
      return core::Fail(ErrorCode::kValidation,
                        fmt::format("{}: no effect columns; expected ai,n1i,ci,n2i (events), "
                                    "m1i,sd1i,n1i,m2i,sd2i,n2i (means), or yi with vi or sei",
                                    file_name));
    }
    if (candidates.size() > 1) {
      return core::Fail(ErrorCode::kValidation,
                        fmt::format("{}: the columns fit more than one kind of effect; choose "
                                    "one with --measure",
                                    file_name));
    }
    measure = candidates.front();
  }
  const Layout layout = LayoutOf(*measure, columns.contains("sei") && !columns.contains("vi"));
  std::vector<std::string> missing;
  for (const auto& name : LayoutColumns(layout)) {
    if (!columns.contains(name)) missing.push_back(name);
  }
  if (!missing.empty()) {
    return core::Fail(
        ErrorCode::kValidation,
        fmt::format("{}: the measure {} needs the column{} {}{}", file_name, MeasureName(*measure),
                    missing.size() == 1 ? "" : "s", fmt::join(missing, ", "),
                    *measure == Measure::kGen ? " (yi with vi or sei)" : ""));
  }
  return layout;
}

}  // namespace

std::optional<double> ParseNumber(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<std::string>> StudySet::Descriptor(std::string_view column) const {
  for (size_t c = 0; c < descriptor_columns.size(); ++c) {
    if (core::AsciiLower(descriptor_columns[c]) != core::AsciiLower(column)) continue;
    std::vector<std::string> out;
    out.reserve(studies.size());
    for (const auto& study : studies) out.push_back(study.descriptors[c]);
    return out;
  }
  return std::nullopt;
}

std::vector<double> StudySet::Effects() const {
  std::vector<double> out;
  out.reserve(studies.size());
  for (const auto& study : studies) out.push_back(study.effect.yi);
  return out;
}

std::vector<double> StudySet::Variances() const {
  std::vector<double> out;
  out.reserve(studies.size());
  for (const auto& study : studies) out.push_back(study.effect.vi);
  return out;
}

core::Result<StudySet> ParseStudies(std::string_view text, std::string_view file_name,
                                    std::optional<Measure> measure) {
  INSPIRE_ASSIGN_OR_RETURN(const core::CsvRecords records, core::ReadCsvRecords(text, file_name));
  std::map<std::string, size_t> columns;  // lower-case name -> index
  for (size_t c = 0; c < records.header.size(); ++c) {
    const std::string name = core::AsciiLower(Trim(records.header[c]));
    if (!columns.emplace(name, c).second) {
      return core::Fail(ErrorCode::kParse,
                        fmt::format("{} line 1: the column '{}' appears twice (names match in "
                                    "any case)",
                                    file_name, records.header[c]));
    }
  }
  if (!columns.contains("study")) {
    return core::Fail(ErrorCode::kValidation,
                      fmt::format("{} line 1: no 'study' column; each row needs the study's "
                                  "name",
                                  file_name));
  }
  StudySet set;
  INSPIRE_ASSIGN_OR_RETURN(set.layout, ChooseLayout(columns, measure, file_name));
  set.measure = *measure;
  const auto& layout_columns = LayoutColumns(set.layout);
  std::vector<size_t> descriptor_index;
  for (size_t c = 0; c < records.header.size(); ++c) {
    const std::string name = core::AsciiLower(Trim(records.header[c]));
    if (name == "study" ||
        std::find(layout_columns.begin(), layout_columns.end(), name) != layout_columns.end()) {
      continue;
    }
    descriptor_index.push_back(c);
    set.descriptor_columns.emplace_back(Trim(records.header[c]));
  }
  const size_t study_column = columns.at("study");
  for (size_t row = 0; row < records.rows.size(); ++row) {
    const auto& cells = records.rows[row];
    Study study;
    study.line = records.lines[row];
    study.name = std::string(Trim(cells[study_column]));
    if (study.name.empty()) {
      return core::FailField(ErrorCode::kValidation, "study",
                             fmt::format("{} line {}, column study: empty; each row needs the "
                                         "study's name",
                                         file_name, study.line));
    }
    const auto where = [&](const std::string& column) {
      return fmt::format("{} line {}, study '{}', column {}", file_name, study.line, study.name,
                         column);
    };
    study.reported.layout = set.layout;
    for (const auto& column : layout_columns) {
      const std::string& cell = cells[columns.at(column)];
      const auto value = ParseNumber(cell);
      if (!value) {
        return core::FailField(ErrorCode::kValidation, column,
                               fmt::format("{}: '{}' is not a number", where(column), cell));
      }
      study.reported.values.push_back(*value);
    }
    auto effect = ComputeEffect(set.measure, study.reported);
    if (!effect) {
      auto error = effect.error();
      error.message =
          fmt::format("{}: {}", where(error.field.empty() ? "(all)" : error.field), error.message);
      return tl::unexpected(std::move(error));
    }
    study.effect = *effect;
    for (size_t c : descriptor_index) study.descriptors.emplace_back(Trim(cells[c]));
    set.studies.push_back(std::move(study));
  }
  if (set.studies.size() < 2) {
    return core::Fail(ErrorCode::kValidation,
                      fmt::format("{}: {} stud{}; a meta-analysis needs at least 2", file_name,
                                  set.studies.size(), set.studies.size() == 1 ? "y" : "ies"));
  }
  return set;
}

}  // namespace inspire::meta
