#include "cli/demo_membership.h"

#include <fmt/format.h>

#include "cli/demo_rule.h"
#include "hub/accounts.h"
#include "hub/assignments.h"
#include "hub/membership.h"
#include "hub/subscriptions.h"

namespace inspire::cli {
namespace {

using Json = nlohmann::ordered_json;

// An org editor of `organization`, as an actor of the hub.
core::Result<hub::Actor> Editor(store::Connection& db, const catalogue::Catalogue& catalogue,
                                int64_t organization, int n) {
  const std::string email = fmt::format("editor{}@hub.example", n);
  hub::NewUser user{email, hub::RandomPassword(email), "org_editor", organization, ""};
  INSPIRE_ASSIGN_OR_RETURN(
      const Json made,
      DemoRule(hub::CreateUser(db, catalogue, hub::Actor::System(), user), "user"));
  hub::Actor actor;
  actor.user_id = made["id"].get<int64_t>();
  actor.email = email;
  actor.role = hub::Role::kOrgEditor;
  actor.organization_id = organization;
  return actor;
}

core::Result<int64_t> Apply(store::Connection& db, const catalogue::Catalogue& catalogue,
                            const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(
      const Json made,
      DemoRule(hub::CreateApplication(db, catalogue, hub::Actor::System(), fields), "application"));
  return made["id"].get<int64_t>();
}

core::Result<void> Move(store::Connection& db, const catalogue::Catalogue& catalogue, int64_t id,
                        const std::string& to) {
  return DemoRule(hub::MoveApplication(db, catalogue, hub::Actor::System(), id, to, ""), "move")
      .map([](auto&&) {});
}

}  // namespace

core::Result<DemoMembership> AddDemoMembership(store::Connection& db,
                                               const catalogue::Catalogue& catalogue,
                                               const std::vector<int64_t>& organizations,
                                               const std::vector<int64_t>& needs) {
  DemoMembership made;
  std::vector<hub::Actor> editors;
  const std::vector<std::string> countries = {"KEN", "UGA", "PHL"};
  for (int i = 0; i < 3; ++i) {
    INSPIRE_ASSIGN_OR_RETURN(
        hub::Actor editor, Editor(db, catalogue, organizations[static_cast<size_t>(2 + i)], i + 1));
    INSPIRE_RETURN_IF_ERROR(
        DemoRule(hub::SetSubscriptions(db, catalogue, editor,
                                       {{"frequency", "weekly"},
                                        {"follows",
                                         {{{"kind", "country"}, {"value", countries[i]}},
                                          {{"kind", "topic"}, {"value", "working_group"}}}}}),
                 "subscriptions"));
    editors.push_back(std::move(editor));
    ++made.followers;
  }
  const Json motivation = "Fictional demo application: runs parenting and school programmes.";
  INSPIRE_ASSIGN_OR_RETURN(const int64_t admitted,
                           Apply(db, catalogue,
                                 {{"organization_name", "Coastal Child Rights Alliance (demo)"},
                                  {"organization_type", "national_ngo"},
                                  {"applies_to", "working_group"},
                                  {"nominated_by", organizations[0]},
                                  {"motivation", motivation},
                                  {"country", "KEN"},
                                  {"contact_name", "Demo Contact"},
                                  {"contact_email", "contact@ccra.example"},
                                  {"website", "https://ccra.example"}}));
  INSPIRE_RETURN_IF_ERROR(Move(db, catalogue, admitted, "checked"));
  INSPIRE_RETURN_IF_ERROR(Move(db, catalogue, admitted, "voting"));
  for (size_t i = 0; i < editors.size(); ++i) {
    INSPIRE_RETURN_IF_ERROR(
        DemoRule(hub::CastVote(db, editors[i], admitted, i == 2 ? "no" : "yes"), "vote"));
    ++made.votes;
  }
  INSPIRE_RETURN_IF_ERROR(
      DemoRule(hub::CloseVote(db, catalogue, hub::Actor::System(), admitted), "close"));
  INSPIRE_ASSIGN_OR_RETURN(const int64_t voting,
                           Apply(db, catalogue,
                                 {{"organization_name", "Institute for Family Studies (demo)"},
                                  {"organization_type", "academia"},
                                  {"applies_to", "working_group"},
                                  {"nominated_by", organizations[1]},
                                  {"motivation", motivation},
                                  {"country", "PHL"}}));
  INSPIRE_RETURN_IF_ERROR(Move(db, catalogue, voting, "checked"));
  INSPIRE_RETURN_IF_ERROR(Move(db, catalogue, voting, "voting"));
  INSPIRE_RETURN_IF_ERROR(DemoRule(hub::CastVote(db, editors[0], voting, "yes"), "vote"));
  ++made.votes;
  INSPIRE_RETURN_IF_ERROR(Apply(db, catalogue,
                                {{"organization_name", "Neighbourhood Youth Forum (demo)"},
                                 {"organization_type", "grassroots_group"},
                                 {"applies_to", "community_of_practice"},
                                 {"motivation", motivation},
                                 {"country", "UGA"}})
                              .map([](int64_t) {}));
  made.applications = 3;
  // Two needs routed: one accepted with an update, one left past its due date.
  if (needs.size() > 5) {
    INSPIRE_ASSIGN_OR_RETURN(const Json accepted,
                             DemoRule(hub::CreateAssignment(db, catalogue, hub::Actor::System(),
                                                            {{"need", needs[1]},
                                                             {"organization", organizations[2]},
                                                             {"due", "2099-06-30"}}),
                                      "assignment"));
    INSPIRE_RETURN_IF_ERROR(
        DemoRule(hub::AddAssignmentUpdate(db, editors[0], accepted["id"], "accepted",
                                          "Trainers are available."),
                 "update"));
    INSPIRE_RETURN_IF_ERROR(DemoRule(
        hub::CreateAssignment(
            db, catalogue, hub::Actor::System(),
            {{"need", needs[5]}, {"organization", organizations[3]}, {"due", "2024-01-31"}}),
        "assignment"));
    made.assignments = 2;
  }
  return made;
}

}  // namespace inspire::cli
