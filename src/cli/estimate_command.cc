#include "cli/estimate_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include "core/file.h"
#include "core/text_table.h"
#include "survey/estimate.h"
#include "survey/output.h"
#include "survey/pipeline.h"

namespace inspire::cli {
namespace {

using core::ErrorCode;
using core::Fail;

core::Result<survey::LonelyPsu> ParseLonely(const std::string& text) {
  if (const auto policy = survey::ParseLonelyPsu(text)) return *policy;
  return Fail(ErrorCode::kInvalidArgument,
              "--lonely-psu '" + text +
                  "' is not known; expected fail, remove, adjust, certainty "
                  "or average");
}

core::Result<survey::RunOptions> MakeOptions(const EstimateRequest& request) {
  survey::RunOptions options;
  if (request.ci != "logit" && request.ci != "wald") {
    return Fail(ErrorCode::kInvalidArgument, "--ci '" + request.ci + "': expected logit or wald");
  }
  options.estimate.ci = request.ci == "wald" ? survey::CiMethod::kWald : survey::CiMethod::kLogit;
  if (!(request.level > 0 && request.level < 1)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("--level {}: expected a number between 0 and 1, e.g. 0.95", request.level));
  }
  options.estimate.level = request.level;
  INSPIRE_ASSIGN_OR_RETURN(options.estimate.lonely_psu, ParseLonely(request.lonely_psu));
  if (request.min_n < 0 || request.caution_n < request.min_n) {
    return Fail(ErrorCode::kInvalidArgument,
                "--min-n and --caution-n must satisfy 0 <= min-n <= caution-n");
  }
  options.min_n = request.min_n;
  options.caution_n = request.caution_n;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.threads = request.threads > 0 ? request.threads : cores;
  return options;
}

core::Result<std::string> ResolveFormat(const EstimateRequest& request) {
  std::string format = request.format;
  if (format.empty() && !request.out.empty()) {
    format = std::filesystem::path(request.out).extension().string();
    if (!format.empty()) format.erase(0, 1);
    if (format != "csv" && format != "json" && format != "xlsx") format = "csv";
  }
  if (format.empty()) format = ::isatty(STDOUT_FILENO) != 0 ? "table" : "csv";
  if (format != "csv" && format != "json" && format != "xlsx" && format != "table") {
    return Fail(ErrorCode::kInvalidArgument,
                "--format '" + format + "': expected csv, json, xlsx or table");
  }
  if (format == "xlsx" && request.out.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "--format xlsx needs --out FILE.xlsx");
  }
  return format;
}

// A progress bar on stderr, only on a terminal and only once a run has lasted a second.
class Progress {
 public:
  Progress() : enabled_(::isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {}
  ~Progress() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Update(size_t done, size_t total) {
    if (!enabled_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return;
    shown_ = true;
    constexpr size_t kWidth = 30;
    const size_t filled = total == 0 ? kWidth : done * kWidth / total;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu indicators", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, ' ').c_str(), done, total);
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
};

// A whole number with a comma between each group of three digits: "1,234,567", "-12,000".
std::string Grouped(long long value) {
  std::string digits = std::to_string(value < 0 ? 0ULL - static_cast<unsigned long long>(value)
                                                : static_cast<unsigned long long>(value));
  for (size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return (value < 0 ? "-" : "") + digits;
}

// The estimates as a terminal table; the interval column names the level they were made at.
std::string RenderTable(const std::vector<survey::EstimateRow>& rows, double level) {
  const std::string interval = fmt::format("{:g}% CI", std::round(level * 1000) / 10);
  core::TextTable table({{"indicator"},
                         {"domain"},
                         {"label", core::Align::kLeft, 24},
                         {"n", core::Align::kRight},
                         {"estimate", core::Align::kRight},
                         {"se", core::Align::kRight},
                         {interval, core::Align::kRight},
                         {"deff", core::Align::kRight},
                         {"flag"}});
  for (const auto& row : rows) {
    const auto& v = row.values;
    const bool shown = row.flag != survey::Flag::kSuppressed;
    // Proportions in percent; means with two decimals; totals as whole numbers with separators.
    const auto pct = [&row](double x) {
      if (survey::IsMissing(x)) return std::string("");
      switch (row.statistic) {
        case survey::Statistic::kMean:
          return fmt::format("{:.2f}", x);
        case survey::Statistic::kTotal:
          return Grouped(std::llround(x));
        case survey::Statistic::kProportion:
          break;
      }
      return fmt::format("{:.1f}", 100 * x);
    };
    const std::string unit = row.statistic == survey::Statistic::kProportion ? "%" : "";
    const double se_scale = row.statistic == survey::Statistic::kProportion ? 100 : 1;
    table.AddRow({row.indicator_id, row.domain == "total" ? "total" : row.domain, row.domain_label,
                  survey::FormatNumber(v.n_unweighted), shown ? pct(v.estimate) + unit : "*",
                  shown ? fmt::format("{:.2f}", se_scale * v.se) : "",
                  shown && !survey::IsMissing(v.ci_low)
                      ? fmt::format("{}-{}", pct(v.ci_low), pct(v.ci_high))
                      : "",
                  shown && !survey::IsMissing(v.deff) ? fmt::format("{:.2f}", v.deff) : "",
                  row.suppression == disclosure::Suppression::kComplementary
                      ? std::string("complementary")
                      : std::string(survey::FlagName(row.flag))});
  }
  return table.Render() +
         "proportions' estimate, se and CI in percent; * suppressed: n below --min-n, or "
         "complementary (it "
         "would give such a cell away); caution: n below --caution-n\n";
}

core::Result<void> Emit(const EstimateRequest& request, const std::string& format,
                        const std::vector<survey::EstimateRow>& rows,
                        const survey::Provenance& provenance) {
  if (format == "xlsx") return survey::WriteEstimatesXlsx(request.out, rows, provenance);
  std::string text;
  if (format == "json") {
    text = survey::EstimatesJson(rows, provenance).dump(2) + "\n";
  } else if (format == "table") {
    text = RenderTable(rows, provenance.level);
  } else {
    text = survey::EstimatesCsv(rows);
  }
  if (!request.out.empty()) return core::WriteFileAtomically(request.out, text);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return {};
}

}  // namespace

core::Result<EstimateOutput> ComputeEstimates(const EstimateRequest& request,
                                              const std::filesystem::path& data_dir,
                                              const survey::IndicatorNameLookup& names) {
  survey::PipelineRequest pipeline;
  INSPIRE_ASSIGN_OR_RETURN(pipeline.options, MakeOptions(request));
  pipeline.data = request.data;
  pipeline.recipe = request.recipe;
  pipeline.data_dir = data_dir;
  pipeline.ci_name = request.ci;
  pipeline.lonely_psu_name = request.lonely_psu;
  if (!request.df.empty()) {
    pipeline.df = survey::ParseDfRule(request.df);
    if (!pipeline.df) {
      return Fail(ErrorCode::kInvalidArgument,
                  "--df '" + request.df + "' is not known; expected domain, universe or design");
    }
  }
  pipeline.indicator_name = names;
  Progress progress;
  pipeline.options.progress = [&](size_t done, size_t total) { progress.Update(done, total); };
  INSPIRE_ASSIGN_OR_RETURN(survey::PipelineOutput output, survey::RunPipeline(pipeline));
  return EstimateOutput{std::move(output.rows), std::move(output.provenance)};
}

core::Result<void> RunEstimate(const EstimateRequest& request,
                               const std::filesystem::path& data_dir, const IndicatorNames& names) {
  INSPIRE_ASSIGN_OR_RETURN(const std::string format, ResolveFormat(request));
  const auto computed =
      ComputeEstimates(request, data_dir, [&](const std::string& id) { return names.NameOf(id); });
  // A catalogue that cannot be read fails the command first, as when it was read before the data
  // (an indicator it would have named is otherwise reported as missing from it).
  INSPIRE_RETURN_IF_ERROR(names.Status());
  if (!computed) return tl::unexpected(computed.error());
  const EstimateOutput& output = *computed;
  for (const std::string& warning : output.provenance.warnings) {
    std::fprintf(stderr, "inspire: warning: %s\n", warning.c_str());
  }
  return Emit(request, format, output.rows, output.provenance);
}

void AddEstimateCommand(CLI::App& app, const std::function<void(const EstimateRequest&)>& run) {
  auto request = std::make_shared<EstimateRequest>();
  auto* command = app.add_subcommand(
      "estimate", "Compute INSPIRE indicators with design-based SEs and CIs from survey microdata");
  command
      ->add_option("DATA", request->data,
                   "Survey file(s): .csv, .sav, .zsav or .dta; several files of one survey are "
                   "stacked (the recipe tells them apart with the variable _file)")
      ->required();
  command
      ->add_option("--recipe", request->recipe,
                   "Recipe YAML file, or builtin:NAME (see data/recipes/)")
      ->required();
  command->add_option("--out", request->out, "Output file (default: standard output)");
  command->add_option("--format", request->format, "csv, json or xlsx (default: from --out)");
  command->add_option("--threads", request->threads, "Worker threads (default: all cores)");
  command->add_option("--ci", request->ci, "Confidence interval: logit (default) or wald");
  command->add_option("--level", request->level, "Confidence level (default 0.95)");
  command->add_option("--lonely-psu", request->lonely_psu,
                      "Strata with one PSU: fail (default), remove, adjust, certainty, average");
  command->add_option("--df", request->df,
                      "Degrees of freedom of each interval: domain (default: PSUs minus strata "
                      "among the rows that make the estimate), universe (missing answers' PSUs "
                      "too) or design (the whole design's, as Stata's subpop)");
  command->add_option("--min-n", request->min_n,
                      "Suppress estimates with fewer unweighted cases (default 25)");
  command->add_option("--caution-n", request->caution_n,
                      "Flag estimates with fewer unweighted cases as caution (default 50)");
  command->callback([request, run] { run(*request); });
}

}  // namespace inspire::cli
