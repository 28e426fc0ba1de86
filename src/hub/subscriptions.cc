#include "hub/subscriptions.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "hub/audit.h"
#include "hub/news.h"
#include "hub/secrets.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;

constexpr size_t kMostFollows = 100;

// One follow as kept: its country as ISO3, checked against the catalogue and the topics.
core::Result<Json> CheckFollow(const catalogue::Catalogue& catalogue, const Json& follow,
                               size_t i) {
  const std::string where = fmt::format("follows[{}]", i);
  if (!follow.is_object() || !follow.contains("kind") || !follow["kind"].is_string() ||
      !follow.contains("value") || !follow["value"].is_string()) {
    return FailField(ErrorCode::kValidation, where,
                     "each follow is {\"kind\": country|approach|topic, \"value\": text}");
  }
  const std::string kind = follow["kind"];
  const std::string value = follow["value"];
  if (kind == "country") {
    const auto* country = catalogue.FindCountry(value);
    if (country == nullptr) {
      return FailField(ErrorCode::kValidation, where + ".value",
                       fmt::format("'{}' is not a country code of the catalogue", value));
    }
    return Json{{"kind", kind}, {"value", country->iso3}};
  }
  if (kind == "approach") {
    if (catalogue.FindApproach(value) == nullptr) {
      return FailField(ErrorCode::kValidation, where + ".value",
                       fmt::format("'{}' is not an INSPIRE approach id (e.g. P4.1)", value));
    }
    return Json{{"kind", kind}, {"value", value}};
  }
  if (kind == "topic") {
    const auto& topics = NewsTopics();
    if (value.empty() || std::find(topics.begin(), topics.end(), value) == topics.end()) {
      return FailField(
          ErrorCode::kValidation, where + ".value",
          "a topic is working_group, meetings, evidence, data, coordination or library");
    }
    return Json{{"kind", kind}, {"value", value}};
  }
  return FailField(ErrorCode::kValidation, where + ".kind",
                   "kind must be country, approach or topic");
}

core::Result<Json> CheckSettings(const catalogue::Catalogue& catalogue, const Json& settings) {
  if (!settings.is_object()) return Fail(ErrorCode::kValidation, "the body must be a JSON object");
  for (const auto& [name, value] : settings.items()) {
    if (name != "frequency" && name != "follows" && name != "last_sent_at") {
      return FailField(ErrorCode::kValidation, name,
                       fmt::format("unknown field '{}'; expected: frequency, follows", name));
    }
  }
  const Json frequency = settings.value("frequency", Json("never"));
  if (frequency != "daily" && frequency != "weekly" && frequency != "never") {
    return FailField(ErrorCode::kValidation, "frequency",
                     "frequency must be daily, weekly or never");
  }
  const Json follows = settings.value("follows", Json::array());
  if (!follows.is_array() || follows.size() > kMostFollows) {
    return FailField(ErrorCode::kValidation, "follows",
                     fmt::format("follows must be a list of at most {} follows", kMostFollows));
  }
  std::set<std::pair<std::string, std::string>> kept;
  for (size_t i = 0; i < follows.size(); ++i) {
    INSPIRE_ASSIGN_OR_RETURN(const Json follow, CheckFollow(catalogue, follows[i], i));
    kept.emplace(follow["kind"].get<std::string>(), follow["value"].get<std::string>());
  }
  Json out = {{"frequency", frequency}, {"follows", Json::array()}};
  for (const auto& [kind, value] : kept)
    out["follows"].push_back({{"kind", kind}, {"value", value}});
  return out;
}

}  // namespace

core::Result<Json> GetSubscriptions(store::Connection& db, const Actor& actor) {
  if (!actor.user_id) return Deny(actor, "follow news");
  INSPIRE_ASSIGN_OR_RETURN(
      const auto settings,
      db.Query("SELECT frequency, last_sent_at FROM digest_settings WHERE user_id = ?",
               {*actor.user_id}));
  INSPIRE_ASSIGN_OR_RETURN(
      const auto follows,
      db.Query("SELECT kind, value FROM subscriptions WHERE user_id = ? ORDER BY kind, value",
               {*actor.user_id}));
  Json out = {{"frequency", settings.rows.empty() ? "never" : settings.rows[0].Text(0)},
              {"follows", Json::array()},
              {"last_sent_at", settings.rows.empty() ? "" : settings.rows[0].Text(1)}};
  for (const auto& row : follows.rows) {
    out["follows"].push_back({{"kind", row.Text(0)}, {"value", row.Text(1)}});
  }
  return out;
}

core::Result<Json> SetSubscriptions(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const Actor& actor, const Json& settings) {
  if (!actor.user_id) return Deny(actor, "follow news");
  INSPIRE_ASSIGN_OR_RETURN(const Json checked, CheckSettings(catalogue, settings));
  INSPIRE_ASSIGN_OR_RETURN(const Json before, GetSubscriptions(db, actor));
  const int64_t user = *actor.user_id;
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM subscriptions WHERE user_id = ?", {user}));
  for (const Json& follow : checked["follows"]) {
    INSPIRE_RETURN_IF_ERROR(
        db.Query("INSERT INTO subscriptions (user_id, kind, value) VALUES (?, ?, ?)",
                 {user, follow["kind"].get<std::string>(), follow["value"].get<std::string>()}));
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto existing,
                           db.Query("SELECT 1 FROM digest_settings WHERE user_id = ?", {user}));
  const std::string frequency = checked["frequency"];
  if (existing.rows.empty()) {
    // The digest reports what changes from now on, not the hub's whole past.
    INSPIRE_RETURN_IF_ERROR(db.Query(
        "INSERT INTO digest_settings (user_id, frequency, unsubscribe_token, last_sent_at) "
        "VALUES (?, ?, ?, ?)",
        {user, frequency, RandomHex(24), store::NowUtc()}));
  } else {
    INSPIRE_RETURN_IF_ERROR(
        db.Query("UPDATE digest_settings SET frequency = ? WHERE user_id = ?", {frequency, user}));
  }
  INSPIRE_ASSIGN_OR_RETURN(Json after, GetSubscriptions(db, actor));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "update", "subscriptions", std::to_string(user), before, after));
  return after;
}

core::Result<std::string> Unsubscribe(store::Connection& db, const std::string& token) {
  if (token.empty() || token.size() > 200) {
    return Fail(ErrorCode::kNotFound, "this unsubscribe link is not known");
  }
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT d.user_id, u.email, d.frequency FROM digest_settings d JOIN users u ON "
               "u.id = d.user_id WHERE d.unsubscribe_token = ?",
               {token}));
  if (found.rows.empty()) return Fail(ErrorCode::kNotFound, "this unsubscribe link is not known");
  const int64_t user = found.rows[0].Int(0);
  INSPIRE_RETURN_IF_ERROR(
      db.Query("UPDATE digest_settings SET frequency = 'never' WHERE user_id = ?", {user}));
  Actor actor;
  actor.user_id = user;
  actor.email = found.rows[0].Text(1);
  INSPIRE_RETURN_IF_ERROR(RecordAudit(db, actor, "update", "subscriptions", std::to_string(user),
                                      Json{{"frequency", found.rows[0].Text(2)}},
                                      Json{{"frequency", "never"}}));
  return actor.email;
}

}  // namespace inspire::hub
