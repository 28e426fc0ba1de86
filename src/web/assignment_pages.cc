#include "web/assignment_pages.h"

#include <fmt/format.h>

#include "hub/assignments.h"
#include "hub/coordination.h"
#include "hub/overview.h"
#include "web/page_text.h"
#include "web/templates.h"

namespace inspire::web {
namespace {

using Names = std::map<int64_t, std::string>;

// The updates, the oldest first, in words.
nlohmann::ordered_json UpdateRows(const nlohmann::ordered_json& updates, const Names& names) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& update : updates) {
    rows.push_back({{"at", update["at"].get<std::string>().substr(0, 16)},
                    {"by", OrNull(OrganizationName(names, update["organization"]))},
                    {"status", OrNull(update["status"].get<std::string>().empty()
                                          ? ""
                                          : Label("assignment_", update["status"]))},
                    {"note", OrNull(update["note"])}});
  }
  return rows;
}

// May `actor` change the status (the assigned organisation's editors and staff)?
bool MayMove(const hub::Actor& actor, const nlohmann::ordered_json& assignment) {
  return actor.IsStaff() || (actor.role == hub::Role::kOrgEditor && actor.organization_id &&
                             assignment["organization"] == *actor.organization_id);
}

}  // namespace

core::Result<Page> AssignmentPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const hub::Actor& actor, int64_t id, const std::string& csrf,
                                  const std::string& message) {
  auto assignment = hub::GetAssignment(db, actor, id);
  if (!assignment && assignment.error().code == core::ErrorCode::kNotFound) {
    return ErrorPage(404, Label("", "assignment_none"));
  }
  if (!assignment) return tl::unexpected(assignment.error());
  INSPIRE_ASSIGN_OR_RETURN(const Names names, hub::OrganizationNames(db));
  const auto& a = *assignment;
  INSPIRE_ASSIGN_OR_RETURN(const auto need, hub::GetNeed(db, a["need"].get<int64_t>()));
  nlohmann::ordered_json statuses = nlohmann::ordered_json::array();
  for (const char* status : {"accepted", "in_progress", "done", "declined"}) {
    statuses.push_back({{"value", status}, {"label", Label("assignment_", status)}});
  }
  const nlohmann::ordered_json view = {{"id", id},
                                       {"message", OrNull(message)},
                                       {"need", a["need"]},
                                       {"need_text", need["description"]},
                                       {"country", CountryName(catalogue, a["need_country"])},
                                       {"organization", OrganizationName(names, a["organization"])},
                                       {"organization_id", a["organization"]},
                                       {"offer", a["offer"]},
                                       {"due", OrNull(a["due"])},
                                       {"overdue", a["overdue"]},
                                       {"status", Label("assignment_", a["status"])},
                                       {"note", OrNull(a["note"])},
                                       {"updates", UpdateRows(a["updates"], names)},
                                       {"has_updates", !a["updates"].empty()},
                                       {"staff", actor.IsStaff()},
                                       {"may_move", MayMove(actor, a)},
                                       {"statuses", statuses},
                                       {"csrf", csrf}};
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("assignment", view));
  return Page{200, FilledLabel("assignment_title", {{"need", a["need"]}}), std::move(main),
              "coordination"};
}

}  // namespace inspire::web
