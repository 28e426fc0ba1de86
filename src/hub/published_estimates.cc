#include "hub/published_estimates.h"

#include <cctype>

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

// The WHERE clause of `query` and its parameters.
std::pair<std::string, std::vector<store::Value>> EstimateFilter(const EstimateQuery& query) {
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!query.indicator.empty()) {
    where += " AND e.indicator_id = ?";
    params.emplace_back(query.indicator);
  }
  if (!query.country.empty()) {
    std::string iso3 = query.country;
    for (char& c : iso3) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    where += " AND e.country_iso3 = ?";
    params.emplace_back(iso3);
  }
  if (query.year != 0) {
    where += " AND e.year = ?";
    params.emplace_back(query.year);
  }
  if (!query.domain.empty()) {
    where += " AND e.domain = ?";
    params.emplace_back(query.domain);
  }
  return {where, params};
}

constexpr const char* kPublishedColumns =
    "SELECT e.country_iso3, e.year, s.source, e.indicator_id, e.indicator_name, e.domain, "
    "e.domain_code, e.domain_label, e.n_unweighted, e.n_missing, e.n_weighted, e.estimate, "
    "e.se, e.ci_low, e.ci_high, e.deff, e.df, e.flag, s.id, s.published_at, e.suppression, "
    "s.level, e.statistic FROM estimates e JOIN estimate_sets s ON s.id = e.set_id";

PublishedEstimate PublishedFromRow(const store::Row& row) {
  const auto number = [&](size_t i) {
    return row.IsNull(i) ? std::optional<double>() : std::optional<double>(row.Real(i));
  };
  const auto count = [&](size_t i) {
    return row.IsNull(i) ? std::optional<int64_t>() : std::optional<int64_t>(row.Int(i));
  };
  PublishedEstimate e;
  e.country = row.Text(0);
  e.year = row.Int(1);
  e.source = row.Text(2);
  e.indicator_id = row.Text(3);
  e.indicator_name = row.Text(4);
  e.domain = row.Text(5);
  e.domain_code = row.Text(6);
  e.domain_label = row.Text(7);
  e.n_unweighted = count(8);
  e.n_missing = count(9);
  e.n_weighted = number(10);
  e.estimate = number(11);
  e.se = number(12);
  e.ci_low = number(13);
  e.ci_high = number(14);
  e.deff = number(15);
  e.df = number(16);
  e.flag = row.Text(17);
  e.set_id = row.Int(18);
  e.published_at = row.Text(19);
  e.suppression = row.Text(20);
  e.level = row.Real(21);
  e.statistic = row.Text(22);
  return e;
}

}  // namespace

core::Result<EstimatePage> FindEstimates(store::Connection& db, const EstimateQuery& query) {
  if (query.limit < 1 || query.limit > 10000 || query.offset < 0) {
    return FailField(ErrorCode::kInvalidArgument, "limit",
                     "limit must be 1 to 10000 and offset at least 0");
  }
  auto [where, params] = EstimateFilter(query);
  INSPIRE_ASSIGN_OR_RETURN(const auto total,
                           db.Query("SELECT COUNT(*) FROM estimates e" + where, params));
  params.emplace_back(query.limit);
  params.emplace_back(query.offset);
  INSPIRE_ASSIGN_OR_RETURN(
      const auto result,
      db.Query(std::string(kPublishedColumns) + where +
                   " ORDER BY e.indicator_id, e.country_iso3, e.year, e.id LIMIT ? OFFSET ?",
               params));
  EstimatePage page;
  page.total = total.rows.at(0).Int(0);
  page.items.reserve(result.rows.size());
  for (const auto& row : result.rows) page.items.push_back(PublishedFromRow(row));
  return page;
}

core::Result<std::vector<PublishedEstimate>> AllPublished(store::Connection& db,
                                                          EstimateQuery query) {
  query.limit = 10000;
  std::vector<PublishedEstimate> all;
  for (query.offset = 0;; query.offset += query.limit) {
    INSPIRE_ASSIGN_OR_RETURN(EstimatePage page, FindEstimates(db, query));
    for (auto& e : page.items) all.push_back(std::move(e));
    if (static_cast<int64_t>(all.size()) >= page.total || page.items.empty()) return all;
  }
}

Json ToJson(const PublishedEstimate& e) {
  const auto optional = [](const auto& value) { return value ? Json(*value) : Json(); };
  return {{"country", e.country},
          {"year", e.year},
          {"source", e.source},
          {"indicator_id", e.indicator_id},
          {"indicator_name", e.indicator_name},
          {"domain", e.domain},
          {"domain_code", e.domain_code},
          {"domain_label", e.domain_label},
          {"n_unweighted", optional(e.n_unweighted)},
          {"n_missing", optional(e.n_missing)},
          {"n_weighted", optional(e.n_weighted)},
          {"estimate", optional(e.estimate)},
          {"se", optional(e.se)},
          {"ci_low", optional(e.ci_low)},
          {"ci_high", optional(e.ci_high)},
          {"level", e.level},
          {"deff", optional(e.deff)},
          {"df", optional(e.df)},
          {"flag", e.flag},
          {"suppression", e.suppression.empty() ? Json() : Json(e.suppression)},
          {"statistic", e.statistic},
          {"set_id", e.set_id},
          {"published_at", e.published_at}};
}

core::Result<Json> ListEstimates(store::Connection& db, const EstimateQuery& query) {
  INSPIRE_ASSIGN_OR_RETURN(const EstimatePage page, FindEstimates(db, query));
  Json items = Json::array();
  for (const auto& e : page.items) items.push_back(ToJson(e));
  return Json{{"items", std::move(items)},
              {"total", page.total},
              {"limit", query.limit},
              {"offset", query.offset}};
}

core::Result<Json> AllEstimates(store::Connection& db, EstimateQuery query) {
  INSPIRE_ASSIGN_OR_RETURN(const auto all, AllPublished(db, std::move(query)));
  Json items = Json::array();
  for (const auto& e : all) items.push_back(ToJson(e));
  return items;
}

}  // namespace inspire::hub
