#include "cli/meta_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "core/file.h"
#include "meta/report.h"

namespace inspire::cli {

core::Result<std::string> RunMeta(const MetaRequest& request) {
  std::string format = request.format;
  if (format.empty()) format = ::isatty(STDOUT_FILENO) != 0 ? "table" : "csv";
  if (format != "table" && format != "csv" && format != "json") {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("--format {}: expected table, csv or json", format));
  }
  std::optional<meta::Measure> measure;
  if (!request.measure.empty()) {
    INSPIRE_ASSIGN_OR_RETURN(measure, meta::ParseMeasure(request.measure));
  }
  INSPIRE_ASSIGN_OR_RETURN(const meta::Method method, meta::ParseMethod(request.method));
  const meta::ModelOptions options{method, request.knha, request.level};
  if (!(options.level > 0 && options.level < 1)) {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        fmt::format("--level {}: expected a number between 0 and 1 such as 0.95", request.level));
  }
  if (!request.forest.empty() && std::filesystem::path(request.forest).extension() != ".svg") {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("--forest {}: the forest plot is written as SVG; name the file "
                                  "....svg",
                                  request.forest));
  }
  INSPIRE_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(request.studies));
  const std::string name = std::filesystem::path(request.studies).filename().string();
  INSPIRE_ASSIGN_OR_RETURN(auto set, meta::ParseStudies(text, request.studies, measure));
  INSPIRE_ASSIGN_OR_RETURN(const meta::Analysis analysis,
                           meta::Analyse(name, std::move(set), options, request.subgroups));
  if (!request.forest.empty()) {
    INSPIRE_RETURN_IF_ERROR(
        core::WriteFileAtomically(request.forest, meta::ForestSvg(analysis) + "\n"));
  }
  if (format == "json") return meta::ReportJson(analysis).dump(2) + "\n";
  if (format == "csv") return meta::ReportCsv(analysis);
  return meta::ReportTable(analysis);
}

void AddMetaCommand(CLI::App& app, const std::function<void(const MetaRequest&)>& run) {
  auto request = std::make_shared<MetaRequest>();
  auto* command = app.add_subcommand(
      "meta", "Meta-analysis of a studies file (effect sizes and pooling as R's metafor)");
  command
      ->add_option("STUDIES", request->studies,
                   "CSV with a study column and ai,n1i,ci,n2i (events), m1i,sd1i,n1i,m2i,sd2i,n2i "
                   "(means) or yi with vi or sei; other columns describe the studies")
      ->required();
  command->add_option("--measure", request->measure,
                      "OR, RR, RD (events), SMD, MD (means) or GEN (yi); default from the columns");
  command->add_option("--method", request->method,
                      "tau² estimator: REML (default), DL, PM, or FE for a fixed-effect model");
  command->add_flag("--knha", request->knha, "Knapp-Hartung adjustment (t test, k-1 df)");
  command->add_option("--level", request->level, "Confidence level (default 0.95)");
  command->add_option("--format", request->format,
                      "table (default on a terminal), csv (default otherwise) or json");
  command->add_option("--forest", request->forest, "Write the forest plot to this .svg file");
  command->add_option("--subgroup", request->subgroups,
                      "Also pool by the values of this column (repeatable)");
  command->callback([request, run] { run(*request); });
}

}  // namespace inspire::cli
