#include "meta/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/csv_writer.h"
#include "core/text_table.h"

namespace inspire::meta {
namespace {

using json = nlohmann::ordered_json;

bool Ratio(const Analysis& a) { return IsLogScale(a.set.measure); }

std::string Shown(const Analysis& a, double value) { return charts::EffectText(value, Ratio(a)); }

std::string PText(double p) { return p < 0.001 ? "< 0.001" : fmt::format("= {:.3f}", p); }

// A study's own confidence interval at the analysis's level.
std::pair<double, double> StudyInterval(const Study& study, double level) {
  return EffectInterval(study.effect, level);
}

std::string TestName(const ModelOptions& options) { return options.knha ? "knha" : "z"; }

std::string ModelWords(const Analysis& a) {
  const std::string model = a.options.method == Method::kFe
                                ? "fixed effect (FE)"
                                : fmt::format("random effects ({})", MethodName(a.options.method));
  return fmt::format("{}, {}", model, a.options.knha ? "Knapp-Hartung t test" : "z test");
}

std::string IntervalText(const Analysis& a, double estimate, double low, double high) {
  return fmt::format("{} [{}, {}]", Shown(a, estimate), Shown(a, low), Shown(a, high));
}

json Number(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }
json Number(std::optional<double> value) { return value ? Number(*value) : json(nullptr); }

json PooledJson(const Analysis& a, const Pooled& p) {
  json out = {{"k", p.k},
              {"estimate", Number(p.estimate)},
              {"se", Number(p.se)},
              {"statistic", Number(p.statistic)},
              {"p", Number(p.p)},
              {"df", p.df ? json(*p.df) : json(nullptr)},
              {"ci_low", Number(p.ci_low)},
              {"ci_high", Number(p.ci_high)},
              {"tau2", Number(p.tau2)},
              {"i2", Number(p.i2)},
              {"h2", Number(p.h2)},
              {"q", Number(p.q)},
              {"q_df", p.k - 1},
              {"q_p", Number(p.q_p)},
              {"pi_low", Number(p.pi_low)},
              {"pi_high", Number(p.pi_high)}};
  if (Ratio(a)) {
    out["exp"] = {{"estimate", std::exp(p.estimate)},
                  {"ci_low", std::exp(p.ci_low)},
                  {"ci_high", std::exp(p.ci_high)},
                  {"pi_low", p.pi_low ? json(std::exp(*p.pi_low)) : json(nullptr)},
                  {"pi_high", p.pi_high ? json(std::exp(*p.pi_high)) : json(nullptr)}};
  }
  return out;
}

const std::vector<std::string> kCsvHeader = {
    "part",       "label",       "k",       "estimate",  "se", "ci_low", "ci_high", "exp_estimate",
    "exp_ci_low", "exp_ci_high", "weight",  "tau2",      "i2", "h2",     "q",       "q_df",
    "q_p",        "pi_low",      "pi_high", "statistic", "p"};

std::string Field(double value) { return std::isfinite(value) ? fmt::format("{}", value) : ""; }
std::string Field(std::optional<double> value) { return value ? Field(*value) : ""; }

std::vector<std::string> PooledFields(const Analysis& a, const std::string& part,
                                      const std::string& label, const Pooled& p,
                                      std::optional<double> weight) {
  const bool ratio = Ratio(a);
  return {part,
          label,
          std::to_string(p.k),
          Field(p.estimate),
          Field(p.se),
          Field(p.ci_low),
          Field(p.ci_high),
          ratio ? Field(std::exp(p.estimate)) : "",
          ratio ? Field(std::exp(p.ci_low)) : "",
          ratio ? Field(std::exp(p.ci_high)) : "",
          Field(weight),
          Field(p.tau2),
          Field(p.i2),
          Field(p.h2),
          Field(p.q),
          std::to_string(p.k - 1),
          Field(p.q_p),
          Field(p.pi_low),
          Field(p.pi_high),
          Field(p.statistic),
          Field(p.p)};
}

}  // namespace

std::string EffectLabel(Measure measure) {
  switch (measure) {
    case Measure::kOr:
      return "Odds ratio";
    case Measure::kRr:
      return "Risk ratio";
    case Measure::kRd:
      return "Risk difference";
    case Measure::kSmd:
      return "Hedges' g";
    case Measure::kMd:
      return "Mean difference";
    case Measure::kGen:
      break;
  }
  return "Effect size";
}

std::string EffectWords(Measure measure) {
  std::string text = EffectLabel(measure);
  if (measure != Measure::kSmd) text[0] = static_cast<char>(std::tolower(text[0]));
  return text;
}

core::Result<Analysis> Analyse(std::string source, StudySet set, const ModelOptions& options,
                               const std::vector<std::string>& subgroup_columns) {
  Analysis a;
  a.source = std::move(source);
  a.options = options;
  const auto yi = set.Effects();
  const auto vi = set.Variances();
  INSPIRE_ASSIGN_OR_RETURN(a.pooled, Pool(yi, vi, options));
  if (yi.size() >= 3) {
    INSPIRE_ASSIGN_OR_RETURN(a.leave_one_out, LeaveOneOut(yi, vi, options));
  }
  for (const auto& column : subgroup_columns) {
    const auto levels = set.Descriptor(column);
    if (!levels) {
      return core::Fail(
          core::ErrorCode::kInvalidArgument,
          fmt::format("{}: no column '{}' to form subgroups by; the descriptor "
                      "columns are: {}",
                      a.source, column,
                      set.descriptor_columns.empty()
                          ? std::string("(none)")
                          : fmt::format("{}", fmt::join(set.descriptor_columns, ", "))));
    }
    INSPIRE_ASSIGN_OR_RETURN(auto groups, Subgroups(yi, vi, *levels, options));
    a.subgroups.emplace_back(column, std::move(groups));
  }
  a.set = std::move(set);
  return a;
}

std::string Summary(const Analysis& a) {
  return fmt::format("{} {}", MeasureName(a.set.measure),
                     IntervalText(a, a.pooled.estimate, a.pooled.ci_low, a.pooled.ci_high));
}

std::string ReportTable(const Analysis& a) {
  const Pooled& p = a.pooled;
  const int level = static_cast<int>(std::lround(a.options.level * 100));
  std::string out =
      fmt::format("Meta-analysis of {} studies ({}): {} ({}), {}\n\n", p.k, a.source,
                  MeasureDescription(a.set.measure), MeasureName(a.set.measure), ModelWords(a));
  std::vector<core::Column> columns = {{"study"}};
  for (const auto& name : a.set.descriptor_columns)
    columns.push_back({name, core::Align::kLeft, 24});
  columns.push_back({std::string(MeasureName(a.set.measure)), core::Align::kRight});
  columns.push_back({fmt::format("{}% CI", level)});
  columns.push_back({"weight", core::Align::kRight});
  core::TextTable studies(columns);
  for (size_t i = 0; i < a.set.studies.size(); ++i) {
    const Study& s = a.set.studies[i];
    const auto [low, high] = StudyInterval(s, a.options.level);
    std::vector<std::string> row = {s.name};
    row.insert(row.end(), s.descriptors.begin(), s.descriptors.end());
    row.push_back(Shown(a, s.effect.yi));
    row.push_back(fmt::format("[{}, {}]", Shown(a, low), Shown(a, high)));
    row.push_back(fmt::format("{:.1f}%", p.weights[i]));
    studies.AddRow(std::move(row));
  }
  out += studies.Render();
  const std::string statistic = p.df ? fmt::format("t({})", *p.df) : "z";
  out += fmt::format("\nPooled {}: {}, {}% CI [{}, {}], {} = {:.3f}, p {}\n",
                     MeasureName(a.set.measure), Shown(a, p.estimate), level, Shown(a, p.ci_low),
                     Shown(a, p.ci_high), statistic, p.statistic, PText(p.p));
  if (Ratio(a)) {
    out += fmt::format("  on the log scale: {:.4f} (SE {:.4f})\n", p.estimate, p.se);
  } else {
    out += fmt::format("  SE {:.4f}\n", p.se);
  }
  if (p.pi_low && p.pi_high) {
    out +=
        fmt::format("Prediction interval: [{}, {}]\n", Shown(a, *p.pi_low), Shown(a, *p.pi_high));
  }
  out += fmt::format(
      "Heterogeneity: tau² = {:.4f}, I² = {:.1f}%, H² = {:.2f}, Q = {:.2f} "
      "(df {}), p {}\n",
      p.tau2, p.i2, p.h2, p.q, p.k - 1, PText(p.q_p));
  if (!a.leave_one_out.empty()) {
    out += "\nLeave one out:\n";
    core::TextTable loo({{"left out"},
                         {std::string(MeasureName(a.set.measure)), core::Align::kRight},
                         {fmt::format("{}% CI", level)},
                         {"tau²", core::Align::kRight},
                         {"I²", core::Align::kRight},
                         {"Q p", core::Align::kRight}});
    for (size_t i = 0; i < a.leave_one_out.size(); ++i) {
      const Pooled& l = a.leave_one_out[i];
      loo.AddRow({a.set.studies[i].name, Shown(a, l.estimate),
                  fmt::format("[{}, {}]", Shown(a, l.ci_low), Shown(a, l.ci_high)),
                  fmt::format("{:.4f}", l.tau2), fmt::format("{:.1f}%", l.i2),
                  fmt::format("{:.3f}", l.q_p)});
    }
    out += loo.Render();
  }
  for (const auto& [column, analysis] : a.subgroups) {
    out += fmt::format("\nSubgroups by {}:\n", column);
    core::TextTable groups({{column},
                            {"k", core::Align::kRight},
                            {std::string(MeasureName(a.set.measure)), core::Align::kRight},
                            {fmt::format("{}% CI", level)},
                            {"tau²", core::Align::kRight},
                            {"I²", core::Align::kRight}});
    for (const auto& g : analysis.groups) {
      groups.AddRow({g.level.empty() ? "(none)" : g.level, std::to_string(g.pooled.k),
                     Shown(a, g.pooled.estimate),
                     fmt::format("[{}, {}]", Shown(a, g.pooled.ci_low), Shown(a, g.pooled.ci_high)),
                     g.pooled.k > 1 ? fmt::format("{:.4f}", g.pooled.tau2) : "-",
                     g.pooled.k > 1 ? fmt::format("{:.1f}%", g.pooled.i2) : "-"});
    }
    out += groups.Render();
    if (analysis.q_between) {
      out += fmt::format("Test of subgroup differences: Q = {:.2f} (df {}), p {}\n",
                         *analysis.q_between, analysis.df_between, PText(*analysis.q_between_p));
    }
  }
  return out;
}

std::string ReportCsv(const Analysis& a) {
  std::string out = core::CsvRecord(kCsvHeader);
  for (size_t i = 0; i < a.set.studies.size(); ++i) {
    const Study& s = a.set.studies[i];
    Pooled own;  // the study on its own, with its normal interval
    own.k = 1;
    own.estimate = s.effect.yi;
    own.se = std::sqrt(s.effect.vi);
    std::tie(own.ci_low, own.ci_high) = StudyInterval(s, a.options.level);
    own.statistic = own.estimate / own.se;
    own.p = std::erfc(std::fabs(own.statistic) / std::sqrt(2.0));
    auto fields = PooledFields(a, "study", s.name, own, a.pooled.weights[i]);
    for (size_t f = 11; f < 19; ++f) fields[f].clear();  // no heterogeneity for one study
    out += core::CsvRecord(fields);
  }
  out += core::CsvRecord(PooledFields(a, "pooled", "", a.pooled, 100.0));
  for (size_t i = 0; i < a.leave_one_out.size(); ++i) {
    out += core::CsvRecord(
        PooledFields(a, "leave_one_out", a.set.studies[i].name, a.leave_one_out[i], {}));
  }
  for (const auto& [column, analysis] : a.subgroups) {
    for (const auto& g : analysis.groups) {
      out += core::CsvRecord(PooledFields(a, "subgroup:" + column, g.level, g.pooled, {}));
    }
    if (analysis.q_between) {
      std::vector<std::string> fields(kCsvHeader.size());
      fields[0] = "between:" + column;
      fields[2] = std::to_string(analysis.groups.size());
      fields[14] = Field(*analysis.q_between);
      fields[15] = std::to_string(analysis.df_between);
      fields[16] = Field(*analysis.q_between_p);
      out += core::CsvRecord(fields);
    }
  }
  return out;
}

json ReportJson(const Analysis& a) {
  json studies = json::array();
  for (size_t i = 0; i < a.set.studies.size(); ++i) {
    const Study& s = a.set.studies[i];
    const auto [low, high] = StudyInterval(s, a.options.level);
    json descriptors = json::object();
    for (size_t c = 0; c < a.set.descriptor_columns.size(); ++c) {
      descriptors[a.set.descriptor_columns[c]] = s.descriptors[c];
    }
    json study = {{"study", s.name},   {"line", s.line},    {"descriptors", descriptors},
                  {"yi", s.effect.yi}, {"vi", s.effect.vi}, {"se", std::sqrt(s.effect.vi)},
                  {"ci_low", low},     {"ci_high", high},   {"weight", a.pooled.weights[i]}};
    if (Ratio(a)) {
      study["exp"] = {{"estimate", std::exp(s.effect.yi)},
                      {"ci_low", std::exp(low)},
                      {"ci_high", std::exp(high)}};
    }
    studies.push_back(std::move(study));
  }
  json out = {{"source", a.source},
              {"measure", MeasureName(a.set.measure)},
              {"measure_description", MeasureDescription(a.set.measure)},
              {"scale", Ratio(a) ? "log" : "identity"},
              {"method", MethodName(a.options.method)},
              {"test", TestName(a.options)},
              {"level", a.options.level},
              {"studies", std::move(studies)},
              {"pooled", PooledJson(a, a.pooled)},
              {"iterations", a.pooled.iterations}};
  json loo = json::array();
  for (size_t i = 0; i < a.leave_one_out.size(); ++i) {
    json row = PooledJson(a, a.leave_one_out[i]);
    row["left_out"] = a.set.studies[i].name;
    loo.push_back(std::move(row));
  }
  out["leave_one_out"] = std::move(loo);
  json subgroups = json::array();
  for (const auto& [column, analysis] : a.subgroups) {
    json groups = json::array();
    for (const auto& g : analysis.groups) {
      json row = PooledJson(a, g.pooled);
      row["level"] = g.level;
      json names = json::array();
      for (size_t i : g.studies) names.push_back(a.set.studies[i].name);
      row["studies"] = std::move(names);
      groups.push_back(std::move(row));
    }
    json between = nullptr;
    if (analysis.q_between) {
      between = {
          {"q", *analysis.q_between}, {"df", analysis.df_between}, {"q_p", *analysis.q_between_p}};
    }
    subgroups.push_back({{"column", column}, {"groups", std::move(groups)}, {"between", between}});
  }
  out["subgroups"] = std::move(subgroups);
  return out;
}

charts::ForestPlot ForestOf(const Analysis& a, size_t max_columns) {
  charts::ForestPlot plot;
  const size_t shown = std::min(max_columns, a.set.descriptor_columns.size());
  for (size_t c = 0; c < shown; ++c) {
    // "risk_of_bias" -> "Risk of bias"
    std::string header = a.set.descriptor_columns[c];
    std::replace(header.begin(), header.end(), '_', ' ');
    if (!header.empty()) header[0] = static_cast<char>(std::toupper(header[0]));
    plot.column_headers.push_back(std::move(header));
  }
  for (size_t i = 0; i < a.set.studies.size(); ++i) {
    const Study& s = a.set.studies[i];
    const auto [low, high] = StudyInterval(s, a.options.level);
    plot.rows.push_back({s.name,
                         {s.descriptors.begin(), s.descriptors.begin() + static_cast<long>(shown)},
                         s.effect.yi,
                         low,
                         high,
                         a.pooled.weights[i]});
  }
  const Pooled& p = a.pooled;
  plot.summary =
      charts::ForestSummary{fmt::format("Pooled ({}, k = {})", MethodName(a.options.method), p.k),
                            p.estimate,
                            p.ci_low,
                            p.ci_high,
                            p.pi_low,
                            p.pi_high};
  plot.log_scale = Ratio(a);
  plot.effect_label = EffectLabel(a.set.measure);
  plot.level = a.options.level;
  return plot;
}

std::string ForestSvg(const Analysis& a, size_t max_columns) {
  const Pooled& p = a.pooled;
  std::string description = fmt::format(
      "{} studies. Pooled {} {} ({:g}% CI {} to {})", p.k, EffectWords(a.set.measure),
      Shown(a, p.estimate), a.options.level * 100, Shown(a, p.ci_low), Shown(a, p.ci_high));
  if (p.pi_low && p.pi_high) {
    description +=
        fmt::format(", prediction interval {} to {}", Shown(a, *p.pi_low), Shown(a, *p.pi_high));
  }
  description += fmt::format("; I² {:.0f}%.", p.i2);
  return charts::Forest(
      ForestOf(a, max_columns),
      {fmt::format("Forest plot: {} ({})", EffectLabel(a.set.measure), a.source), description});
}

}  // namespace inspire::meta
