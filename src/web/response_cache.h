// Answers to public GET requests, kept so that a repeated request costs one small query (or
// none) instead of its work. Each answer carries the data version it was made at
// (hub::DataVersion); any write, by any server process, makes every older answer stale.
//
// Bounded against hostile clients: at most kMaxEntries answers and kMaxBytes of bodies, the
// least recently used leaving first. An answer is kept whole only from the second time its key
// is asked for (the first time only its version and ETag are noted, in a bounded list of their
// own), so a flood of one-off URLs (`?x=1`, `?x=2`, ...) cannot push out the pages people read;
// keys longer than kMaxKeyBytes are never kept.
#ifndef INSPIRE_WEB_RESPONSE_CACHE_H_
#define INSPIRE_WEB_RESPONSE_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace inspire::web {

class ResponseCache {
 public:
  static constexpr size_t kMaxEntries = 2000;
  static constexpr size_t kMaxBytes = size_t{64} << 20;
  static constexpr size_t kMaxNoted = 20000;
  static constexpr size_t kMaxKeyBytes = 2048;

  struct Entry {
    int64_t version = -1;
    int status = 200;
    std::string body;
    std::string etag;
    std::string content_type = "application/json; charset=utf-8";
    bool whole = true;  // false: only version, status and ETag are known (first sight)
  };

  // The answer kept for `key` at `version`: whole, or (seen once) with `whole` false and no
  // body, which is enough to answer a matching If-None-Match with 304. nullopt otherwise.
  std::optional<Entry> Find(const std::string& key, int64_t version);

  // Keeps `entry` under `key`: whole if the key was seen before, else notes its version and
  // ETag. Evicts the least recently used to stay within the bounds. A body larger than a tenth
  // of kMaxBytes is only noted.
  void Put(const std::string& key, Entry entry);

  // Forgets everything (the data may have changed unseen, e.g. while the listener was away).
  void Clear();

  // What is kept now, for tests and the log.
  size_t entries() const;
  size_t bytes() const;

 private:
  struct Slot {
    Entry entry;
    std::list<std::string>::iterator order;  // position in the recency list of its tier
  };
  struct Tier {
    std::unordered_map<std::string, Slot> slots;
    std::list<std::string> recency;  // most recent first
    size_t bytes = 0;                // keys, bodies and headers kept
  };
  static void Touch(Tier& tier, Slot& slot);
  static void Erase(Tier& tier, const std::string& key);
  static void Insert(Tier& tier, const std::string& key, Entry entry);
  void EvictWhole();

  mutable std::mutex mutex_;
  Tier whole_;
  Tier noted_;
};

}  // namespace inspire::web

#endif  // INSPIRE_WEB_RESPONSE_CACHE_H_
