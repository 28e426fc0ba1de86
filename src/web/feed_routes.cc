// The Atom feeds of what is new: /feeds/news.atom for the whole hub, narrowed by ?country=,
// ?approach= and ?topic= (working_group, meetings, evidence, data, coordination, library). Public
// records only, whoever asks (hub/news.h).
#include "hub/news.h"
#include "web/atom_feed.h"
#include "web/page_text.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

// The feed's title for its filter, e.g. "INSPIRE Hub: what is new (KEN, P4.1)".
std::string FeedTitle(const hub::NewsFilter& filter) {
  std::vector<std::string> about;
  for (const std::string* part : {&filter.country, &filter.approach, &filter.topic}) {
    if (!part->empty()) about.push_back(*part);
  }
  const std::string title = Label("", "feed_title");
  return about.empty() ? title : fmt::format("{} ({})", title, fmt::join(about, ", "));
}

// The feed's own URL from the filter as checked (never the request's raw text).
std::string SelfUrl(const std::string& site, const hub::NewsFilter& filter) {
  std::vector<std::string> query;
  if (!filter.country.empty()) query.push_back("country=" + filter.country);
  if (!filter.approach.empty()) query.push_back("approach=" + filter.approach);
  if (!filter.topic.empty()) query.push_back("topic=" + filter.topic);
  return fmt::format("{}/feeds/news.atom{}{}", site, query.empty() ? "" : "?",
                     fmt::join(query, "&"));
}

}  // namespace

void Server::Impl::SetUpFeeds() {
  http.Get(
      "/feeds/news.atom",
      Route(RouteKind::kRead,
            [this](store::Connection& db, const Actor&, const http::Request& req,
                   http::Response& res) -> Reply {
              hub::NewsFilter filter;
              filter.country = req.get_param_value("country");
              filter.approach = req.get_param_value("approach");
              filter.topic = req.get_param_value("topic");
              INSPIRE_ASSIGN_OR_RETURN(const auto items, hub::LatestNews(db, *catalogue, filter));
              if (const auto* country = catalogue->FindCountry(filter.country)) {
                filter.country = country->iso3;
              }
              const std::string site = SiteUrl();
              res.set_content(
                  AtomFeed(FeedTitle(filter), SelfUrl(site, filter), site, items, store::NowUtc()),
                  "application/atom+xml; charset=utf-8");
              return std::pair{200, Json()};
            }));
}

}  // namespace inspire::web
