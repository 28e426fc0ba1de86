#include "cli/inspect_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/csv_writer.h"
#include "core/file.h"
#include "core/suggest.h"
#include "core/text_table.h"
#include "survey/inspect.h"
#include "survey/reader.h"

namespace inspire::cli {
namespace {

using core::ErrorCode;
using core::Fail;
using InspectJson = nlohmann::ordered_json;

struct Inspected {
  std::string file;
  size_t rows = 0;
  std::vector<survey::VariableSummary> variables;
};

// Reads each file (all its variables) and summarises the requested ones.
core::Result<std::vector<Inspected>> InspectFiles(const InspectRequest& request) {
  std::vector<Inspected> files;
  for (const std::string& path : request.data) {
    INSPIRE_ASSIGN_OR_RETURN(const survey::Table table, survey::ReadSurvey(path));
    Inspected inspected{std::filesystem::path(path).filename().string(), table.rows(), {}};
    for (const std::string& name : request.variables) {
      if (table.Find(name) == nullptr) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: no variable '{}'{}", path, name,
                                core::DidYouMean(core::NearMatches(name, table.AllNames()))));
      }
    }
    for (const survey::Column& column : table.columns()) {
      if (!request.variables.empty() &&
          std::find(request.variables.begin(), request.variables.end(), column.name) ==
              request.variables.end()) {
        continue;
      }
      inspected.variables.push_back(survey::Summarize(column, table.rows(), request.max_values));
    }
    files.push_back(std::move(inspected));
  }
  return files;
}

std::string RenderTable(const std::vector<Inspected>& files) {
  std::string out;
  for (const Inspected& file : files) {
    out += fmt::format("{}: {} rows, {} variables\n", file.file, file.rows, file.variables.size());
    core::TextTable table({{"variable"},
                           {"type"},
                           {"label", core::Align::kLeft, 36},
                           {"missing", core::Align::kLeft, 28},
                           {"values", core::Align::kLeft, 70, true}});
    for (const auto& v : file.variables) {
      table.AddRow({v.name, v.is_text ? "text" : "numeric", v.label, survey::MissingText(v),
                    survey::ValuesText(v, 12)});
    }
    out += table.Render() + "\n";
  }
  return out;
}

std::string RenderCsv(const std::vector<Inspected>& files) {
  std::string out = core::CsvRecord(std::vector<std::string>{"file", "variable", "type", "label",
                                                             "rows", "missing", "declared_missing",
                                                             "distinct", "min", "max", "values"});
  for (const Inspected& file : files) {
    for (const auto& v : file.variables) {
      std::string declared;
      for (const auto& d : v.declared_missing) {
        declared += (declared.empty() ? "" : "; ") + fmt::format("{} ({})", d.code, d.rows);
      }
      out += core::CsvRecord(std::vector<std::string>{
          file.file, v.name, v.is_text ? "text" : "numeric", v.label, std::to_string(v.rows),
          std::to_string(v.missing), declared,
          v.more_values ? fmt::format(">{}", v.distinct - 1) : std::to_string(v.distinct),
          survey::IsMissing(v.min) ? "" : survey::FormatNumber(v.min),
          survey::IsMissing(v.max) ? "" : survey::FormatNumber(v.max),
          v.more_values ? "" : survey::ValuesText(v, v.values.size())});
    }
  }
  return out;
}

std::string RenderJson(const std::vector<Inspected>& files) {
  InspectJson out = InspectJson::array();
  for (const Inspected& file : files) {
    InspectJson variables = InspectJson::array();
    for (const auto& v : file.variables) variables.push_back(survey::SummaryJson(v));
    out.push_back({{"file", file.file}, {"rows", file.rows}, {"variables", variables}});
  }
  return out.dump(2) + "\n";
}

}  // namespace

core::Result<std::string> RenderInspection(const InspectRequest& request, bool terminal) {
  std::string format = request.format;
  if (format.empty()) format = terminal ? "table" : "csv";
  if (format != "table" && format != "csv" && format != "json") {
    return Fail(ErrorCode::kInvalidArgument,
                "--format '" + format + "': expected table, csv or json");
  }
  if (request.max_values < 1 || request.max_values > 100000) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("--values {}: expected a number from 1 to 100000", request.max_values));
  }
  INSPIRE_ASSIGN_OR_RETURN(const std::vector<Inspected> files, InspectFiles(request));
  if (format == "json") return RenderJson(files);
  return format == "csv" ? RenderCsv(files) : RenderTable(files);
}

core::Result<void> RunInspect(const InspectRequest& request) {
  const bool terminal = request.out.empty() && ::isatty(STDOUT_FILENO) != 0;
  INSPIRE_ASSIGN_OR_RETURN(const std::string text, RenderInspection(request, terminal));
  if (!request.out.empty()) return core::WriteFileAtomically(request.out, text);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return {};
}

void AddInspectCommand(CLI::App& app, const std::function<void(const InspectRequest&)>& run) {
  auto request = std::make_shared<InspectRequest>();
  auto* command = app.add_subcommand(
      "inspect", "List a survey file's variables: types, labels, values and missing codes");
  command->add_option("DATA", request->data, "Survey file(s): .csv, .sav, .zsav or .dta")
      ->required();
  command->add_option("--format", request->format,
                      "table, csv or json (default: table on a terminal, else csv)");
  command->add_option("--out", request->out, "Output file (default: standard output)");
  command->add_option("--variable", request->variables,
                      "Only this variable (repeatable; default: every variable)");
  command->add_option("--values", request->max_values,
                      "List the values of variables with at most this many (default 30)");
  command->callback([request, run] { run(*request); });
}

}  // namespace inspire::cli
