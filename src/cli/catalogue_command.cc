#include "cli/catalogue_command.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalogue/catalogue_json.h"
#include "core/csv_writer.h"
#include "core/join.h"
#include "core/suggest.h"
#include "core/text_table.h"

namespace inspire::cli {
namespace {

using catalogue::Approach;
using catalogue::Catalogue;
using catalogue::Country;
using catalogue::Indicator;
using catalogue::Strategy;
using core::Align;
using core::ErrorCode;
using core::Fail;
using Json = nlohmann::ordered_json;

using core::Join;

std::string OptionalAge(const std::optional<int>& age) { return age ? std::to_string(*age) : ""; }

// A rendered listing: table columns plus, for each row, its table cells, CSV cells and JSON.
struct Listing {
  std::vector<core::Column> table_columns;
  std::vector<std::string> csv_header;
  std::vector<std::vector<std::string>> table_rows;
  std::vector<std::vector<std::string>> csv_rows;
  Json json = Json::array();
};

std::string Render(const Listing& listing, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return listing.json.dump(2) + "\n";
    case OutputFormat::kCsv: {
      std::string out = core::CsvRecord(listing.csv_header);
      for (const auto& row : listing.csv_rows) out += core::CsvRecord(row);
      return out;
    }
    case OutputFormat::kTable:
      break;
  }
  core::TextTable table(listing.table_columns);
  for (const auto& row : listing.table_rows) table.AddRow(row);
  return table.Render() + fmt::format("{} item{}\n", listing.table_rows.size(),
                                      listing.table_rows.size() == 1 ? "" : "s");
}

Listing ListStrategies(const Catalogue& catalogue, const ListRequest& request) {
  Listing out;
  out.table_columns = {
      {"id"}, {"name"}, {"approaches", Align::kRight}, {"indicators", Align::kRight}};
  out.csv_header = {"id", "name", "letter", "position", "approach_ids", "indicator_ids", "summary"};
  for (const Strategy& s : catalogue.strategies()) {
    if (!request.strategy.empty() && s.id != request.strategy) continue;
    std::vector<std::string> approach_ids;
    for (const Approach* a : catalogue.ApproachesOf(s.id)) approach_ids.push_back(a->id);
    std::vector<std::string> indicator_ids;
    for (const Indicator* i : catalogue.IndicatorsOf(s.id)) indicator_ids.push_back(i->id);
    out.table_rows.push_back(
        {s.id, s.name, std::to_string(approach_ids.size()), std::to_string(indicator_ids.size())});
    out.csv_rows.push_back({s.id, s.name, s.letter, std::to_string(s.position),
                            Join(approach_ids, ";"), Join(indicator_ids, ";"), s.summary});
    Json item = catalogue::ToJson(s);
    item["approach_ids"] = approach_ids;
    item["indicator_ids"] = indicator_ids;
    out.json.push_back(item);
  }
  return out;
}

Listing ListCrossCutting(const Catalogue& catalogue) {
  Listing out;
  out.table_columns = {{"id"}, {"name"}, {"summary", Align::kLeft, 70}};
  out.csv_header = {"id", "name", "summary"};
  for (const auto& x : catalogue.cross_cutting()) {
    out.table_rows.push_back({x.id, x.name, x.summary});
    out.csv_rows.push_back({x.id, x.name, x.summary});
    out.json.push_back(catalogue::ToJson(x));
  }
  return out;
}

Listing ListApproaches(const Catalogue& catalogue, const ListRequest& request) {
  Listing out;
  out.table_columns = {{"id"}, {"strategy"}, {"name", Align::kLeft, 70}};
  out.csv_header = {"id", "strategy_id", "name", "summary", "examples"};
  for (const Approach& a : catalogue.approaches()) {
    if (!request.strategy.empty() && a.strategy_id != request.strategy) continue;
    out.table_rows.push_back({a.id, a.strategy_id, a.name});
    out.csv_rows.push_back({a.id, a.strategy_id, a.name, a.summary, Join(a.examples, ";")});
    out.json.push_back(catalogue::ToJson(a));
  }
  return out;
}

bool KeepIndicator(const Indicator& i, const ListRequest& request) {
  const auto& links = i.strategy_ids;
  if (!request.strategy.empty() &&
      std::find(links.begin(), links.end(), request.strategy) == links.end()) {
    return false;
  }
  if (!request.level.empty() && i.level != request.level) return false;
  return request.status.empty() || i.status == request.status;
}

Listing ListIndicators(const Catalogue& catalogue, const ListRequest& request) {
  Listing out;
  out.table_columns = {{"id"},  {"level"},      {"status"},
                       {"sdg"}, {"strategies"}, {"name", Align::kLeft, 64}};
  out.csv_header = {"id",
                    "official_number",
                    "name",
                    "level",
                    "status",
                    "origin",
                    "country",
                    "domain",
                    "population",
                    "age_min",
                    "age_max",
                    "sex",
                    "recall_period",
                    "unit",
                    "numerator",
                    "denominator",
                    "disaggregations",
                    "sdg",
                    "sdg_series",
                    "data_sources",
                    "strategy_ids",
                    "source_citation",
                    "source_url"};
  for (const Indicator& i : catalogue.indicators()) {
    if (!KeepIndicator(i, request)) continue;
    const auto& p = i.population;
    out.table_rows.push_back(
        {i.id, i.level, i.status, Join(i.sdg, " "), Join(i.strategy_ids, " "), i.name});
    out.csv_rows.push_back({i.id,
                            i.official_number,
                            i.name,
                            i.level,
                            i.status,
                            i.origin,
                            i.country,
                            i.domain,
                            p.description,
                            OptionalAge(p.age_min),
                            OptionalAge(p.age_max),
                            p.sex,
                            i.recall_period,
                            i.unit,
                            i.numerator,
                            i.denominator,
                            Join(i.disaggregations, ";"),
                            Join(i.sdg, ";"),
                            Join(i.sdg_series, ";"),
                            Join(i.data_sources, ";"),
                            Join(i.strategy_ids, ";"),
                            i.source.citation,
                            i.source.url});
    out.json.push_back(catalogue::ToJson(i));
  }
  return out;
}

Listing ListCountries(const Catalogue& catalogue, const ListRequest& request) {
  Listing out;
  out.table_columns = {{"iso3"}, {"iso2"},   {"m49"},   {"name", Align::kLeft, 44},
                       {"who"},  {"unicef"}, {"income"}};
  out.csv_header = {"iso3", "iso2", "m49", "name", "who_region", "unicef_region", "income_group"};
  for (const Country& c : catalogue.countries()) {
    if (!request.region.empty() && c.who_region != request.region &&
        c.unicef_region != request.region) {
      continue;
    }
    std::vector<std::string> row = {c.iso3,       c.iso2,          c.m49,         c.name,
                                    c.who_region, c.unicef_region, c.income_group};
    out.table_rows.push_back(row);
    out.csv_rows.push_back(row);
    out.json.push_back(catalogue::ToJson(c));
  }
  return out;
}

core::Result<void> CheckChoice(const std::string& flag, const std::string& value,
                               const std::vector<std::string>& allowed) {
  if (value.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end()) {
    return {};
  }
  return Fail(
      ErrorCode::kInvalidArgument,
      fmt::format("{} '{}' is not known{}; expected one of: {}", flag, value,
                  core::DidYouMean(core::NearMatches(value, allowed)), Join(allowed, ", ")));
}

core::Result<void> CheckFilters(const Catalogue& catalogue, const ListRequest& request) {
  const std::string& kind = request.kind;
  const auto refuse = [&](const std::string& flag) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} does not apply to '{}'", flag, kind));
  };
  if (!request.strategy.empty() && kind != "strategies" && kind != "approaches" &&
      kind != "indicators") {
    return refuse("--strategy");
  }
  if (!request.level.empty() && kind != "indicators") return refuse("--level");
  if (!request.status.empty() && kind != "indicators") return refuse("--status");
  if (!request.region.empty() && kind != "countries") return refuse("--region");
  std::vector<std::string> link_ids;
  for (const auto& s : catalogue.strategies()) link_ids.push_back(s.id);
  if (kind == "indicators") {
    for (const auto& x : catalogue.cross_cutting()) link_ids.push_back(x.id);
  }
  INSPIRE_RETURN_IF_ERROR(CheckChoice("--strategy", request.strategy, link_ids));
  INSPIRE_RETURN_IF_ERROR(CheckChoice("--level", request.level, {"impact", "outcome", "output"}));
  INSPIRE_RETURN_IF_ERROR(CheckChoice("--status", request.status, {"confirmed", "provisional"}));
  return CheckChoice("--region", request.region,
                     {"AFR", "AMR", "SEAR", "EUR", "EMR", "WPR", "EAP", "ECA", "ESA", "WCA", "MENA",
                      "SA", "LAC", "NA"});
}

// The item's fields as (name, text) pairs: nested objects flattened with dots ("population.sex"),
// lists joined by ", " (objects in lists by their id), null as "".
void Flatten(const Json& object, const std::string& prefix,
             std::vector<std::vector<std::string>>& out) {
  for (const auto& [key, value] : object.items()) {
    const std::string name = prefix.empty() ? key : fmt::format("{}.{}", prefix, key);
    if (value.is_object()) {
      Flatten(value, name, out);
      continue;
    }
    std::string text;
    if (value.is_array()) {
      std::vector<std::string> parts;
      for (const auto& element : value) {
        const Json& shown = element.is_object() && element.contains("id") ? element["id"] : element;
        parts.push_back(shown.is_string() ? shown.get<std::string>() : shown.dump());
      }
      text = Join(parts, ", ");
    } else if (value.is_string()) {
      text = value.get<std::string>();
    } else if (!value.is_null()) {
      text = value.dump();
    }
    out.push_back({name, text});
  }
}

}  // namespace

core::Result<OutputFormat> ParseOutputFormat(const std::string& text) {
  if (text == "table") return OutputFormat::kTable;
  if (text == "json") return OutputFormat::kJson;
  if (text == "csv") return OutputFormat::kCsv;
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("--format '{}' is not known; expected table, json or csv", text));
}

core::Result<std::string> RenderList(const Catalogue& catalogue, const ListRequest& request) {
  INSPIRE_RETURN_IF_ERROR(CheckFilters(catalogue, request));
  if (request.kind == "strategies")
    return Render(ListStrategies(catalogue, request), request.format);
  if (request.kind == "cross-cutting") return Render(ListCrossCutting(catalogue), request.format);
  if (request.kind == "approaches")
    return Render(ListApproaches(catalogue, request), request.format);
  if (request.kind == "indicators")
    return Render(ListIndicators(catalogue, request), request.format);
  if (request.kind == "countries") return Render(ListCountries(catalogue, request), request.format);
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown list '{}'; expected strategies, cross-cutting, approaches, "
                          "indicators or countries",
                          request.kind));
}

core::Result<std::string> RenderShow(const Catalogue& catalogue, const std::string& id,
                                     OutputFormat format) {
  const auto item = catalogue.Find(id);
  if (!item) {
    const auto ids = catalogue.AllIds();
    const auto near = core::NearMatches(id, ids, 5);
    return Fail(ErrorCode::kNotFound,
                fmt::format("no strategy, approach, indicator or country has the id '{}'{}", id,
                            near.empty() ? "; list them with `inspire catalogue indicators` (or "
                                           "strategies, approaches, countries)"
                                         : core::DidYouMean(near)));
  }
  const Json json = catalogue::ItemToJson(catalogue, *item);
  if (format == OutputFormat::kJson) return json.dump(2) + "\n";
  std::vector<std::vector<std::string>> fields;
  Flatten(json, "", fields);
  if (format == OutputFormat::kCsv) {
    std::string out = core::CsvRecord(std::vector<std::string>{"field", "value"});
    for (const auto& row : fields) out += core::CsvRecord(row);
    return out;
  }
  core::TextTable table({{"field"}, {"value", core::Align::kLeft, 76, /*wrap=*/true}});
  for (auto& row : fields) table.AddRow(std::move(row));
  return table.Render();
}

}  // namespace inspire::cli
