#include "hub/organization_roles.h"

namespace inspire::hub {

core::Result<void> NoteRole(store::Connection& db, int64_t organization, const std::string& role,
                            std::optional<int64_t> application) {
  const std::string today = store::NowUtc().substr(0, 10);
  INSPIRE_ASSIGN_OR_RETURN(
      const auto open,
      db.Query("SELECT id, role, application_id FROM organization_roles WHERE organization_id = ? "
               "AND until = '' ORDER BY id DESC",
               {organization}));
  if (!open.rows.empty() && open.rows[0].Text(1) == role) {
    if (application && open.rows[0].IsNull(2)) {
      INSPIRE_RETURN_IF_ERROR(
          db.Query("UPDATE organization_roles SET application_id = ? WHERE id = ?",
                   {*application, open.rows[0].Int(0)}));
    }
    return {};
  }
  INSPIRE_RETURN_IF_ERROR(
      db.Query("UPDATE organization_roles SET until = ? WHERE organization_id = ? AND until = ''",
               {today, organization}));
  const store::Value from = application ? store::Value(*application) : store::kNull;
  return db
      .Query(
          "INSERT INTO organization_roles (organization_id, role, since, until, application_id) "
          "VALUES (?, ?, ?, '', ?)",
          {organization, role, today, from})
      .map([](auto&&) {});
}

}  // namespace inspire::hub
