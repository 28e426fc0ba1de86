// Reaching the hub's database: what the server and every command do before anything else, so
// that no caller outside src/hub and src/store opens, migrates or listens to a database itself
// (the command line's `db` commands excepted).
#ifndef INSPIRE_HUB_HUB_DATABASE_H_
#define INSPIRE_HUB_HUB_DATABASE_H_

#include <cstddef>
#include <memory>
#include <string>

#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

// Opens the database at `location` (a file path for SQLite, or a postgresql:// URL) and brings
// its schema up to date. Errors: the store's (a bad location, a database from a newer build).
core::Result<std::unique_ptr<store::Connection>> OpenHub(const std::string& location);

// The server's connections to the hub's database, shared by its threads (thread-safe; see
// store::Pool), and one of them, returned to the pool when destroyed.
using ConnectionPool = store::Pool;
using PooledConnection = store::Pool::Lease;

// `size` connections to the database at `location`, for the server's threads (the schema is
// expected up to date: OpenHub first).
core::Result<std::unique_ptr<ConnectionPool>> OpenHubPool(const std::string& location, size_t size);

// A connection to the PostgreSQL database at `location` that listens for the data version's
// notifications (store::kDataVersionChannel): WaitForNotification on it wakes when another
// process writes. Errors: the store's; kUnsupported for SQLite.
core::Result<std::unique_ptr<store::Connection>> DataVersionListener(const std::string& location);

// Whether the database answers a trivial query now (the server's health check): kUnavailable or
// the store's error when it does not.
core::Result<void> DatabaseAnswers(store::Connection& db);

// True when the hub holds no organisation, published estimate or user yet (a fresh database,
// which `--demo` fills).
core::Result<bool> HubIsEmpty(store::Connection& db);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_HUB_DATABASE_H_
