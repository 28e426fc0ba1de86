#include "hub/accounts.h"

#include <fmt/format.h>
#include <sodium.h>

#include <mutex>

#include "core/sha256.h"
#include "hub/audit.h"

namespace inspire::hub {
namespace {

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable random source: nothing can be secure
  });
}

using core::ErrorCode;
using core::Fail;
using core::FailField;

bool ValidEmail(const std::string& email) {
  const auto at = email.find('@');
  if (email.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= email.size()) {
    return false;
  }
  for (const char c : email) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '<' || c == '>') return false;
  }
  return email.find('.', at) != std::string::npos && email.find('@', at + 1) == std::string::npos;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

constexpr const char* kUserColumns =
    "id, email, role, organization_id, country_iso3, disabled, created_at";

Json UserJson(const store::Row& row) {
  return Json{{"id", row.Int(0)},
              {"email", row.Text(1)},
              {"role", row.Text(2)},
              {"organization_id", row.IsNull(3) ? Json() : Json(row.Int(3))},
              {"country", row.IsNull(4) ? Json() : Json(row.Text(4))},
              {"disabled", row.Int(5) != 0},
              {"created_at", row.Text(6)}};
}

core::Result<Actor> ActorFromUserRow(const store::Row& row) {
  Actor actor;
  actor.user_id = row.Int(0);
  actor.email = row.Text(1);
  actor.role = ParseRole(row.Text(2)).value_or(Role::kViewer);
  if (!row.IsNull(3)) actor.organization_id = row.Int(3);
  actor.country_iso3 = row.Text(4);
  if (row.Int(5) != 0) return Fail(ErrorCode::kUnauthenticated, "this account is disabled");
  return actor;
}

core::Result<int64_t> FailedAttempts(store::Connection& db, const std::string& key) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto result,
      db.Query("SELECT COUNT(*) FROM login_attempts WHERE attempt_key = ? AND at > ?",
               {key, store::UtcFromNow(-kAttemptWindowSeconds)}));
  return result.rows.at(0).Int(0);
}

}  // namespace

std::string RandomHex(size_t bytes) {
  InitSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

core::Result<Json> CreateUser(store::Connection& db, const Actor& actor, const NewUser& user) {
  if (!(actor.system || (actor.user_id && actor.role == Role::kAdmin))) {
    return Deny(actor, "create users");
  }
  const std::string email = Lower(user.email);
  if (!ValidEmail(email)) {
    return FailField(ErrorCode::kValidation, "email",
                     fmt::format("'{}' is not an email address", user.email));
  }
  if (user.password.size() < 10 || user.password.size() > 1024) {
    return FailField(ErrorCode::kValidation, "password",
                     "the password must have 10 to 1024 characters");
  }
  const auto role = ParseRole(user.role);
  if (!role) {
    return FailField(ErrorCode::kValidation, "role",
                     fmt::format("unknown role '{}'; expected one of: {}", user.role,
                                 fmt::join(RoleNames(), ", ")));
  }
  if (*role == Role::kOrgEditor && !user.organization) {
    return FailField(ErrorCode::kValidation, "organization",
                     "an org_editor needs the organisation it edits");
  }
  if (*role == Role::kCountryFocalPoint && user.country_iso3.size() != 3) {
    return FailField(ErrorCode::kValidation, "country",
                     "a country_focal_point needs its country's ISO3 code");
  }
  InitSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, user.password.data(), user.password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Fail(ErrorCode::kInternal, "password hashing ran out of memory");
  }
  const store::Value organization =
      user.organization ? store::Value(*user.organization) : store::kNull;
  const store::Value country =
      user.country_iso3.empty() ? store::kNull : store::Value(user.country_iso3);
  auto inserted = db.Query(fmt::format("INSERT INTO users (email, password_hash, role, "
                                       "organization_id, country_iso3, created_at) VALUES (?, ?, "
                                       "?, ?, ?, ?) RETURNING {}",
                                       kUserColumns),
                           {email, std::string(hash), std::string(RoleName(*role)), organization,
                            country, store::NowUtc()});
  if (!inserted) {
    core::Error error = inserted.error();
    if (error.code == ErrorCode::kConflict) {
      return FailField(ErrorCode::kConflict, "email",
                       fmt::format("a user with the email {} exists already", email));
    }
    if (error.code == ErrorCode::kValidation) {
      return FailField(ErrorCode::kValidation, "organization", "no organisation has that id");
    }
    return tl::unexpected(error);
  }
  Json created = UserJson(inserted->rows.at(0));
  INSPIRE_RETURN_IF_ERROR(RecordAudit(
      db, actor, "create", "user", std::to_string(created["id"].get<int64_t>()), Json(), created));
  return created;
}

core::Result<Json> ListUsers(store::Connection& db, const Actor& actor) {
  if (!(actor.system || (actor.user_id && actor.role == Role::kAdmin))) {
    return Deny(actor, "list users");
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto result,
                           db.Query(fmt::format("SELECT {} FROM users ORDER BY id", kUserColumns)));
  Json items = Json::array();
  for (const auto& row : result.rows) items.push_back(UserJson(row));
  return Json{{"items", items}, {"total", items.size()}};
}

core::Result<Json> GetUser(store::Connection& db, const Actor& actor, int64_t id) {
  const bool self = actor.user_id && *actor.user_id == id;
  if (!(self || actor.system || (actor.user_id && actor.role == Role::kAdmin))) {
    return Deny(actor, "read other users");
  }
  INSPIRE_ASSIGN_OR_RETURN(
      const auto result,
      db.Query(fmt::format("SELECT {} FROM users WHERE id = ?", kUserColumns), {id}));
  if (result.rows.empty()) return Fail(ErrorCode::kNotFound, fmt::format("no user {}", id));
  return UserJson(result.rows[0]);
}

core::Result<void> DeleteUser(store::Connection& db, const Actor& actor, int64_t id) {
  if (!(actor.system || (actor.user_id && actor.role == Role::kAdmin))) {
    return Deny(actor, "delete users");
  }
  INSPIRE_ASSIGN_OR_RETURN(const Json before, GetUser(db, actor, id));
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM users WHERE id = ?", {id}));
  return RecordAudit(db, actor, "delete", "user", std::to_string(id), before, Json());
}

core::Result<Session> SignIn(store::Connection& db, const std::string& email_given,
                             const std::string& password, const std::string& address) {
  const std::string email = Lower(email_given);
  const std::string account_key = "email:" + email;
  const std::string address_key = "address:" + address;
  INSPIRE_ASSIGN_OR_RETURN(const int64_t account_failures, FailedAttempts(db, account_key));
  INSPIRE_ASSIGN_OR_RETURN(const int64_t address_failures, FailedAttempts(db, address_key));
  if (account_failures >= kMaxFailedSignIns || address_failures >= kMaxFailedSignIns) {
    return Fail(ErrorCode::kRateLimited,
                fmt::format("too many failed sign-ins; try again in {} minutes",
                            kAttemptWindowSeconds / 60));
  }
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {}, password_hash FROM users WHERE email = ?", kUserColumns),
               {email}));
  InitSodium();
  bool ok = false;
  if (!found.rows.empty()) {
    const std::string hash = found.rows[0].Text(7);
    ok = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  }
  if (!ok || found.rows[0].Int(5) != 0) {
    const std::string now = store::NowUtc();
    INSPIRE_RETURN_IF_ERROR(
        db.Query("INSERT INTO login_attempts (attempt_key, at) VALUES (?, ?), (?, ?)",
                 {account_key, now, address_key, now}));
    return Fail(ErrorCode::kUnauthenticated, "wrong email or password");
  }
  Session session;
  session.token = RandomHex(32);
  session.csrf = RandomHex(16);
  session.user = UserJson(found.rows[0]);
  INSPIRE_RETURN_IF_ERROR(
      db.Query("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
               "VALUES (?, ?, ?, ?, ?)",
               {core::Sha256Hex(session.token), found.rows[0].Int(0), session.csrf, store::NowUtc(),
                store::UtcFromNow(kSessionSeconds)}));
  return session;
}

core::Result<void> SignOut(store::Connection& db, const std::string& token) {
  INSPIRE_RETURN_IF_ERROR(
      db.Query("DELETE FROM sessions WHERE token_hash = ?", {core::Sha256Hex(token)}));
  return {};
}

core::Result<std::pair<Actor, std::string>> ActorFromSession(store::Connection& db,
                                                             const std::string& token) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT u.id, u.email, u.role, u.organization_id, u.country_iso3, u.disabled, "
               "s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash "
               "= ? AND s.expires_at > ?",
               {core::Sha256Hex(token), store::NowUtc()}));
  if (found.rows.empty()) {
    return Fail(ErrorCode::kUnauthenticated, "the session has ended; sign in again");
  }
  INSPIRE_ASSIGN_OR_RETURN(Actor actor, ActorFromUserRow(found.rows[0]));
  return std::pair{std::move(actor), found.rows[0].Text(6)};
}

core::Result<std::string> CreateApiToken(store::Connection& db, const std::string& email) {
  INSPIRE_ASSIGN_OR_RETURN(const auto found,
                           db.Query("SELECT id FROM users WHERE email = ?", {Lower(email)}));
  if (found.rows.empty()) {
    return FailField(ErrorCode::kNotFound, "email",
                     fmt::format("no user with the email {}", email));
  }
  const std::string token = RandomHex(32);
  INSPIRE_RETURN_IF_ERROR(
      db.Query("INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)",
               {core::Sha256Hex(token), found.rows[0].Int(0), store::NowUtc()}));
  INSPIRE_RETURN_IF_ERROR(RecordAudit(db, Actor::System(), "create", "api_token",
                                      std::to_string(found.rows[0].Int(0)), Json(),
                                      Json{{"user", Lower(email)}}));
  return token;
}

core::Result<Actor> ActorFromApiToken(store::Connection& db, const std::string& token) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT u.id, u.email, u.role, u.organization_id, u.country_iso3, u.disabled FROM "
               "api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?",
               {core::Sha256Hex(token)}));
  if (found.rows.empty()) return Fail(ErrorCode::kUnauthenticated, "unknown API token");
  return ActorFromUserRow(found.rows[0]);
}

}  // namespace inspire::hub
