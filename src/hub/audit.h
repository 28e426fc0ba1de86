// The audit trail: every write records who, when, what, and the record before and after, in the
// same transaction as the write (DESIGN.md invariant 3).
#ifndef INSPIRE_HUB_AUDIT_H_
#define INSPIRE_HUB_AUDIT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// `before`/`after`: the record as JSON, or null for a creation/deletion.
core::Result<void> RecordAudit(store::Connection& db, const Actor& actor, std::string_view action,
                               std::string_view entity, std::string_view entity_id,
                               const Json& before, const Json& after);

// A number that every write increases (RecordAudit moves it on in the write's transaction): an
// answer computed at one version is still right while the version is the same.
core::Result<int64_t> DataVersion(store::Connection& db);

struct AuditQuery {
  std::string entity;     // empty: all
  std::string entity_id;  // empty: all
  int64_t limit = 100;
  int64_t offset = 0;
};

// Newest first. Admin and secretariat only.
core::Result<Json> ListAudit(store::Connection& db, const Actor& actor, const AuditQuery& query);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_AUDIT_H_
