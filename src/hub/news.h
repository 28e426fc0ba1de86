// What is new in the hub, as a visitor may see it: the latest public records of every kind
// (meetings and their decisions, work-plan objectives, activities, published estimates, studies,
// validated implementation rounds, support needs, published library items), each with a title, a
// one-line summary, the page that shows it and when it last changed. Members' meetings, what was
// decided at them, implementation rounds not yet validated and suppressed estimates never appear.
// The source of the Atom feeds (web/atom_feed.h) and of the digest e-mails (hub/digests.h).
#ifndef INSPIRE_HUB_NEWS_H_
#define INSPIRE_HUB_NEWS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

// Which news: about one country, one approach, of one group of kinds, since a time.
struct NewsFilter {
  std::string country;   // ISO3 ("" any); kinds without a country are left out when given
  std::string approach;  // approach id ("" any); kinds without approaches are left out
  // "" every kind; "working_group" (meetings, decisions, objectives); "meetings" (meetings and
  // decisions); "evidence" (studies); "data" (estimates, implementation rounds); "coordination"
  // (activities, needs); "library" (published library items).
  std::string topic;
  std::string since;  // only what changed at or after this stored UTC time ("" any)
  int limit = 50;     // the most items, 1 to 500
};

// One thing that is new.
struct NewsItem {
  std::string kind;  // meeting, decision, objective, activity, estimates, study, ...
  int64_t id = 0;    // its id among its kind
  std::string title;
  // One word or line saying more, as stored: a meeting's kind, a decision's text, an objective's
  // status, an activity's status, a need's kind, the year of estimates or of a round, a study's
  // outcome. The page layer words it.
  std::string summary;
  std::string path;     // the page showing it, e.g. "/meetings/17"
  std::string updated;  // stored UTC time of its last change
};

// The topics NewsFilter::topic accepts ("" included).
const std::vector<std::string>& NewsTopics();

// The latest news matching `filter_given`, the most recent first. kValidation naming country,
// approach, topic or limit when one is not what is expected.
core::Result<std::vector<NewsItem>> LatestNews(store::Connection& db,
                                               const catalogue::Catalogue& catalogue,
                                               const NewsFilter& filter_given);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_NEWS_H_
