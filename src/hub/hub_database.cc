#include "hub/hub_database.h"

namespace inspire::hub {

core::Result<std::unique_ptr<store::Connection>> OpenHub(const std::string& location) {
  INSPIRE_ASSIGN_OR_RETURN(auto connection, store::Open(location));
  INSPIRE_RETURN_IF_ERROR(store::Migrate(*connection));
  return connection;
}

core::Result<std::unique_ptr<ConnectionPool>> OpenHubPool(const std::string& location,
                                                          size_t size) {
  return store::Pool::Open(location, size);
}

core::Result<std::unique_ptr<store::Connection>> DataVersionListener(const std::string& location) {
  INSPIRE_ASSIGN_OR_RETURN(auto connection, store::Open(location));
  if (connection->engine() != store::Engine::kPostgres) {
    return core::Fail(core::ErrorCode::kUnsupported,
                      "only PostgreSQL tells other processes that the data changed");
  }
  INSPIRE_RETURN_IF_ERROR(
      connection->ExecuteScript(std::string("LISTEN ") + store::kDataVersionChannel));
  return connection;
}

core::Result<void> DatabaseAnswers(store::Connection& db) {
  INSPIRE_RETURN_IF_ERROR(db.Query("SELECT 1", {}));
  return {};
}

core::Result<bool> HubIsEmpty(store::Connection& db) {
  INSPIRE_ASSIGN_OR_RETURN(const auto existing,
                           db.Query("SELECT (SELECT COUNT(*) FROM organizations) + (SELECT "
                                    "COUNT(*) FROM estimate_sets) + (SELECT COUNT(*) FROM users)",
                                    {}));
  return existing.rows.at(0).Int(0) == 0;
}

}  // namespace inspire::hub
