// The response cache's bounds: answers kept from their second request, least recently used
// evicted first, a byte budget, stale versions never served, and a flood of one-off URLs that
// cannot push out the pages people read.
#include "web/response_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace inspire::web {
namespace {

ResponseCache::Entry Answer(int64_t version, std::string body) {
  ResponseCache::Entry entry;
  entry.version = version;
  entry.etag = "\"v" + std::to_string(version) + "\"";
  entry.body = std::move(body);
  return entry;
}

TEST(ResponseCache, AnAnswerIsKeptWholeFromItsSecondRequest) {
  ResponseCache cache;
  EXPECT_FALSE(cache.Find("/a", 1));
  cache.Put("/a", Answer(1, "body"));
  auto first = cache.Find("/a", 1);
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->whole);  // noted: the ETag alone, enough for a 304
  EXPECT_TRUE(first->body.empty());
  EXPECT_EQ(first->etag, "\"v1\"");
  cache.Put("/a", Answer(1, "body"));
  auto second = cache.Find("/a", 1);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->whole);
  EXPECT_EQ(second->body, "body");
  EXPECT_EQ(cache.entries(), 1U);
}

TEST(ResponseCache, AStaleVersionIsNeverServedAndANewOneReplacesIt) {
  ResponseCache cache;
  cache.Put("/a", Answer(1, "old"));
  cache.Put("/a", Answer(1, "old"));
  EXPECT_FALSE(cache.Find("/a", 2));
  cache.Put("/a", Answer(2, "new"));  // seen before: kept whole at once
  auto hit = cache.Find("/a", 2);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, "new");
  EXPECT_EQ(cache.entries(), 1U);
  cache.Clear();
  EXPECT_FALSE(cache.Find("/a", 2));
  EXPECT_EQ(cache.bytes(), 0U);
}

TEST(ResponseCache, TheLeastRecentlyUsedLeavesFirst) {
  ResponseCache cache;
  const size_t n = ResponseCache::kMaxEntries;
  for (size_t i = 0; i < n; ++i) {
    const std::string key = "/p" + std::to_string(i);
    cache.Put(key, Answer(1, "x"));
    cache.Put(key, Answer(1, "x"));
  }
  EXPECT_EQ(cache.entries(), n);
  ASSERT_TRUE(cache.Find("/p0", 1));  // read again: now the most recent
  cache.Put("/new", Answer(1, "y"));
  cache.Put("/new", Answer(1, "y"));
  EXPECT_EQ(cache.entries(), n);
  EXPECT_TRUE(cache.Find("/p0", 1)->whole);
  EXPECT_TRUE(cache.Find("/new", 1)->whole);
  const auto evicted = cache.Find("/p1", 1);
  EXPECT_FALSE(evicted && evicted->whole);
}

TEST(ResponseCache, BodiesStayWithinTheByteBudget) {
  ResponseCache cache;
  const std::string big(ResponseCache::kMaxBytes / 20, 'b');
  for (int i = 0; i < 100; ++i) {
    const std::string key = "/big" + std::to_string(i);
    cache.Put(key, Answer(1, big));
    cache.Put(key, Answer(1, big));
    ASSERT_LE(cache.bytes(), ResponseCache::kMaxBytes);
  }
  EXPECT_GE(cache.entries(), 15U);
  EXPECT_TRUE(cache.Find("/big99", 1)->whole);
  // An answer of more than a tenth of the budget is only noted, never kept whole.
  const std::string huge(ResponseCache::kMaxBytes / 5, 'h');
  cache.Put("/huge", Answer(1, huge));
  cache.Put("/huge", Answer(1, huge));
  EXPECT_FALSE(cache.Find("/huge", 1)->whole);
  // Nor is a key past kMaxKeyBytes.
  const std::string long_key(ResponseCache::kMaxKeyBytes + 1, 'k');
  cache.Put(long_key, Answer(1, "x"));
  EXPECT_FALSE(cache.Find(long_key, 1));
}

TEST(ResponseCache, AFloodOfOneOffUrlsDoesNotPushOutWhatPeopleRead) {
  ResponseCache cache;
  for (int i = 0; i < 100; ++i) {
    const std::string key = "/country/KEN?page=" + std::to_string(i);
    cache.Put(key, Answer(1, "page"));
    cache.Put(key, Answer(1, "page"));
  }
  for (int i = 0; i < 200000; ++i) {
    cache.Put("/?x=" + std::to_string(i), Answer(1, std::string(1000, 'z')));
  }
  EXPECT_EQ(cache.entries(), 100U);
  for (int i = 0; i < 100; ++i) {
    auto hit = cache.Find("/country/KEN?page=" + std::to_string(i), 1);
    ASSERT_TRUE(hit && hit->whole) << i;
  }
  // The notes of first sightings are bounded too: the earliest are forgotten.
  EXPECT_FALSE(cache.Find("/?x=0", 1));
  EXPECT_TRUE(cache.Find("/?x=199999", 1));
}

}  // namespace
}  // namespace inspire::web
