// The Atom feeds of what is new through the real server, on SQLite and PostgreSQL, read back by
// Python's feedparser: public records appear with absolute links, and nothing of a members'
// meeting, a decision taken there or an implementation round not yet validated ever does,
// whatever the filter.
#include <algorithm>
#include <fstream>
#include <set>

#include "support/run_binary.h"
#include "support/temp_dir.h"
#include "web/api_fixture.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

// The feed as feedparser reads it (tests/support/read_atom.py); null, with a failure, when it
// refuses the feed.
Json ReadFeed(const std::string& feed) {
  testing::TempDir dir;
  const auto path = dir.path() / "news.atom";
  std::ofstream(path, std::ios::binary) << feed;
  const testing::RunOutput read = testing::RunProgram(
      "/usr/bin/python3", {INSPIRE_SOURCE_DIR "/tests/support/read_atom.py", path.string()});
  EXPECT_EQ(read.exit_code, 0) << read.err << "\n" << feed;
  return read.exit_code == 0 ? Json::parse(read.out) : Json();
}

class FeedApiTest : public ApiTest {};

TEST_P(FeedApiTest, FeedsShowPublicNewsAndNeverWhatIsNotPublic) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string secretariat = tokens_["secretariat"];
  const auto meeting = [&](const std::string& title, const std::string& visibility) {
    const Reply made = Send("POST", "/api/v1/meetings", secretariat,
                            {{"title", title},
                             {"kind", "country_consultation"},
                             {"starts_at", "2031-03-04T14:00"},
                             {"country", "KEN"},
                             {"visibility", visibility}});
    EXPECT_EQ(made.status, 201) << made.raw;
    return made.body.value("id", int64_t{0});
  };
  const int64_t open = meeting("Open <consultation> & talk", "public");
  const int64_t closed = meeting("Closed Secret Session", "members");
  ASSERT_EQ(Send("POST", "/api/v1/decisions", secretariat,
                 {{"meeting", closed}, {"text", "Secret Outcome"}})
                .status,
            201);
  const Reply round =
      Send("POST", "/api/v1/implementation/rounds", tokens_["country_focal_point"],
           {{"country", "KEN"}, {"label", "Review Round 2024"}, {"reference_year", 2024}});
  ASSERT_EQ(round.status, 201) << round.raw;
  ASSERT_EQ(Send("POST", "/api/v1/objectives", secretariat,
                 {{"title", "Shared indicators"}, {"workstream", "Data"}, {"approaches", {"P4.1"}}})
                .status,
            201);

  for (const std::string query : {"", "?country=KEN", "?country=ken", "?topic=meetings",
                                  "?topic=working_group", "?approach=P4.1", "?topic=data"}) {
    const Reply reply = Send("GET", "/feeds/news.atom" + query);
    ASSERT_EQ(reply.status, 200) << query << ": " << reply.raw;
    EXPECT_EQ(reply.content_type, "application/atom+xml; charset=utf-8");
    for (const char* secret : {"Secret", "Review Round 2024"}) {
      EXPECT_EQ(reply.raw.find(secret), std::string::npos) << query << " shows " << secret;
    }
    const Json feed = ReadFeed(reply.raw);
    std::set<std::string> ids;
    for (const Json& entry : feed["entries"]) {
      EXPECT_EQ(entry["link"].get<std::string>().rfind("http://127.0.0.1:", 0), 0u) << entry;
      EXPECT_TRUE(ids.insert(entry["id"].get<std::string>()).second) << "repeated id " << entry;
    }
  }
  const Json all = ReadFeed(Send("GET", "/feeds/news.atom").raw);
  ASSERT_FALSE(all["entries"].empty());
  const auto has = [](const Json& feed, const std::string& title) {
    return std::any_of(feed["entries"].begin(), feed["entries"].end(),
                       [&](const Json& entry) { return entry["title"] == title; });
  };
  EXPECT_TRUE(has(all, "Open <consultation> & talk"));  // escaped, read back as written
  EXPECT_TRUE(has(all, "Shared indicators"));
  const Json kenya = ReadFeed(Send("GET", "/feeds/news.atom?country=KEN").raw);
  EXPECT_TRUE(has(kenya, "Open <consultation> & talk"));
  EXPECT_FALSE(has(kenya, "Shared indicators"));  // an objective has no country
  const Json parenting = ReadFeed(Send("GET", "/feeds/news.atom?approach=P4.1").raw);
  EXPECT_TRUE(has(parenting, "Shared indicators"));
  EXPECT_FALSE(has(parenting, "Open <consultation> & talk"));
  const auto links_to = [](const Json& feed, const std::string& path) {
    return std::any_of(feed["entries"].begin(), feed["entries"].end(), [&](const Json& entry) {
      const std::string link = entry["link"];
      return link.size() >= path.size() &&
             link.compare(link.size() - path.size(), path.size(), path) == 0;
    });
  };
  EXPECT_TRUE(links_to(kenya, "/meetings/" + std::to_string(open)));

  // Once validated, the round appears.
  const std::string path = "/api/v1/implementation/rounds/" + round.body["id"].dump();
  ASSERT_EQ(
      Send("POST", path + "/status", tokens_["country_focal_point"], {{"to", "submitted"}}).status,
      200);
  ASSERT_EQ(Send("POST", path + "/status", secretariat, {{"to", "validated"}}).status, 200);
  EXPECT_TRUE(has(ReadFeed(Send("GET", "/feeds/news.atom?topic=data").raw), "Review Round 2024"));
  EXPECT_EQ(Send("GET", "/feeds/news.atom?country=XXX").body["error"]["field"], "country");
  EXPECT_EQ(Send("GET", "/feeds/news.atom?approach=Z9.9").body["error"]["field"], "approach");
  EXPECT_EQ(Send("GET", "/feeds/news.atom?topic=gossip").body["error"]["field"], "topic");
}

INSTANTIATE_TEST_SUITE_P(Engines, FeedApiTest,
                         ::testing::Values(testing::TestEngine::kSqlite,
                                           testing::TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
