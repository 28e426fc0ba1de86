// Who is acting: a signed-in user with a role, or an anonymous visitor. Every authorisation
// decision is made in the hub layer from an Actor (DESIGN.md invariant 5).
#ifndef INSPIRE_HUB_ACTOR_H_
#define INSPIRE_HUB_ACTOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace inspire::hub {

enum class Role { kAdmin, kSecretariat, kOrgEditor, kCountryFocalPoint, kViewer };

// The role as stored and sent ("admin", "org_editor", ...), and back (nullopt if unknown); every
// role's name, in order.
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
std::vector<std::string> RoleNames();

struct Actor {
  std::optional<int64_t> user_id;  // empty: anonymous
  std::string email;
  Role role = Role::kViewer;
  std::optional<int64_t> organization_id;  // org_editor: the organisation it may write
  std::string country_iso3;                // country_focal_point: the country it may write
  // The command line acting on the database directly (bootstrap: `inspire user add`).
  bool system = false;

  bool signed_in() const { return user_id.has_value() || system; }
  bool IsStaff() const {  // may write every record
    return system || (user_id && (role == Role::kAdmin || role == Role::kSecretariat));
  }
  static Actor Anonymous() { return Actor{}; }
  static Actor System() {
    Actor actor;
    actor.system = true;
    actor.email = "command line";
    actor.role = Role::kAdmin;
    return actor;
  }
};

// kUnauthenticated for an anonymous actor, else kForbidden, with `what` in the message.
tl::unexpected<core::Error> Deny(const Actor& actor, std::string_view what);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ACTOR_H_
