// Users, passwords (Argon2id, libsodium), browser sessions with a CSRF token, API tokens for
// scripts, and sign-in rate limits. Tokens are random and only their SHA-256 is stored, so a
// copy of the database does not sign anyone in. Rate limits live in the database, so several
// servers on one PostgreSQL share them.
#ifndef INSPIRE_HUB_ACCOUNTS_H_
#define INSPIRE_HUB_ACCOUNTS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// `bytes` random bytes from libsodium as lowercase hex.
std::string RandomHex(size_t bytes);

struct NewUser {
  std::string email;
  std::string password;
  std::string role;                     // RoleName()
  std::optional<int64_t> organization;  // required for org_editor
  std::string country_iso3;             // required for country_focal_point
};

// Admin only (or Actor::System()). Errors name the field: email (form, taken: kConflict),
// password (at least 10 characters), role, organization, country.
core::Result<Json> CreateUser(store::Connection& db, const Actor& actor, const NewUser& user);
core::Result<Json> ListUsers(store::Connection& db, const Actor& actor);
core::Result<Json> GetUser(store::Connection& db, const Actor& actor, int64_t id);
core::Result<void> DeleteUser(store::Connection& db, const Actor& actor, int64_t id);

// Failed sign-ins allowed per account and per address within kAttemptWindowSeconds.
inline constexpr int kMaxFailedSignIns = 10;
inline constexpr int kAttemptWindowSeconds = 15 * 60;
inline constexpr int kSessionSeconds = 12 * 60 * 60;

struct Session {
  std::string token;  // the cookie value
  std::string csrf;   // sent back by forms and scripts in X-CSRF-Token
  Json user;
};

// Checks the password; on success opens a session. Errors: kUnauthenticated (wrong email or
// password, one message for both), kRateLimited (too many failures for the account or address).
core::Result<Session> SignIn(store::Connection& db, const std::string& email,
                             const std::string& password, const std::string& address);
core::Result<void> SignOut(store::Connection& db, const std::string& token);

// The actor of a session token (and its CSRF token), or kUnauthenticated if unknown or expired.
core::Result<std::pair<Actor, std::string>> ActorFromSession(store::Connection& db,
                                                             const std::string& token);

// A new API token for the user with `email` (the command line's `inspire user token`).
core::Result<std::string> CreateApiToken(store::Connection& db, const std::string& email);
core::Result<Actor> ActorFromApiToken(store::Connection& db, const std::string& token);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_ACCOUNTS_H_
