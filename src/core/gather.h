// Gathering a vector's elements in a given order, for rows that move together.
#ifndef INSPIRE_CORE_GATHER_H_
#define INSPIRE_CORE_GATHER_H_

#include <cstdint>
#include <vector>

namespace inspire::core {

// values[order[0]], values[order[1]], ...: each index of `order` must be below values.size().
// The reads jump about `values`, so each is asked for a few dozen elements ahead, which lets the
// memory's latency overlap instead of adding up; the result is filled without zeroing first.
template <typename T>
std::vector<T> Gather(const std::vector<T>& values, const std::vector<uint32_t>& order) {
  constexpr size_t kAhead = 32;
  const size_t n = order.size();
  std::vector<T> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(&values[order[i + kAhead]]);
    out.push_back(values[order[i]]);
  }
  return out;
}

}  // namespace inspire::core

#endif  // INSPIRE_CORE_GATHER_H_
