#include "web/membership_pages.h"

#include <fmt/format.h>

#include "hub/membership.h"
#include "hub/overview.h"
#include "web/page_text.h"
#include "web/templates.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

// The moves staff may make from `status` for an application to `applies_to`.
Json MovesFrom(const std::string& status, const std::string& applies_to) {
  Json moves = Json::array();
  const auto add = [&](const char* to) {
    moves.push_back({{"to", to}, {"label", Label("move_application_", to)}});
  };
  if (status == "submitted") add("checked");
  if (status == "checked") add(applies_to == "working_group" ? "voting" : "admitted");
  return moves;
}

Json ApplicationRow(const Json& application, const std::map<int64_t, std::string>& names,
                    const PageInput& input, bool voting) {
  const std::string status = application["status"];
  const std::string applies_to = application["applies_to"];
  const Json& tally = application["tally"];
  const auto name_of = [&](const Json& id) { return OrNull(OrganizationName(names, id)); };
  const bool staff = input.actor.IsStaff();
  const bool open = status == "submitted" || status == "checked";
  return {
      {"id", application["id"]},
      {"name", application["organization_name"]},
      {"type", Label("type_", application["organization_type"])},
      {"applies_to", Label("applies_", applies_to)},
      {"status", Label("application_", status)},
      {"status_class", status},
      {"nominated_by", name_of(application["nominated_by"])},
      {"motivation", application["motivation"]},
      {"note",
       application["status_note"].get<std::string>().empty() ? Json() : application["status_note"]},
      {"tally", status == "voting" || application["votes_yes"].is_number()
                    ? Json(FilledLabel("application_tally", tally))
                    : Json()},
      {"my_vote", application.contains("my_vote") && application["my_vote"].is_string()
                      ? Json(Label("vote_", application["my_vote"]))
                      : Json()},
      {"may_vote", voting && status == "voting"},
      {"moves", staff ? MovesFrom(status, applies_to) : Json::array()},
      {"may_decline", staff && open},
      {"may_close", staff && status == "voting"},
      {"csrf", input.csrf}};
}

}  // namespace

core::Result<Page> MembershipPage(store::Connection& db, const catalogue::Catalogue&,
                                  const PageInput& input) {
  hub::ApplicationQuery query;
  query.status = input.Param("status");
  query.per_page = 200;
  INSPIRE_ASSIGN_OR_RETURN(const Json list, hub::ListApplications(db, input.actor, query));
  INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
  INSPIRE_ASSIGN_OR_RETURN(const bool voting, hub::IsVotingMember(db, input.actor));
  Json rows = Json::array();
  for (const Json& application : list["items"]) {
    rows.push_back(ApplicationRow(application, names, input, voting));
  }
  const Json view = {{"signed_in", input.signed_in},
                     {"staff", input.actor.IsStaff()},
                     {"voting", voting},
                     {"applications", std::move(rows)},
                     {"none", list["items"].empty()}};
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("membership", view));
  return Page{200, Label("", "membership_title"), std::move(main), "working_group"};
}

}  // namespace inspire::web
