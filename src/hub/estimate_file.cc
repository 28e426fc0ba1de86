#include "hub/estimate_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "disclosure/estimate_columns.h"
#include "hub/estimate_protection.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;
using Row = EstimateFileRow;

core::Result<std::string> RowText(const Json& row, const std::string& where, const char* name,
                                  bool required) {
  if (!row.contains(name) || row[name].is_null()) {
    if (!required) return std::string();
    return FailField(ErrorCode::kValidation, where + "." + name,
                     fmt::format("{} is required", name));
  }
  if (!row[name].is_string() || row[name].get<std::string>().size() > 500) {
    return FailField(ErrorCode::kValidation, where + "." + name,
                     fmt::format("{} must be text of at most 500 characters", name));
  }
  return row[name].get<std::string>();
}

core::Result<std::optional<double>> RowNumber(const Json& row, const std::string& where,
                                              const char* name, bool required) {
  if (!row.contains(name) || row[name].is_null()) {
    if (required) {
      return FailField(ErrorCode::kValidation, where + "." + name,
                       fmt::format("{} is required for a published estimate", name));
    }
    return std::optional<double>();
  }
  if (!row[name].is_number() || !std::isfinite(row[name].get<double>())) {
    return FailField(ErrorCode::kValidation, where + "." + name,
                     fmt::format("{} must be a number", name));
  }
  return std::optional<double>(row[name].get<double>());
}

// A count column: a whole number from 0 to 2^53 (beyond it a double no longer holds every
// whole number, and the cast to int64_t would be undefined past 2^63).
core::Result<std::optional<int64_t>> RowCount(const Json& row, const std::string& where,
                                              const char* name, bool required) {
  INSPIRE_ASSIGN_OR_RETURN(const auto number, RowNumber(row, where, name, required));
  if (!number) return std::optional<int64_t>();
  constexpr double kLargest = 9007199254740992.0;  // 2^53
  if (*number < 0 || *number > kLargest || std::floor(*number) != *number) {
    return FailField(ErrorCode::kValidation, where + "." + name,
                     fmt::format("{} must be a whole number from 0 to 2^53", name));
  }
  return std::optional<int64_t>(static_cast<int64_t>(*number));
}

// The text columns of the row (disclosure::EstimateColumns(), the suppression aside: the hub
// decides it), each required as the definition says.
core::Result<void> ReadTexts(const Json& json, const std::string& where, Row& row) {
  static const std::vector<std::pair<std::string, std::string Row::*>> kTexts = {
      {"indicator_id", &Row::indicator_id},
      {"indicator_name", &Row::indicator_name},
      {"domain", &Row::domain},
      {"domain_code", &Row::domain_code},
      {"domain_label", &Row::domain_label},
      {"flag", &Row::flag}};
  for (const auto& column : disclosure::EstimateColumns()) {
    if (column.value != disclosure::EstimateValue::kText) continue;
    const auto text = std::find_if(kTexts.begin(), kTexts.end(),
                                   [&](const auto& entry) { return entry.first == column.name; });
    if (text == kTexts.end()) continue;
    INSPIRE_ASSIGN_OR_RETURN(row.*(text->second),
                             RowText(json, where, column.name.c_str(), column.required));
  }
  return {};
}

// A row's "statistic": absent, null and "" mean a proportion (files made before the column
// existed have none); else proportion, mean or total.
core::Result<std::string> RowStatistic(const Json& json, const std::string& where) {
  if (!json.contains("statistic") || json["statistic"].is_null()) return std::string("proportion");
  const Json& statistic = json["statistic"];
  const std::string text = statistic.is_string() ? statistic.get<std::string>() : "?";
  if (text.empty()) return std::string("proportion");
  if (text == "proportion" || text == "mean" || text == "total") return text;
  return FailField(ErrorCode::kValidation, where + ".statistic",
                   "statistic must be proportion, mean or total, not " + statistic.dump());
}

// The estimate, SE and interval of a row that is not suppressed: a proportion's within [0, 1],
// a mean's or total's any finite numbers; the interval holds the estimate.
core::Result<void> CheckValues(const std::string& where, const Row& row) {
  const bool proportion = row.statistic == "proportion";
  if (proportion && (row.estimate < 0 || row.estimate > 1)) {
    return FailField(ErrorCode::kValidation, where + ".estimate",
                     "estimate must be a proportion between 0 and 1");
  }
  if (row.se < 0) return FailField(ErrorCode::kValidation, where + ".se", "se must be >= 0");
  const double slack = 1e-9 * std::max(1.0, std::fabs(row.estimate));
  const bool outside =
      row.ci_low && (*row.ci_low > row.estimate + slack || *row.ci_high < row.estimate - slack ||
                     (proportion && (*row.ci_low < 0 || *row.ci_high > 1)));
  if (row.ci_low.has_value() != row.ci_high.has_value() || outside) {
    return FailField(ErrorCode::kValidation, where + ".ci_low",
                     proportion ? "the confidence interval must lie within 0 to 1 and hold the "
                                  "estimate (0 <= ci_low <= estimate <= ci_high <= 1)"
                                : "the confidence interval must hold the estimate (ci_low <= "
                                  "estimate <= ci_high)");
  }
  return {};
}

core::Result<Row> ParseRow(const Json& json, size_t index, double min_n) {
  const std::string where = fmt::format("estimates[{}]", index);
  if (!json.is_object()) {
    return FailField(ErrorCode::kValidation, where, "each estimate must be an object");
  }
  Row row;
  INSPIRE_ASSIGN_OR_RETURN(row.statistic, RowStatistic(json, where));
  INSPIRE_RETURN_IF_ERROR(ReadTexts(json, where, row));
  if (row.flag != "ok" && row.flag != "caution" && row.flag != "suppressed") {
    return FailField(ErrorCode::kValidation, where + ".flag",
                     "flag must be ok, caution or suppressed");
  }
  if (row.flag == "suppressed") {  // whatever else it carries is dropped
    const bool complementary =
        json.contains("suppression") && json["suppression"] == "complementary";
    row.suppression = complementary ? "complementary" : "primary";
    return row;
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto n, RowCount(json, where, "n_unweighted", true));
  row.n_unweighted = *n;
  if (static_cast<double>(row.n_unweighted) < min_n) {  // below the threshold: suppressed here
    row.flag = "suppressed";
    row.suppression = "primary";
    return row;
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto missing, RowCount(json, where, "n_missing", false));
  row.n_missing = missing.value_or(0);
  INSPIRE_ASSIGN_OR_RETURN(const auto weighted, RowNumber(json, where, "n_weighted", false));
  if (weighted && *weighted < 0) {
    return FailField(ErrorCode::kValidation, where + ".n_weighted", "n_weighted must be >= 0");
  }
  row.n_weighted = weighted.value_or(0);
  INSPIRE_ASSIGN_OR_RETURN(const auto estimate, RowNumber(json, where, "estimate", true));
  INSPIRE_ASSIGN_OR_RETURN(const auto se, RowNumber(json, where, "se", true));
  row.estimate = *estimate;
  row.se = *se;
  INSPIRE_ASSIGN_OR_RETURN(row.ci_low, RowNumber(json, where, "ci_low", false));
  INSPIRE_ASSIGN_OR_RETURN(row.ci_high, RowNumber(json, where, "ci_high", false));
  INSPIRE_RETURN_IF_ERROR(CheckValues(where, row));
  INSPIRE_ASSIGN_OR_RETURN(row.deff, RowNumber(json, where, "deff", false));
  INSPIRE_ASSIGN_OR_RETURN(row.df, RowNumber(json, where, "df", false));
  if (row.deff && *row.deff < 0) {
    return FailField(ErrorCode::kValidation, where + ".deff", "deff must be >= 0");
  }
  if (row.df && *row.df < 0) {
    return FailField(ErrorCode::kValidation, where + ".df", "df must be >= 0");
  }
  return row;
}

// Complementary suppression of the parsed rows (estimate_protection.h): the hub never trusts
// the file to have done it.
core::Result<void> ProtectRows(std::vector<Row>& rows, double min_n) {
  std::vector<ProtectedCell> cells;
  cells.reserve(rows.size());
  for (const Row& row : rows) {
    cells.push_back({row.indicator_id, row.domain, row.domain_code,
                     row.flag == "suppressed"
                         ? std::nullopt
                         : std::optional<double>(static_cast<double>(row.n_unweighted))});
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto suppression, ProtectCells(cells, min_n));
  for (size_t i = 0; i < rows.size(); ++i) {
    if (suppression[i] != disclosure::Suppression::kComplementary) continue;
    rows[i].flag = "suppressed";
    rows[i].suppression = "complementary";
  }
  return {};
}

// True when `id` is a variant of a catalogue indicator: its id, '-' and a qualifier, as the
// built-in recipes split one indicator into several questions (OUT-R6-told of OUT-R6).
bool VariantOfKnown(const catalogue::Catalogue& catalogue, const std::string& id) {
  for (size_t dash = id.rfind('-'); dash != std::string::npos && dash > 0;
       dash = id.rfind('-', dash - 1)) {
    if (catalogue.FindIndicator(id.substr(0, dash)) != nullptr) return true;
  }
  return false;
}

// An indicator the hub's catalogue knows (core, or a national extension loaded here); else,
// named by its row, a variant of one, or a national indicator of the publication's country (its
// id starts with the country's ISO3 code and a hyphen, as in the extension files: KEN-CP-01).
core::Result<void> CheckIndicator(const catalogue::Catalogue& catalogue, const std::string& iso3,
                                  const Row& row, size_t index) {
  const std::string& id = row.indicator_id;
  if (catalogue.FindIndicator(id) != nullptr) return {};
  const bool national = id.size() > iso3.size() + 1 && id.rfind(iso3 + "-", 0) == 0;
  if (!row.indicator_name.empty() && (national || VariantOfKnown(catalogue, id))) return {};
  return FailField(ErrorCode::kValidation, fmt::format("estimates[{}].indicator_id", index),
                   fmt::format("'{}' is not an indicator of the hub's catalogue; a variant of "
                               "one (its id, '-' and a qualifier) or a national indicator (an "
                               "id that starts with {}-) needs its indicator_name in the row",
                               id, iso3));
}

// One statistic per indicator, and a catalogue indicator's is its unit's: a mean or a total of
// a proportion indicator's question goes under a variant id ("1.4-number").
core::Result<void> CheckStatistic(const catalogue::Catalogue& catalogue, const Row& row,
                                  size_t index, std::map<std::string, std::string>& statistics) {
  const std::string field = fmt::format("estimates[{}].statistic", index);
  const catalogue::Indicator* known = catalogue.FindIndicator(row.indicator_id);
  if (known != nullptr && known->unit == "proportion" && row.statistic != "proportion") {
    return FailField(ErrorCode::kValidation, field,
                     fmt::format("'{}' is a proportion in the catalogue, so its rows cannot be a "
                                 "{}; publish it under a variant id such as '{}-number'",
                                 row.indicator_id, row.statistic, row.indicator_id));
  }
  const auto [it, inserted] = statistics.emplace(row.indicator_id, row.statistic);
  if (!inserted && it->second != row.statistic) {
    return FailField(ErrorCode::kValidation, field,
                     fmt::format("indicator '{}' has rows of statistic {} and {}; one indicator "
                                 "has one statistic",
                                 row.indicator_id, it->second, row.statistic));
  }
  return {};
}

// The file's rows, each checked, with the disclosure protection applied (the larger of the
// hub's minimum n and the file's own).
core::Result<std::vector<Row>> ProtectedRows(const catalogue::Catalogue& catalogue,
                                             const std::string& iso3, const Json& file) {
  double min_n = kHubMinN;
  const Json& options = file["provenance"].value("options", Json::object());
  if (options.is_object() && options.contains("min_n") && options["min_n"].is_number()) {
    min_n = std::max(min_n, options["min_n"].get<double>());
  }
  std::vector<Row> rows;
  rows.reserve(file["estimates"].size());
  std::map<std::string, std::string> statistics;  // indicator -> its rows' statistic
  for (size_t i = 0; i < file["estimates"].size(); ++i) {
    INSPIRE_ASSIGN_OR_RETURN(Row row, ParseRow(file["estimates"][i], i, min_n));
    INSPIRE_RETURN_IF_ERROR(CheckIndicator(catalogue, iso3, row, i));
    INSPIRE_RETURN_IF_ERROR(CheckStatistic(catalogue, row, i, statistics));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) {
    return FailField(ErrorCode::kValidation, "estimates", "the file holds no estimates");
  }
  INSPIRE_RETURN_IF_ERROR(ProtectRows(rows, min_n));
  return rows;
}

// A number strictly between 0 and 1, as a confidence level must be.
bool IsLevel(const Json& value) {
  return value.is_number() && value.get<double>() > 0 && value.get<double>() < 1;
}

// The confidence level of a file's intervals: provenance.options.level as `inspire estimate`
// writes it, else the rows' own level (an export's CSV has the column), else 0.95. Every row
// that gives one gives the file's.
core::Result<double> FileLevel(const Json& file) {
  std::optional<double> level;
  const Json& options = file["provenance"].value("options", Json::object());
  if (options.is_object() && options.contains("level") && !options["level"].is_null()) {
    if (!IsLevel(options["level"])) {
      return FailField(ErrorCode::kValidation, "provenance.options.level",
                       "the confidence level must be a number between 0 and 1, e.g. 0.95");
    }
    level = options["level"].get<double>();
  }
  for (size_t i = 0; i < file["estimates"].size(); ++i) {
    const Json& row = file["estimates"][i];
    if (!row.is_object() || !row.contains("level") || row["level"].is_null()) continue;
    const std::string field = fmt::format("estimates[{}].level", i);
    if (!IsLevel(row["level"])) {
      return FailField(ErrorCode::kValidation, field,
                       "the confidence level must be a number between 0 and 1, e.g. 0.95");
    }
    if (!level) level = row["level"].get<double>();
    if (row["level"].get<double>() != *level) {
      return FailField(ErrorCode::kValidation, field,
                       fmt::format("every row of a file has the file's confidence level ({}), "
                                   "not {}",
                                   *level, row["level"].get<double>()));
    }
  }
  return level.value_or(0.95);
}

}  // namespace

core::Result<EstimateFile> ReadEstimateFile(const catalogue::Catalogue& catalogue,
                                            const std::string& iso3, const Json& file) {
  if (!file.is_object() || !file.contains("estimates") || !file["estimates"].is_array() ||
      !file.contains("provenance") || !file["provenance"].is_object()) {
    return FailField(ErrorCode::kValidation, "estimates",
                     "expected the JSON that `inspire estimate --format json` writes: "
                     "{\"provenance\": {...}, \"estimates\": [...]}");
  }
  EstimateFile out;
  INSPIRE_ASSIGN_OR_RETURN(out.rows, ProtectedRows(catalogue, iso3, file));
  INSPIRE_ASSIGN_OR_RETURN(out.level, FileLevel(file));
  return out;
}

}  // namespace inspire::hub
