// The one parallel loop of the program (survey estimation, CSV parsing): a fixed set of threads,
// the calling one among them, each taking the next index when it finishes the last, so that work
// of uneven size spreads itself.
#ifndef INSPIRE_CORE_PARALLEL_H_
#define INSPIRE_CORE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace inspire::core {

// Runs body(worker, i) once for every i in [0, count) on min(threads, count) threads (at least
// one: the caller's), and returns when every call has. `worker` in [0, threads) names the thread
// that runs the call, for per-thread state. Calls for different i run concurrently; `body` must
// not throw.
void ParallelFor(size_t count, size_t threads,
                 const std::function<void(size_t worker, size_t i)>& body);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_PARALLEL_H_
