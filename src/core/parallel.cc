#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace inspire::core {

void ParallelFor(size_t count, size_t threads,
                 const std::function<void(size_t worker, size_t i)>& body) {
  std::atomic<size_t> next{0};
  const auto run = [&](size_t worker) {
    for (size_t i = next++; i < count; i = next++) body(worker, i);
  };
  const size_t used = std::max<size_t>(1, std::min(threads, count));
  std::vector<std::thread> helpers;
  helpers.reserve(used - 1);
  for (size_t worker = 1; worker < used; ++worker) helpers.emplace_back(run, worker);
  run(0);
  for (auto& helper : helpers) helper.join();
}

}  // namespace inspire::core
