#include "web/response_cache.h"

#include <utility>

namespace inspire::web {
namespace {

size_t Cost(const std::string& key, const ResponseCache::Entry& entry) {
  return key.size() + entry.body.size() + entry.etag.size() + entry.content_type.size();
}

}  // namespace

void ResponseCache::Touch(Tier& tier, Slot& slot) {
  tier.recency.splice(tier.recency.begin(), tier.recency, slot.order);
}

void ResponseCache::Erase(Tier& tier, const std::string& key) {
  const auto it = tier.slots.find(key);
  if (it == tier.slots.end()) return;
  tier.bytes -= Cost(key, it->second.entry);
  tier.recency.erase(it->second.order);
  tier.slots.erase(it);
}

void ResponseCache::Insert(Tier& tier, const std::string& key, Entry entry) {
  Erase(tier, key);
  tier.bytes += Cost(key, entry);
  tier.recency.push_front(key);
  tier.slots.emplace(key, Slot{std::move(entry), tier.recency.begin()});
}

void ResponseCache::EvictWhole() {
  while (!whole_.recency.empty() &&
         (whole_.slots.size() > kMaxEntries || whole_.bytes > kMaxBytes)) {
    const std::string oldest = whole_.recency.back();
    Erase(whole_, oldest);
  }
}

std::optional<ResponseCache::Entry> ResponseCache::Find(const std::string& key, int64_t version) {
  const std::lock_guard lock(mutex_);
  for (Tier* tier : {&whole_, &noted_}) {
    const auto it = tier->slots.find(key);
    if (it == tier->slots.end() || it->second.entry.version != version) continue;
    Touch(*tier, it->second);
    return it->second.entry;
  }
  return std::nullopt;
}

void ResponseCache::Put(const std::string& key, Entry entry) {
  if (key.size() > kMaxKeyBytes) return;
  const std::lock_guard lock(mutex_);
  const bool seen = whole_.slots.contains(key) || noted_.slots.contains(key);
  if (seen && entry.body.size() <= kMaxBytes / 10) {
    Erase(noted_, key);
    entry.whole = true;
    Insert(whole_, key, std::move(entry));
    EvictWhole();
    return;
  }
  Erase(whole_, key);
  entry.body.clear();
  entry.whole = false;
  Insert(noted_, key, std::move(entry));
  while (noted_.slots.size() > kMaxNoted) {
    const std::string oldest = noted_.recency.back();
    Erase(noted_, oldest);
  }
}

void ResponseCache::Clear() {
  const std::lock_guard lock(mutex_);
  whole_ = {};
  noted_ = {};
}

size_t ResponseCache::entries() const {
  const std::lock_guard lock(mutex_);
  return whole_.slots.size();
}

size_t ResponseCache::bytes() const {
  const std::lock_guard lock(mutex_);
  return whole_.bytes;
}

}  // namespace inspire::web
