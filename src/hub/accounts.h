// Users, passwords (Argon2id, libsodium), browser sessions with a CSRF token, API tokens for
// scripts, and sign-in rate limits. Tokens are random and only their SHA-256 is stored, so a
// copy of the database does not sign anyone in. Rate limits live in the database, so several
// servers on one PostgreSQL share them.
#ifndef INSPIRE_HUB_ACCOUNTS_H_
#define INSPIRE_HUB_ACCOUNTS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/secrets.h"
#include "hub/sign_in_throttle.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// A fresh random password that the password policy accepts for `email`: four groups of five
// lowercase letters and digits joined by '-' (about 100 bits), drawn again in the rare case the
// dictionary check refuses one. For accounts made by the program (the demo admin).
std::string RandomPassword(const std::string& email);

struct NewUser {
  std::string email;
  std::string password;
  std::string role;                     // RoleName()
  std::optional<int64_t> organization;  // required for org_editor
  std::string country_iso3;             // required for country_focal_point
};

// Admin only (or Actor::System()). Errors name the field: email (form, taken: kConflict),
// password (hub/password_policy.h), role, organization, country (checked against the
// catalogue's country list and stored as ISO3).
core::Result<Json> CreateUser(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, const NewUser& user);
core::Result<Json> ListUsers(store::Connection& db, const Actor& actor);
core::Result<Json> GetUser(store::Connection& db, const Actor& actor, int64_t id);
// Admin only. kConflict if `id` is the last enabled admin.
core::Result<void> DeleteUser(store::Connection& db, const Actor& actor, int64_t id);

// Admin only. `fields` may set role, organization_id, country (as the role needs them) and
// disabled (a disabled user cannot sign in, its sessions end and its API tokens stop working).
// kConflict if the last enabled admin would lose the role or be disabled. Returns the user.
core::Result<Json> UpdateUser(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, int64_t id, const Json& fields);

// The signed-in user's own password: `next` must pass hub/password_policy.h (field password),
// `current` must be right (else kValidation on current_password). The check of `current` counts
// as a sign-in attempt from `address` (hub/sign_in_throttle.h), so a stolen session cannot be
// used to guess the password faster than the sign-in form allows (kRateLimited with
// Retry-After). Ends every session of the user, the current one included; API tokens stay.
// Must run outside a transaction: it records the attempt first, then writes in its own.
core::Result<void> ChangeOwnPassword(store::Connection& db, const Actor& actor,
                                     const std::string& current, const std::string& next,
                                     const std::string& address);

// Admin only: sets user `id`'s password (policy checked) and ends its sessions.
core::Result<void> ResetPassword(store::Connection& db, const Actor& actor, int64_t id,
                                 const std::string& next);

inline constexpr int kSessionSeconds = 12 * 60 * 60;

struct Session {
  std::string token;  // the cookie value
  std::string csrf;   // sent back by forms and scripts in X-CSRF-Token
  Json user;
};

// Checks the password; on success opens a session. Errors: kUnauthenticated (wrong email or
// password, or a disabled account: one message for all, and the same Argon2 work whether or not
// the email is known), kRateLimited with retry_after_seconds (hub/sign_in_throttle.h).
// Runs outside a transaction (the attempt must be seen by others at once).
core::Result<Session> SignIn(store::Connection& db, const std::string& email,
                             const std::string& password, const std::string& address);
core::Result<void> SignOut(store::Connection& db, const std::string& token);

// The actor of a session token (and its CSRF token), or kUnauthenticated if unknown or expired.
core::Result<std::pair<Actor, std::string>> ActorFromSession(store::Connection& db,
                                                             const std::string& token);

inline constexpr int kApiTokenDays = 90;      // default lifetime of an API token
inline constexpr int kMaxApiTokenDays = 730;  // longest lifetime one may ask for

// A new API token for the user with `email` (the command line's `inspire user token`), valid
// for `days` (1 to kMaxApiTokenDays, else kValidation on "days"), with a label saying what it is
// for. Only its SHA-256 is stored: the token itself is shown this once.
core::Result<std::string> CreateApiToken(store::Connection& db, const std::string& email,
                                         int days = kApiTokenDays, const std::string& label = "");
// The actor of an API token, or kUnauthenticated if unknown, expired or its user disabled.
core::Result<Actor> ActorFromApiToken(store::Connection& db, const std::string& token);

// The API tokens of user `user_id` (the user itself, or an admin): {items: [{id, label,
// created_at, expires_at, expired}]}, where id is the first 16 hex digits of the token's SHA-256
// (it names the token, and cannot be used as one).
core::Result<Json> ListApiTokens(store::Connection& db, const Actor& actor, int64_t user_id);
// Revokes the token `token_id` (an id of ListApiTokens) of user `user_id` (the user itself, or an
// admin). kNotFound if the user has no such token.
core::Result<void> RevokeApiToken(store::Connection& db, const Actor& actor, int64_t user_id,
                                  const std::string& token_id);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ACCOUNTS_H_
