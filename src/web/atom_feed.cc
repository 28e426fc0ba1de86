#include "web/atom_feed.h"

#include <fmt/format.h>

#include <map>

#include "charts/charts.h"
#include "web/page_text.h"

namespace inspire::web {
namespace {

// Text for XML content and attribute values.
std::string Xml(const std::string& text) { return charts::EscapeXml(text); }

// The host of a site URL, without scheme, port or path: the authority of the tag: ids.
std::string TagAuthority(const std::string& site) {
  const size_t start = site.find("://");
  std::string host = site.substr(start == std::string::npos ? 0 : start + 3);
  host = host.substr(0, host.find('/'));
  if (!host.empty() && host.front() != '[') host = host.substr(0, host.find(':'));
  return host.empty() ? "localhost" : host;
}

// The item's summary in words: its kind, and what it says more (labelled when it is a code).
std::string Summary(const hub::NewsItem& item) {
  const std::string kind = Label("news_kind_", item.kind);
  static const std::map<std::string, std::string> kPrefixes = {{"meeting", "meeting_kind_"},
                                                               {"objective", "objective_"},
                                                               {"activity", "status_"},
                                                               {"need", "kind_"},
                                                               {"library", "library_kind_"}};
  const auto prefix = kPrefixes.find(item.kind);
  const std::string more =
      prefix == kPrefixes.end() ? item.summary : Label(prefix->second, item.summary);
  return more.empty() ? kind : kind + ": " + more;
}

std::string Entry(const hub::NewsItem& item, const std::string& site) {
  const std::string kind = Label("news_kind_", item.kind);
  const std::string summary = Summary(item);
  return fmt::format(
      "<entry>\n<id>tag:{},2026:{}/{}</id>\n<title>{}</title>\n"
      "<link rel=\"alternate\" type=\"text/html\" href=\"{}{}\"/>\n<updated>{}</updated>\n"
      "<category term=\"{}\" label=\"{}\"/>\n<summary>{}</summary>\n</entry>\n",
      Xml(TagAuthority(site)), Xml(item.kind), item.id, Xml(item.title), Xml(site), Xml(item.path),
      Xml(item.updated), Xml(item.kind), Xml(kind), Xml(summary));
}

}  // namespace

std::string AtomFeed(const std::string& title, const std::string& self, const std::string& site,
                     const std::vector<hub::NewsItem>& items, const std::string& now) {
  const std::string updated = items.empty() ? now : items.front().updated;
  std::string feed = fmt::format(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>{}</id>\n<title>{}</title>\n"
      "<updated>{}</updated>\n<author><name>INSPIRE Hub</name></author>\n"
      "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n"
      "<link rel=\"alternate\" type=\"text/html\" href=\"{}/\"/>\n",
      Xml(self), Xml(title), Xml(updated), Xml(self), Xml(site));
  for (const hub::NewsItem& item : items) feed += Entry(item, site);
  return feed + "</feed>\n";
}

}  // namespace inspire::web
