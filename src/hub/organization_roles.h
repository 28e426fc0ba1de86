// The history of each organisation's working-group role: since when, until when, and the
// membership application that gave it (if one did). Kept by the hub whenever an organisation is
// created with a role or its role changes.
#ifndef INSPIRE_HUB_ORGANIZATION_ROLES_H_
#define INSPIRE_HUB_ORGANIZATION_ROLES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

// Records that `organization` holds `role` from today: the open entry of another role is closed
// today and a new one opened; when the open entry already has this role, only its application is
// filled in (if given and not yet set). Part of the caller's transaction.
core::Result<void> NoteRole(store::Connection& db, int64_t organization, const std::string& role,
                            std::optional<int64_t> application = std::nullopt);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ORGANIZATION_ROLES_H_
