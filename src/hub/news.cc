#include "hub/news.h"

#include <fmt/format.h>

#include <algorithm>

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

// One source of news: a query on alias r returning id, title, summary, path key, updated.
struct NewsSource {
  const char* kind;
  const char* topic;           // the topic it belongs to
  const char* select;          // "SELECT r.id, <title>, <summary>, <key>, <updated> FROM ..."
  const char* country_column;  // nullptr: no country
  const char* approach_table;  // join table (key_column, approach_id), nullptr: none
  const char* approach_key;    // its column naming the record
  const char* updated_column;
  const char* path_format;  // fmt format of the page, with {id} and {key}
};

const std::vector<NewsSource>& Sources() {
  static const std::vector<NewsSource> sources = {
      {"meeting", "meetings",
       "SELECT r.id, r.title, r.kind, r.starts_at, r.updated_at FROM meetings r WHERE "
       "r.visibility = 'public'",
       "r.country_iso3", nullptr, nullptr, "r.updated_at", "/meetings/{id}"},
      {"decision", "meetings",
       "SELECT r.id, m.title, r.text, r.meeting_id, r.updated_at FROM meeting_decisions r JOIN "
       "meetings m ON m.id = r.meeting_id WHERE m.visibility = 'public'",
       "m.country_iso3", nullptr, nullptr, "r.updated_at", "/meetings/{key}"},
      {"objective", "working_group",
       "SELECT r.id, r.title, r.status, r.workstream, r.updated_at FROM workplan_objectives r "
       "WHERE 1 = 1",
       nullptr, "objective_approaches", "objective_id", "r.updated_at", "/working-group"},
      {"activity", "coordination",
       "SELECT r.id, r.title, r.status, r.country_iso3, r.updated_at FROM activities r WHERE 1 = 1",
       "r.country_iso3", "activity_approaches", "activity_id", "r.updated_at",
       "/activities?country={key}"},
      {"need", "coordination",
       "SELECT r.id, SUBSTR(r.description, 1, 160), r.kind, r.country_iso3, r.updated_at FROM "
       "needs "
       "r WHERE 1 = 1",
       "r.country_iso3", "need_approaches", "need_id", "r.updated_at", "/coordination"},
      {"estimates", "data",
       "SELECT r.id, r.source, CAST(r.year AS TEXT), r.country_iso3, r.published_at FROM "
       "estimate_sets r WHERE 1 = 1",
       "r.country_iso3", nullptr, nullptr, "r.published_at", "/countries/{key}"},
      {"implementation", "data",
       "SELECT r.id, r.label, CAST(r.reference_year AS TEXT), r.country_iso3, r.updated_at FROM "
       "implementation_rounds r WHERE r.status = 'validated'",
       "r.country_iso3", nullptr, nullptr, "r.updated_at", "/countries/{key}/implementation"},
      {"study", "evidence",
       "SELECT r.id, r.study, r.outcome, (SELECT MIN(a.approach_id) FROM study_approaches a WHERE "
       "a.study_id = r.id), r.updated_at FROM studies r WHERE 1 = 1",
       "r.country_iso3", "study_approaches", "study_id", "r.updated_at", "/approaches/{key}"},
      {"library", "library",
       "SELECT r.id, r.title, r.kind, r.language, r.updated_at FROM library_items r WHERE "
       "r.status = 'published'",
       nullptr, "library_item_approaches", "item_id", "r.updated_at", "/library/{id}"}};
  return sources;
}

bool InTopic(const NewsSource& source, const std::string& topic) {
  if (topic.empty() || topic == source.topic) return true;
  return topic == "working_group" && std::string(source.topic) == "meetings";
}

core::Result<std::vector<NewsItem>> FromSource(store::Connection& db, const NewsSource& source,
                                               const NewsFilter& filter) {
  std::string sql = source.select;
  std::vector<store::Value> params;
  if (!filter.country.empty()) {
    if (source.country_column == nullptr) return std::vector<NewsItem>{};
    sql += fmt::format(" AND {} = ?", source.country_column);
    params.emplace_back(filter.country);
  }
  if (!filter.approach.empty()) {
    if (source.approach_table == nullptr) return std::vector<NewsItem>{};
    sql += fmt::format(" AND r.id IN (SELECT {} FROM {} WHERE approach_id = ?)",
                       source.approach_key, source.approach_table);
    params.emplace_back(filter.approach);
  }
  if (!filter.since.empty()) {
    sql += fmt::format(" AND {} >= ?", source.updated_column);
    params.emplace_back(filter.since);
  }
  sql += fmt::format(" ORDER BY {} DESC, r.id DESC LIMIT ?", source.updated_column);
  params.emplace_back(static_cast<int64_t>(filter.limit));
  INSPIRE_ASSIGN_OR_RETURN(const auto found, db.Query(sql, params));
  std::vector<NewsItem> items;
  for (const auto& row : found.rows) {
    NewsItem item{source.kind, row.Int(0), row.Text(1), row.Text(2), "", row.Text(4)};
    const std::string key = row.IsNull(3) ? "" : row.Text(3);
    item.path = fmt::format(fmt::runtime(source.path_format), fmt::arg("id", item.id),
                            fmt::arg("key", key));
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

const std::vector<std::string>& NewsTopics() {
  static const std::vector<std::string> topics = {"",     "working_group", "meetings", "evidence",
                                                  "data", "coordination",  "library"};
  return topics;
}

core::Result<std::vector<NewsItem>> LatestNews(store::Connection& db,
                                               const catalogue::Catalogue& catalogue,
                                               const NewsFilter& filter_given) {
  NewsFilter filter = filter_given;
  if (!filter.country.empty()) {
    const auto* country = catalogue.FindCountry(filter.country);
    if (country == nullptr) {
      return FailField(ErrorCode::kValidation, "country",
                       fmt::format("'{}' is not a country code of the catalogue", filter.country));
    }
    filter.country = country->iso3;
  }
  if (!filter.approach.empty() && catalogue.FindApproach(filter.approach) == nullptr) {
    return FailField(
        ErrorCode::kValidation, "approach",
        fmt::format("'{}' is not an INSPIRE approach id (e.g. P4.1)", filter.approach));
  }
  const auto& topics = NewsTopics();
  if (std::find(topics.begin(), topics.end(), filter.topic) == topics.end()) {
    return FailField(
        ErrorCode::kValidation, "topic",
        "topic must be working_group, meetings, evidence, data, coordination or library");
  }
  if (filter.limit < 1 || filter.limit > 500) {
    return FailField(ErrorCode::kValidation, "limit", "limit must be from 1 to 500");
  }
  std::vector<NewsItem> items;
  for (const NewsSource& source : Sources()) {
    if (!InTopic(source, filter.topic)) continue;
    INSPIRE_ASSIGN_OR_RETURN(std::vector<NewsItem> found, FromSource(db, source, filter));
    items.insert(items.end(), found.begin(), found.end());
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const NewsItem& a, const NewsItem& b) { return a.updated > b.updated; });
  if (items.size() > static_cast<size_t>(filter.limit)) items.resize(filter.limit);
  return items;
}

}  // namespace inspire::hub
