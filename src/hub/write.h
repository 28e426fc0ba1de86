// The hub's unit of work: every change to the hub's records runs through hub::Write, in one
// transaction the hub opens and ends, so that a failure changes nothing and a dry run shows
// what a write would do without keeping it (DESIGN invariants 3 and 4). Callers outside
// src/hub and src/store never begin, commit or roll back a transaction themselves.
#ifndef INSPIRE_HUB_WRITE_H_
#define INSPIRE_HUB_WRITE_H_

#include <functional>

#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

// Whether a write is kept.
enum class WriteMode {
  kCommit,  // committed when the work succeeds
  kDryRun,  // run to the end, then rolled back whatever the outcome
};

// Runs `work` on `db` in one write transaction (taken at once, so two writers never deadlock
// half-way): committed when `mode` is kCommit and the work succeeds, rolled back otherwise.
// Returns the work's result, or the error of beginning or committing. A dry run's result is the
// work's, as if it had been kept.
template <typename T>
core::Result<T> Write(store::Connection& db, WriteMode mode,
                      const std::function<core::Result<T>(store::Connection&)>& work) {
  if (mode == WriteMode::kCommit) return store::InTransaction<T>(db, work);
  INSPIRE_RETURN_IF_ERROR(db.BeginWrite());
  core::Result<T> outcome = work(db);
  INSPIRE_RETURN_IF_ERROR(db.Rollback());
  return outcome;
}

// Write with WriteMode::kCommit.
template <typename T>
core::Result<T> Write(store::Connection& db,
                      const std::function<core::Result<T>(store::Connection&)>& work) {
  return Write<T>(db, WriteMode::kCommit, work);
}

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_WRITE_H_
