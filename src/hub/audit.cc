#include "hub/audit.h"

namespace inspire::hub {

core::Result<void> RecordAudit(store::Connection& db, const Actor& actor, std::string_view action,
                               std::string_view entity, std::string_view entity_id,
                               const Json& before, const Json& after) {
  const auto text = [](const Json& json) -> store::Value {
    if (json.is_null()) return store::kNull;
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  const store::Value user = actor.user_id ? store::Value(*actor.user_id) : store::kNull;
  INSPIRE_RETURN_IF_ERROR(
      db.Query("INSERT INTO audit (at, user_id, user_email, action, entity, entity_id, "
               "before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               {store::NowUtc(), user, actor.email, std::string(action), std::string(entity),
                std::string(entity_id), text(before), text(after)}));
  // Every write is audited, so this is where the data version moves on: servers (in any
  // process) compare it with the version their cached answers were made at.
  return store::BumpDataVersion(db);
}

core::Result<int64_t> DataVersion(store::Connection& db) {
  INSPIRE_ASSIGN_OR_RETURN(const auto found,
                           db.Query("SELECT version FROM data_version WHERE id = 1"));
  return found.rows.empty() ? 0 : found.rows[0].Int(0);
}

core::Result<Json> ListAudit(store::Connection& db, const Actor& actor, const AuditQuery& query) {
  if (!actor.IsStaff()) return Deny(actor, "read the audit log");
  std::string sql =
      "SELECT id, at, user_id, user_email, action, entity, entity_id, before_json, after_json "
      "FROM audit WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!query.entity.empty()) {
    sql += " AND entity = ?";
    params.emplace_back(query.entity);
  }
  if (!query.entity_id.empty()) {
    sql += " AND entity_id = ?";
    params.emplace_back(query.entity_id);
  }
  sql += " ORDER BY id DESC LIMIT ? OFFSET ?";
  params.emplace_back(query.limit);
  params.emplace_back(query.offset);
  INSPIRE_ASSIGN_OR_RETURN(const auto result, db.Query(sql, params));
  Json items = Json::array();
  for (const auto& row : result.rows) {
    const auto parsed = [&](size_t i) {
      return row.IsNull(i) ? Json() : Json::parse(row.Text(i), nullptr, false);
    };
    items.push_back({{"id", row.Int(0)},
                     {"at", row.Text(1)},
                     {"user_id", row.IsNull(2) ? Json() : Json(row.Int(2))},
                     {"user", row.Text(3)},
                     {"action", row.Text(4)},
                     {"entity", row.Text(5)},
                     {"entity_id", row.Text(6)},
                     {"before", parsed(7)},
                     {"after", parsed(8)}});
  }
  return Json{{"items", items}, {"limit", query.limit}, {"offset", query.offset}};
}

}  // namespace inspire::hub
