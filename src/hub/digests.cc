#include "hub/digests.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "hub/news.h"

namespace inspire::hub {
namespace {

constexpr int64_t kDay = int64_t{24} * 60 * 60;
constexpr int kMostItems = 100;  // per digest; the rest are a link away

// The kinds of record in the words of a digest line.
std::string KindWords(const std::string& kind) {
  static const std::map<std::string, std::string> kWords = {{"meeting", "Meeting"},
                                                            {"decision", "Decision"},
                                                            {"objective", "Work plan"},
                                                            {"activity", "Activity"},
                                                            {"need", "Support need"},
                                                            {"estimates", "Estimates"},
                                                            {"implementation", "Implementation"},
                                                            {"study", "Study"},
                                                            {"library", "Library"}};
  const auto it = kWords.find(kind);
  return it == kWords.end() ? kind : it->second;
}

// What the user follows, as news filters since `since`.
std::vector<NewsFilter> FiltersOf(const store::QueryResult& follows, const std::string& since) {
  std::vector<NewsFilter> filters;
  for (const auto& row : follows.rows) {
    NewsFilter filter;
    const std::string kind = row.Text(0);
    if (kind == "country") filter.country = row.Text(1);
    if (kind == "approach") filter.approach = row.Text(1);
    if (kind == "topic") filter.topic = row.Text(1);
    filter.since = since;
    filter.limit = kMostItems;
    filters.push_back(std::move(filter));
  }
  return filters;
}

std::string Body(const std::vector<NewsItem>& items, const std::string& site,
                 const std::string& unsubscribe, const std::string& since) {
  std::string body = fmt::format("What is new in INSPIRE Hub since {} UTC in what you follow:\n\n",
                                 since.substr(0, 16).replace(10, 1, " "));
  for (const NewsItem& item : items) {
    body += fmt::format("- {}: {}\n  {}{}\n", KindWords(item.kind), item.title, site, item.path);
  }
  body += fmt::format("\nChange what you follow: {}/account\nStop these e-mails (one click): {}\n",
                      site, unsubscribe);
  return body;
}

bool Due(const std::string& frequency, const std::string& last, const std::string& now) {
  const auto then = store::UtcSeconds(last);
  const auto at = store::UtcSeconds(now);
  if (!then || !at) return true;
  return *at - *then >= (frequency == "daily" ? kDay : 7 * kDay) - 60;
}

}  // namespace

core::Result<std::vector<Digest>> DueDigests(store::Connection& db,
                                             const catalogue::Catalogue& catalogue,
                                             const std::string& now, const std::string& site) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto users,
      db.Query("SELECT d.user_id, u.email, d.frequency, d.last_sent_at, d.unsubscribe_token FROM "
               "digest_settings d JOIN users u ON u.id = d.user_id WHERE d.frequency <> 'never' "
               "AND u.disabled = 0 ORDER BY d.user_id",
               {}));
  std::vector<Digest> digests;
  for (const auto& user : users.rows) {
    const std::string frequency = user.Text(2);
    const std::string since = user.Text(3);
    if (!Due(frequency, since, now)) continue;
    INSPIRE_ASSIGN_OR_RETURN(
        const auto follows,
        db.Query("SELECT kind, value FROM subscriptions WHERE user_id = ?", {user.Int(0)}));
    std::vector<NewsItem> items;
    std::set<std::pair<std::string, int64_t>> seen;
    for (const NewsFilter& filter : FiltersOf(follows, since)) {
      INSPIRE_ASSIGN_OR_RETURN(const auto found, LatestNews(db, catalogue, filter));
      for (const NewsItem& item : found) {
        if (seen.insert({item.kind, item.id}).second) items.push_back(item);
      }
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const NewsItem& a, const NewsItem& b) { return a.updated > b.updated; });
    if (items.size() > static_cast<size_t>(kMostItems)) items.resize(kMostItems);
    Digest digest;
    digest.user = user.Int(0);
    digest.email = user.Text(1);
    digest.items = static_cast<int>(items.size());
    digest.unsubscribe_url = fmt::format("{}/unsubscribe?token={}", site, user.Text(4));
    digest.subject = fmt::format("INSPIRE Hub: {} new item{} ({} digest)", items.size(),
                                 items.size() == 1 ? "" : "s", frequency);
    if (!items.empty()) digest.body = Body(items, site, digest.unsubscribe_url, since);
    digests.push_back(std::move(digest));
  }
  return digests;
}

core::Result<void> MarkDigestSent(store::Connection& db, int64_t user, const std::string& now) {
  return db.Query("UPDATE digest_settings SET last_sent_at = ? WHERE user_id = ?", {now, user})
      .map([](auto&&) {});
}

core::Result<DigestRun> SendDueDigests(store::Connection& db, const catalogue::Catalogue& catalogue,
                                       const core::SmtpRelay& relay, const std::string& site) {
  const std::string now = store::NowUtc();
  INSPIRE_ASSIGN_OR_RETURN(const std::vector<Digest> digests, DueDigests(db, catalogue, now, site));
  DigestRun run;
  for (const Digest& digest : digests) {
    if (digest.items > 0) {
      core::MailMessage message{digest.email,
                                digest.subject,
                                digest.body,
                                {{"List-Unsubscribe", "<" + digest.unsubscribe_url + ">"},
                                 {"Auto-Submitted", "auto-generated"}}};
      const auto sent = core::SendMail(relay, message);
      if (!sent) {
        run.failures.push_back(sent.error().message);
        continue;
      }
      ++run.sent;
    } else {
      ++run.nothing;
    }
    INSPIRE_RETURN_IF_ERROR(MarkDigestSent(db, digest.user, now));
  }
  return run;
}

}  // namespace inspire::hub
