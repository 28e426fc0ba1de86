#include "hub/implementation_rounds.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/ascii_case.h"
#include "hub/audit.h"
#include "hub/implementation_comments.h"
#include "hub/implementation_fields.h"
#include "hub/implementation_sections.h"
#include "hub/record_kind.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;

bool IsFocalPointOf(const Actor& actor, const Json& round) {
  return actor.user_id && actor.role == Role::kCountryFocalPoint &&
         actor.country_iso3 == round["country"];
}

bool MayStartRounds(const Actor& actor) {
  return actor.IsStaff() || (actor.user_id && actor.role == Role::kCountryFocalPoint);
}

// A round is changed through its own rules: its country and origin stay, its status moves only
// through ChangeRoundStatus.
core::Result<void> GuardRoundChange(const Actor&, const Json& before, const Json& after) {
  for (const char* name : {"country", "copied_from"}) {
    if (before[name] != after[name]) {
      return FailField(ErrorCode::kValidation, name,
                       fmt::format("a round's {} cannot change; start a new round instead", name));
    }
  }
  return {};
}

core::Error LabelTaken(const Json& round, core::Error error) {
  error.field = "label";
  error.message =
      fmt::format("{} already has a round labelled '{}'", round["country"].get<std::string>(),
                  round["label"].get<std::string>());
  return error;
}

const RecordKind& Rounds() {
  static const RecordKind kind{.fields = &RoundFields(),
                               .table = "implementation_rounds",
                               .key_column = "round_id",
                               .may_write = MayWriteRound,
                               .may_create = MayStartRounds,
                               .guard_change = GuardRoundChange,
                               .conflict = LabelTaken,
                               .deny_visitor = "start implementation rounds",
                               .deny_create = "start rounds for this country",
                               .deny_edit = "edit this round",
                               .deny_move = "move a round to that country",
                               .deny_delete = "delete this round"};
  return kind;
}

// The status changes of round `id`, oldest first.
core::Result<Json> History(store::Connection& db, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT from_status, to_status, user_role, reason, changed_at FROM "
               "implementation_round_history WHERE round_id = ? ORDER BY id",
               {id}));
  Json history = Json::array();
  for (const auto& row : found.rows) {
    history.push_back({{"from", row.Text(0)},
                       {"to", row.Text(1)},
                       {"role", row.Text(2)},
                       {"reason", row.Text(3)},
                       {"at", row.Text(4)}});
  }
  return history;
}

// The round the new one copies: one the actor may see, of the same country.
core::Result<void> CheckOrigin(store::Connection& db, const Actor& actor, const Json& round) {
  if (round["copied_from"].is_null()) return {};
  auto origin = ReadRound(db, actor, round["copied_from"].get<int64_t>());
  if (!origin || (*origin)["country"] != round["country"]) {
    return FailField(ErrorCode::kValidation, "copied_from",
                     fmt::format("copied_from must be a round of {} (no such round {})",
                                 round["country"].get<std::string>(), round["copied_from"].dump()));
  }
  return {};
}

// Who may make the move from `from` to `to`: nullptr when the diagram allows it for `actor`,
// else the error.
core::Result<void> CheckMove(const Actor& actor, const Json& round, const std::string& to,
                             const std::string& reason) {
  const std::string from = round["status"];
  if (std::find(RoundStatuses().begin(), RoundStatuses().end(), to) == RoundStatuses().end() ||
      to == "draft") {
    return FailField(ErrorCode::kValidation, "to", "to must be submitted, returned or validated");
  }
  const bool allowed = (to == "submitted" && (from == "draft" || from == "returned")) ||
                       ((to == "returned" || to == "validated") && from == "submitted");
  if (!allowed) {
    return FailField(ErrorCode::kConflict, "status",
                     fmt::format("a {} round cannot be {}", from, to));
  }
  if (to != "submitted" && !actor.IsStaff()) {
    return Deny(actor, fmt::format("mark rounds {} (the secretariat reviews them)", to));
  }
  if (to == "returned" && (reason.empty() || reason.size() > 2000)) {
    return FailField(ErrorCode::kValidation, "reason",
                     "reason says what to change before the round is submitted again (1 to 2000 "
                     "bytes)");
  }
  return {};
}

}  // namespace

bool MaySeeRound(const Actor& actor, const Json& round) {
  return round["status"] == "validated" || actor.IsStaff() || IsFocalPointOf(actor, round);
}

bool MayWriteRound(const Actor& actor, const Json& round) {
  return actor.IsStaff() || IsFocalPointOf(actor, round);
}

core::Result<Json> ListRounds(store::Connection& db, const Actor& actor, const RoundQuery& query) {
  RecordSelection selection;
  if (!actor.IsStaff()) {
    const bool focal = actor.user_id && actor.role == Role::kCountryFocalPoint;
    selection.where = focal ? " AND (r.status = 'validated' OR r.country_iso3 = ?)"
                            : " AND r.status = 'validated'";
    if (focal) selection.params.emplace_back(actor.country_iso3);
  }
  if (!query.country.empty()) {
    selection.where += " AND r.country_iso3 = ?";
    selection.params.emplace_back(core::AsciiUpper(query.country));
  }
  if (!query.status.empty()) {
    if (std::find(RoundStatuses().begin(), RoundStatuses().end(), query.status) ==
        RoundStatuses().end()) {
      return FailField(ErrorCode::kValidation, "status",
                       fmt::format("status must be one of: {}", fmt::join(RoundStatuses(), ", ")));
    }
    selection.where += " AND r.status = ?";
    selection.params.emplace_back(query.status);
  }
  selection.order = "r.reference_year DESC, r.country_iso3, r.id DESC";
  selection.page = query.page;
  selection.per_page = query.per_page;
  selection.max_per_page = 1000;
  return ListRecords(db, Rounds(), selection);
}

core::Result<Json> ReadRound(store::Connection& db, const Actor& actor, int64_t id) {
  auto round = GetRecord(db, Rounds(), id);
  if (!round || !MaySeeRound(actor, *round)) {
    if (round || round.error().code == ErrorCode::kNotFound) {
      return Fail(ErrorCode::kNotFound, fmt::format("no implementation round with id {}", id));
    }
    return round;
  }
  return round;
}

core::Result<Json> GetRound(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(Json round, ReadRound(db, actor, id));
  INSPIRE_ASSIGN_OR_RETURN(round["sections"], ReadSections(db, id));
  INSPIRE_ASSIGN_OR_RETURN(round["history"], History(db, id));
  if (MayWriteRound(actor, round)) {
    INSPIRE_ASSIGN_OR_RETURN(round["comments"], ListComments(db, id));
  }
  return round;
}

core::Result<Json> EditableRound(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(Json round, ReadRound(db, actor, id));
  if (!MayWriteRound(actor, round)) return Deny(actor, "edit this round");
  if (round["status"] != "draft" && round["status"] != "returned") {
    return FailField(ErrorCode::kConflict, "status",
                     fmt::format("a {} round cannot change; only draft and returned rounds can",
                                 round["status"].get<std::string>()));
  }
  return round;
}

core::Result<Json> CreateRound(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(Json round, CreateRecord(db, catalogue, Rounds(), actor, fields));
  INSPIRE_RETURN_IF_ERROR(CheckOrigin(db, actor, round));
  const int64_t id = round["id"];
  if (!round["copied_from"].is_null()) {
    INSPIRE_RETURN_IF_ERROR(CopySections(db, round["copied_from"].get<int64_t>(), id));
  }
  return GetRound(db, actor, id);
}

core::Result<Json> UpdateRound(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, int64_t id, const Json& fields) {
  INSPIRE_RETURN_IF_ERROR(EditableRound(db, actor, id));
  INSPIRE_RETURN_IF_ERROR(UpdateRecord(db, catalogue, Rounds(), actor, id, fields));
  return GetRound(db, actor, id);
}

core::Result<void> DeleteRound(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(const Json round, ReadRound(db, actor, id));
  if (MayWriteRound(actor, round) && round["status"] != "draft") {
    return FailField(ErrorCode::kConflict, "status",
                     fmt::format("a {} round cannot be deleted; only drafts can",
                                 round["status"].get<std::string>()));
  }
  return DeleteRecord(db, Rounds(), actor, id);
}

core::Result<Json> ChangeRoundStatus(store::Connection& db, const catalogue::Catalogue&,
                                     const Actor& actor, int64_t id, const std::string& to,
                                     const std::string& reason) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadRound(db, actor, id));
  if (!MayWriteRound(actor, before)) return Deny(actor, "review this round");
  INSPIRE_RETURN_IF_ERROR(CheckMove(actor, before, to, reason));
  const std::string now = store::NowUtc();
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "UPDATE implementation_rounds SET status = ?, updated_at = ? WHERE id = ?", {to, now, id}));
  const std::string role = actor.system ? "system" : std::string(RoleName(actor.role));
  INSPIRE_RETURN_IF_ERROR(
      db.Query("INSERT INTO implementation_round_history (round_id, from_status, to_status, "
               "user_email, user_role, reason, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
               {id, before["status"].get<std::string>(), to, actor.email, role, reason, now}));
  INSPIRE_RETURN_IF_ERROR(RecordAudit(db, actor, "status", RoundFields().kind, std::to_string(id),
                                      Json{{"status", before["status"]}},
                                      Json{{"status", to}, {"reason", reason}}));
  return GetRound(db, actor, id);
}

}  // namespace inspire::hub
