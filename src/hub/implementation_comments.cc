#include "hub/implementation_comments.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "hub/audit.h"
#include "hub/fields.h"
#include "hub/implementation_fields.h"
#include "hub/implementation_rounds.h"
#include "hub/implementation_sections.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

Json CommentOf(const store::Row& row) {
  return {{"id", row.Int(0)},    {"section", row.Text(1)}, {"item", row.Text(2)},
          {"body", row.Text(3)}, {"by", row.Text(4)},      {"role", row.Text(5)},
          {"at", row.Text(6)}};
}

core::Result<void> CheckSection(const std::string& section) {
  const auto& names = SectionNames();
  if (section == "round" || std::find(names.begin(), names.end(), section) != names.end()) {
    return {};
  }
  return FailField(ErrorCode::kValidation, "section",
                   fmt::format("section must be round or one of: {}", fmt::join(names, ", ")));
}

}  // namespace

core::Result<Json> ListComments(store::Connection& db, int64_t round_id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT id, section, item, body, user_email, user_role, created_at FROM "
               "implementation_comments WHERE round_id = ? ORDER BY id",
               {round_id}));
  Json comments = Json::array();
  for (const auto& row : found.rows) comments.push_back(CommentOf(row));
  return comments;
}

core::Result<Json> AddComment(store::Connection& db, const Actor& actor, int64_t round_id,
                              const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(const Json round, ReadRound(db, actor, round_id));
  if (!MayWriteRound(actor, round)) return Deny(actor, "comment on this round");
  INSPIRE_RETURN_IF_ERROR(CheckKnownFields(fields, {"section", "item", "body"}));
  INSPIRE_RETURN_IF_ERROR(CheckRequired(fields, {"section", "body"}));
  INSPIRE_ASSIGN_OR_RETURN(const std::string section, TextField(fields, "section", 20));
  INSPIRE_RETURN_IF_ERROR(CheckSection(section));
  std::string item;
  if (fields.contains("item") && !fields["item"].is_null()) {
    INSPIRE_ASSIGN_OR_RETURN(item, TextField(fields, "item", 100));
  }
  INSPIRE_ASSIGN_OR_RETURN(const std::string body, TextField(fields, "body", 4000));
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return FailField(ErrorCode::kValidation, "body", "body says what the comment is");
  }
  const std::string role = actor.system ? "system" : std::string(RoleName(actor.role));
  INSPIRE_ASSIGN_OR_RETURN(
      const auto inserted,
      db.Query("INSERT INTO implementation_comments (round_id, section, item, body, user_email, "
               "user_role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id, section, item, "
               "body, user_email, user_role, created_at",
               {round_id, section, item, body, actor.email, role, store::NowUtc()}));
  Json comment = CommentOf(inserted.rows.at(0));
  INSPIRE_RETURN_IF_ERROR(RecordAudit(db, actor, "comment", RoundFields().kind,
                                      std::to_string(round_id), Json(), comment));
  return comment;
}

}  // namespace inspire::hub
