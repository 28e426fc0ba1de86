#include "hub/actor.h"

#include <fmt/format.h>

namespace inspire::hub {

namespace {
constexpr std::pair<Role, std::string_view> kRoles[] = {
    {Role::kAdmin, "admin"},          {Role::kSecretariat, "secretariat"},
    {Role::kOrgEditor, "org_editor"}, {Role::kCountryFocalPoint, "country_focal_point"},
    {Role::kViewer, "viewer"},
};
}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, role_name] : kRoles) {
    if (role_name == name) return r;
  }
  return std::nullopt;
}

std::vector<std::string> RoleNames() {
  std::vector<std::string> names;
  for (const auto& [r, name] : kRoles) names.emplace_back(name);
  return names;
}

tl::unexpected<core::Error> Deny(const Actor& actor, std::string_view what) {
  if (!actor.signed_in()) {
    return core::Fail(core::ErrorCode::kUnauthenticated, fmt::format("sign in to {}", what));
  }
  return core::Fail(core::ErrorCode::kForbidden,
                    fmt::format("a user with the role {} may not {}", RoleName(actor.role), what));
}

}  // namespace inspire::hub
