#include "hub/accounts.h"

#include <fmt/format.h>

#include <string_view>

#include "core/ascii_case.h"
#include "core/sha256.h"
#include "hub/audit.h"
#include "hub/fields.h"
#include "hub/password_policy.h"
#include "hub/secrets.h"

namespace inspire::hub {
namespace {

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

struct CheckedRole {
  Role role;
  std::string country_iso3;  // as the country list spells it, or empty
};

// The role named `name`, if the organisation and country it needs are given; a country given
// must be in the country list (ISO3 or ISO2, any case) and comes back as its ISO3 code.
core::Result<CheckedRole> CheckRole(const catalogue::Catalogue& catalogue, const std::string& name,
                                    std::optional<int64_t> organization,
                                    const std::string& country) {
  const auto role = ParseRole(name);
  if (!role) {
    return FailField(
        ErrorCode::kValidation, "role",
        fmt::format("unknown role '{}'; expected one of: {}", name, fmt::join(RoleNames(), ", ")));
  }
  if (*role == Role::kOrgEditor && !organization) {
    return FailField(ErrorCode::kValidation, "organization",
                     "an org_editor needs the organisation it edits");
  }
  if (*role == Role::kCountryFocalPoint && country.empty()) {
    return FailField(ErrorCode::kValidation, "country",
                     "a country_focal_point needs its country's ISO3 code");
  }
  if (country.empty()) return CheckedRole{*role, ""};
  const catalogue::Country* found = catalogue.FindCountry(country);
  if (found == nullptr) {
    return FailField(ErrorCode::kValidation, "country",
                     fmt::format("'{}' is not a country code (ISO3, e.g. KEN)", country));
  }
  return CheckedRole{*role, found->iso3};
}

// The JSON types UpdateUser takes: role a string, organization_id an integer or null, country a
// string or null, disabled true or false.
core::Result<void> CheckUserFieldTypes(const Json& fields) {
  if (fields.contains("role") && !fields["role"].is_string()) {
    return FailField(ErrorCode::kValidation, "role", "role must be a string");
  }
  if (fields.contains("organization_id") && !fields["organization_id"].is_null() &&
      !fields["organization_id"].is_number_integer()) {
    return FailField(ErrorCode::kValidation, "organization_id",
                     "organization_id must be an organisation's id or null");
  }
  if (fields.contains("country") && !fields["country"].is_null() &&
      !fields["country"].is_string()) {
    return FailField(ErrorCode::kValidation, "country", "country must be an ISO3 code or null");
  }
  if (fields.contains("disabled") && !fields["disabled"].is_boolean()) {
    return FailField(ErrorCode::kValidation, "disabled", "disabled must be true or false");
  }
  return {};
}

bool IsAdmin(const Actor& actor) {
  return actor.system || (actor.user_id && actor.role == Role::kAdmin);
}

// Locks every admin's row, so that two admins demoting each other at once cannot both succeed
// (PostgreSQL's read committed would let both see the other still an admin), then checks that
// an enabled admin other than `id` remains. kConflict if `id` is the last one.
core::Result<void> KeepAnotherAdmin(store::Connection& db, int64_t id) {
  INSPIRE_RETURN_IF_ERROR(db.Query("UPDATE users SET disabled = disabled WHERE role = 'admin'"));
  INSPIRE_ASSIGN_OR_RETURN(
      const auto others,
      db.Query("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?",
               {id}));
  if (others.rows.at(0).Int(0) == 0) {
    return Fail(ErrorCode::kConflict,
                "this is the last enabled admin; make another user admin first");
  }
  return {};
}

bool EnabledAdmin(const Json& user) {
  return user["role"] == "admin" && !user["disabled"].get<bool>();
}

core::Result<void> EndSessions(store::Connection& db, int64_t user_id) {
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM sessions WHERE user_id = ?", {user_id}));
  return {};
}

// Sets the password hash of user `id` and ends its sessions.
core::Result<void> SetPassword(store::Connection& db, const Actor& actor, int64_t id,
                               const std::string& email, const std::string& password) {
  INSPIRE_RETURN_IF_ERROR(CheckNewPassword(password, email));
  INSPIRE_ASSIGN_OR_RETURN(const std::string hash, HashPassword(password));
  INSPIRE_RETURN_IF_ERROR(db.Query("UPDATE users SET password_hash = ? WHERE id = ?", {hash, id}));
  INSPIRE_RETURN_IF_ERROR(EndSessions(db, id));
  return RecordAudit(db, actor, "update", "user_password", std::to_string(id), Json(),
                     Json{{"email", email}});
}

}  // namespace

std::string RandomPassword(const std::string& email) {
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  std::string password;
  // Bounded: without cracklib's dictionary every draw is refused, and CreateUser says why.
  for (int attempt = 0; attempt < 100; ++attempt) {
    password.clear();
    for (int i = 0; i < 20; ++i) {
      if (i > 0 && i % 5 == 0) password += '-';
      password += kAlphabet[RandomBelow(static_cast<uint32_t>(kAlphabet.size()))];
    }
    if (CheckNewPassword(password, email).has_value()) break;
  }
  return password;
}

core::Result<Json> CreateUser(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, const NewUser& user) {
  if (!(actor.system || (actor.user_id && actor.role == Role::kAdmin))) {
    return Deny(actor, "create users");
  }
  const std::string email = core::AsciiLower(user.email);
  if (!ValidEmail(email)) {
    return FailField(ErrorCode::kValidation, "email",
                     fmt::format("'{}' is not an email address", user.email));
  }
  INSPIRE_RETURN_IF_ERROR(CheckNewPassword(user.password, email));
  INSPIRE_ASSIGN_OR_RETURN(const CheckedRole checked,
                           CheckRole(catalogue, user.role, user.organization, user.country_iso3));
  const Role role = checked.role;
  INSPIRE_ASSIGN_OR_RETURN(const std::string hash, HashPassword(user.password));
  const store::Value organization =
      user.organization ? store::Value(*user.organization) : store::kNull;
  const store::Value country =
      checked.country_iso3.empty() ? store::kNull : store::Value(checked.country_iso3);
  auto inserted =
      db.Query(fmt::format("INSERT INTO users (email, password_hash, role, "
                           "organization_id, country_iso3, created_at) VALUES (?, ?, "
                           "?, ?, ?, ?) RETURNING {}",
                           kUserColumns),
               {email, hash, std::string(RoleName(role)), organization, country, store::NowUtc()});
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
  if (!IsAdmin(actor)) return Deny(actor, "delete users");
  INSPIRE_ASSIGN_OR_RETURN(const Json before, GetUser(db, actor, id));
  if (EnabledAdmin(before)) INSPIRE_RETURN_IF_ERROR(KeepAnotherAdmin(db, id));
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM users WHERE id = ?", {id}));
  return RecordAudit(db, actor, "delete", "user", std::to_string(id), before, Json());
}

core::Result<Json> UpdateUser(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const Actor& actor, int64_t id, const Json& fields) {
  if (!IsAdmin(actor)) return Deny(actor, "change users");
  INSPIRE_RETURN_IF_ERROR(
      CheckKnownFields(fields, {"role", "organization_id", "country", "disabled"}));
  INSPIRE_RETURN_IF_ERROR(CheckUserFieldTypes(fields));
  INSPIRE_ASSIGN_OR_RETURN(const Json before, GetUser(db, actor, id));
  const std::string role_name = fields.contains("role") ? fields["role"] : before["role"];
  const Json& organization =
      fields.contains("organization_id") ? fields["organization_id"] : before["organization_id"];
  const Json& country = fields.contains("country") ? fields["country"] : before["country"];
  const bool disabled =
      fields.contains("disabled") ? fields["disabled"].get<bool>() : before["disabled"].get<bool>();
  const std::optional<int64_t> organization_id =
      organization.is_null() ? std::nullopt : std::optional(organization.get<int64_t>());
  INSPIRE_ASSIGN_OR_RETURN(
      const CheckedRole checked,
      CheckRole(catalogue, role_name, organization_id,
                country.is_null() ? std::string() : country.get<std::string>()));
  const Role role = checked.role;
  const std::string& country_iso3 = checked.country_iso3;
  if (EnabledAdmin(before) && (role != Role::kAdmin || disabled)) {
    INSPIRE_RETURN_IF_ERROR(KeepAnotherAdmin(db, id));
  }
  auto updated = db.Query(
      "UPDATE users SET role = ?, organization_id = ?, country_iso3 = ?, disabled = ? WHERE id = ?",
      {std::string(RoleName(role)), organization_id ? store::Value(*organization_id) : store::kNull,
       country_iso3.empty() ? store::kNull : store::Value(country_iso3), int64_t{disabled ? 1 : 0},
       id});
  if (!updated) {
    if (updated.error().code == ErrorCode::kValidation) {
      return FailField(ErrorCode::kValidation, "organization_id", "no organisation has that id");
    }
    return tl::unexpected(updated.error());
  }
  if (disabled) INSPIRE_RETURN_IF_ERROR(EndSessions(db, id));
  INSPIRE_ASSIGN_OR_RETURN(Json after, GetUser(db, actor, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "update", "user", std::to_string(id), before, after));
  return after;
}

core::Result<void> ChangeOwnPassword(store::Connection& db, const Actor& actor,
                                     const std::string& current, const std::string& next,
                                     const std::string& address) {
  if (!actor.user_id) return Fail(ErrorCode::kUnauthenticated, "sign in to change your password");
  INSPIRE_RETURN_IF_ERROR(CheckNewPassword(next, actor.email));
  INSPIRE_ASSIGN_OR_RETURN(const AttemptTicket ticket,
                           BeginSignInAttempt(db, core::AsciiLower(actor.email), address));
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found, db.Query("SELECT password_hash FROM users WHERE id = ?", {*actor.user_id}));
  const std::string hash = found.rows.empty() ? DummyHash() : found.rows[0].Text(0);
  const bool ok = VerifyPassword(hash, current) && !found.rows.empty();
  INSPIRE_RETURN_IF_ERROR(FinishSignInAttempt(db, ticket, ok));
  if (!ok) {
    return FailField(ErrorCode::kValidation, "current_password", "the current password is wrong");
  }
  return store::InTransaction<void>(db, [&](store::Connection& c) {
    return SetPassword(c, actor, *actor.user_id, actor.email, next);
  });
}

core::Result<void> ResetPassword(store::Connection& db, const Actor& actor, int64_t id,
                                 const std::string& next) {
  if (!IsAdmin(actor)) return Deny(actor, "set other users' passwords");
  INSPIRE_ASSIGN_OR_RETURN(const Json user, GetUser(db, actor, id));
  return SetPassword(db, actor, id, user["email"], next);
}

core::Result<Session> SignIn(store::Connection& db, const std::string& email_given,
                             const std::string& password, const std::string& address) {
  const std::string email = core::AsciiLower(email_given);
  INSPIRE_ASSIGN_OR_RETURN(const AttemptTicket ticket, BeginSignInAttempt(db, email, address));
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {}, password_hash FROM users WHERE email = ?", kUserColumns),
               {email}));
  // An unknown email costs the same Argon2 work as a wrong password: timing tells nothing.
  const std::string hash = found.rows.empty() ? DummyHash() : found.rows[0].Text(7);
  const bool verified = VerifyPassword(hash, password);
  const bool ok = verified && !found.rows.empty() && found.rows[0].Int(5) == 0;
  INSPIRE_RETURN_IF_ERROR(FinishSignInAttempt(db, ticket, ok));
  if (!ok) return Fail(ErrorCode::kUnauthenticated, "wrong email or password");
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

core::Result<std::string> CreateApiToken(store::Connection& db, const std::string& email, int days,
                                         const std::string& label) {
  if (days < 1 || days > kMaxApiTokenDays) {
    return FailField(ErrorCode::kValidation, "days",
                     fmt::format("a token lives 1 to {} days, not {}", kMaxApiTokenDays, days));
  }
  if (label.size() > 200) {
    return FailField(ErrorCode::kValidation, "label", "the label may have up to 200 bytes");
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto found, db.Query("SELECT id FROM users WHERE email = ?",
                                                      {core::AsciiLower(email)}));
  if (found.rows.empty()) {
    return FailField(ErrorCode::kNotFound, "email",
                     fmt::format("no user with the email {}", email));
  }
  const std::string token = RandomHex(32);
  const std::string expires = store::UtcFromNow(int64_t{days} * 24 * 60 * 60);
  INSPIRE_RETURN_IF_ERROR(
      db.Query("INSERT INTO api_tokens (token_hash, user_id, created_at, label, expires_at) "
               "VALUES (?, ?, ?, ?, ?)",
               {core::Sha256Hex(token), found.rows[0].Int(0), store::NowUtc(), label, expires}));
  INSPIRE_RETURN_IF_ERROR(RecordAudit(
      db, Actor::System(), "create", "api_token", std::to_string(found.rows[0].Int(0)), Json(),
      Json{{"user", core::AsciiLower(email)}, {"label", label}, {"expires_at", expires}}));
  return token;
}

core::Result<Actor> ActorFromApiToken(store::Connection& db, const std::string& token) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT u.id, u.email, u.role, u.organization_id, u.country_iso3, u.disabled FROM "
               "api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND "
               "t.expires_at > ?",
               {core::Sha256Hex(token), store::NowUtc()}));
  if (found.rows.empty()) return Fail(ErrorCode::kUnauthenticated, "unknown or expired API token");
  return ActorFromUserRow(found.rows[0]);
}

core::Result<Json> ListApiTokens(store::Connection& db, const Actor& actor, int64_t user_id) {
  INSPIRE_RETURN_IF_ERROR(GetUser(db, actor, user_id));  // the user itself or an admin
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT token_hash, label, created_at, expires_at FROM api_tokens WHERE user_id = "
               "? ORDER BY created_at DESC, token_hash",
               {user_id}));
  const std::string now = store::NowUtc();
  Json items = Json::array();
  for (const auto& row : found.rows) {
    items.push_back(Json{{"id", row.Text(0).substr(0, 16)},
                         {"label", row.Text(1)},
                         {"created_at", row.Text(2)},
                         {"expires_at", row.Text(3)},
                         {"expired", row.Text(3) <= now}});
  }
  return Json{{"items", std::move(items)}, {"total", found.rows.size()}};
}

core::Result<void> RevokeApiToken(store::Connection& db, const Actor& actor, int64_t user_id,
                                  const std::string& token_id) {
  INSPIRE_RETURN_IF_ERROR(GetUser(db, actor, user_id));
  const bool hex =
      token_id.size() == 16 && token_id.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (hex) {
    INSPIRE_ASSIGN_OR_RETURN(
        const auto found,
        db.Query("SELECT token_hash FROM api_tokens WHERE user_id = ? AND token_hash LIKE ?",
                 {user_id, token_id + "%"}));
    if (found.rows.size() == 1) {
      INSPIRE_RETURN_IF_ERROR(
          db.Query("DELETE FROM api_tokens WHERE token_hash = ?", {found.rows[0].Text(0)}));
      return RecordAudit(db, actor, "delete", "api_token", std::to_string(user_id),
                         Json{{"id", token_id}}, Json());
    }
  }
  return Fail(ErrorCode::kNotFound, fmt::format("user {} has no token {}", user_id, token_id));
}

}  // namespace inspire::hub
