// What is new, as an Atom feed (RFC 4287): one entry per news item (hub/news.h) with a permanent
// tag: id, its title, the kind of record as category and in the summary's words, the page that
// shows it as the alternate link, and when it last changed.
#ifndef INSPIRE_WEB_ATOM_FEED_H_
#define INSPIRE_WEB_ATOM_FEED_H_

#include <string>
#include <vector>

#include "hub/news.h"

namespace inspire::web {

// The feed called `title`, found at `self` (its full URL), of `items` whose pages are under
// `site` (e.g. "https://hub.example.org", no trailing slash). Its updated time is the latest
// item's, or `now` when there is none.
std::string AtomFeed(const std::string& title, const std::string& self, const std::string& site,
                     const std::vector<hub::NewsItem>& items, const std::string& now);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_ATOM_FEED_H_
