// The browser forms of the working group's records: a work-plan objective, a meeting, a decision
// (opened from its meeting, which it names) and an action; each goes back to where it is shown.
#include "hub/actions.h"
#include "hub/decisions.h"
#include "hub/meetings.h"
#include "hub/workplan.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

constexpr const char* kWorkingGroup = "/working-group";

// The meeting page of a record that names one, else the working group's page.
std::string MeetingOrWorkingGroup(const Json& record) {
  return record["meeting"].is_number_integer()
             ? fmt::format("/meetings/{}", record["meeting"].get<int64_t>())
             : std::string(kWorkingGroup);
}

}  // namespace

void Server::Impl::SetUpWorkingGroupForms() {
  AddForms({"/objectives/new", R"(/objectives/([^/]+)/edit)",
            FormOf(hub::ObjectiveFields(), "form_objective"),
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateObjective(db, *catalogue, actor, fields);
            },
            hub::GetObjective,
            [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
              return hub::UpdateObjective(db, *catalogue, actor, id, fields);
            },
            [](const Json&) { return std::string(kWorkingGroup); }});
  FormRoutes meetings{
      "/meetings/new",
      R"(/meetings/([^/]+)/edit)",
      FormOf(hub::MeetingFields(), "form_meeting"),
      [this](store::Connection& db, const Actor& actor, const Json& fields) {
        return hub::CreateMeeting(db, *catalogue, actor, fields);
      },
      nullptr,
      [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
        return hub::UpdateMeeting(db, *catalogue, actor, id, fields);
      },
      [](const Json& meeting) { return fmt::format("/meetings/{}", meeting["id"].get<int64_t>()); },
      hub::GetMeeting};
  AddForms(meetings);
  FormRoutes decisions{
      "/decisions/new",
      R"(/decisions/([^/]+)/edit)",
      FormOf(hub::DecisionFields(), "form_decision"),
      [this](store::Connection& db, const Actor& actor, const Json& fields) {
        return hub::CreateDecision(db, *catalogue, actor, fields);
      },
      nullptr,
      [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
        return hub::UpdateDecision(db, *catalogue, actor, id, fields);
      },
      MeetingOrWorkingGroup,
      hub::GetDecision};
  AddForms(decisions);
  FormRoutes actions{
      "/actions/new",
      R"(/actions/([^/]+)/edit)",
      FormOf(hub::ActionFields(), "form_action"),
      [this](store::Connection& db, const Actor& actor, const Json& fields) {
        return hub::CreateAction(db, *catalogue, actor, fields);
      },
      nullptr,
      [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
        return hub::UpdateAction(db, *catalogue, actor, id, fields);
      },
      MeetingOrWorkingGroup,
      hub::GetAction};
  AddForms(actions);
}

}  // namespace inspire::web
