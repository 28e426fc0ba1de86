#include "cli/demo_working_group.h"

#include <fmt/format.h>

#include "cli/demo_rule.h"
#include "hub/actions.h"
#include "hub/decisions.h"
#include "hub/meetings.h"
#include "hub/workplan.h"

namespace inspire::cli {
namespace {

using Json = nlohmann::ordered_json;

struct DemoObjective {
  const char* title;
  const char* workstream;
  const char* status;
  std::vector<std::string> strategies;
  std::vector<std::string> approaches;
};

const std::vector<DemoObjective>& Objectives() {
  static const std::vector<DemoObjective> objectives = {
      {"Agree a common set of parenting-programme indicators",
       "Data and monitoring",
       "on_track",
       {"P4", "X2"},
       {"P4.1", "P4.2"}},
      {"Help five countries plan their next violence survey",
       "Data and monitoring",
       "at_risk",
       {"X2"},
       {}},
      {"Update the summary of evidence on school-based approaches",
       "Evidence and learning",
       "on_track",
       {"E7"},
       {"E7.3", "E7.4"}},
      {"Run a webinar series on response services",
       "Evidence and learning",
       "done",
       {"R6"},
       {"R6.1", "R6.2"}},
      {"Pair country requests for help with members' offers",
       "Country support",
       "on_track",
       {"X1"},
       {}},
      {"Publish a short guide to costing national action plans",
       "Country support",
       "planned",
       {"X1", "I5"},
       {"I5.1"}},
      {"Share the package in French, Spanish and Arabic",
       "Advocacy and communication",
       "planned",
       {"N2"},
       {"N2.1"}}};
  return objectives;
}

// The objectives, each led by one organisation with two others contributing; their ids.
core::Result<std::vector<int64_t>> AddObjectives(store::Connection& db,
                                                 const catalogue::Catalogue& catalogue,
                                                 const std::vector<int64_t>& orgs) {
  std::vector<int64_t> ids;
  for (size_t i = 0; i < Objectives().size(); ++i) {
    const DemoObjective& o = Objectives()[i];
    const int year = std::stoi(store::UtcDate(0).substr(0, 4));
    Json fields = {
        {"title", o.title},
        {"workstream", o.workstream},
        {"starts", std::to_string(year)},
        {"ends", std::to_string(year + 1 + static_cast<int>(i % 2))},
        {"lead_organization", orgs[(i * 3) % orgs.size()]},
        {"contributors", {orgs[(i * 3 + 1) % orgs.size()], orgs[(i * 3 + 5) % orgs.size()]}},
        {"strategies", o.strategies},
        {"approaches", o.approaches},
        {"status", o.status},
        {"progress", std::string(o.status) == "planned" ? "" : "Fictional progress note."}};
    INSPIRE_ASSIGN_OR_RETURN(
        const Json made,
        DemoRule(hub::CreateObjective(db, catalogue, hub::Actor::System(), fields), "objective"));
    ids.push_back(made["id"].get<int64_t>());
  }
  return ids;
}

// One meeting of the year: its kind, title, day from today, zone and visibility.
struct DemoMeeting {
  std::string kind, title;
  int day;
  std::string zone, visibility, country;
};

// Monthly secretariat meetings, quarterly working-group meetings, two webinars and two country
// consultations, from nine months ago to three months ahead.
std::vector<DemoMeeting> Meetings() {
  std::vector<DemoMeeting> meetings;
  for (int month = -9; month <= 3; ++month) {
    meetings.push_back(
        {"secretariat",
         fmt::format("Secretariat check-in ({})", store::UtcDate(month * 30 + 3).substr(0, 7)),
         month * 30 + 3, "Europe/Zurich", "members", ""});
  }
  for (int quarter = -3; quarter <= 1; ++quarter) {
    meetings.push_back({"working_group", fmt::format("Working group meeting no. {}", quarter + 4),
                        quarter * 90 + 10, "America/New_York", "public", ""});
  }
  meetings.push_back(
      {"webinar", "Webinar: what works in parenting support", -120, "UTC", "public", ""});
  meetings.push_back(
      {"webinar", "Webinar: helplines and response services", 25, "UTC", "public", ""});
  meetings.push_back({"country_consultation", "Country consultation: national action plan review",
                      -60, "Africa/Nairobi", "public", "KEN"});
  meetings.push_back({"country_consultation", "Country consultation: survey planning", 40,
                      "Asia/Manila", "public", "PHL"});
  return meetings;
}

}  // namespace

core::Result<DemoWorkingGroup> AddDemoWorkingGroup(store::Connection& db,
                                                   const catalogue::Catalogue& catalogue,
                                                   const std::vector<int64_t>& organizations,
                                                   const std::vector<int64_t>& needs) {
  DemoWorkingGroup made;
  const hub::Actor system = hub::Actor::System();
  INSPIRE_ASSIGN_OR_RETURN(const std::vector<int64_t> objectives,
                           AddObjectives(db, catalogue, organizations));
  made.objectives = static_cast<int>(objectives.size());
  int serial = 0;
  for (const DemoMeeting& m : Meetings()) {
    const bool past = m.day < 0;
    const Json participants = {
        organizations[static_cast<size_t>(serial) % organizations.size()],
        organizations[static_cast<size_t>(serial + 4) % organizations.size()],
        organizations[static_cast<size_t>(serial + 9) % organizations.size()]};
    Json fields = {
        {"title", m.title},
        {"kind", m.kind},
        {"starts_at", store::UtcDate(m.day) + "T14:00"},
        {"time_zone", m.zone},
        {"duration_minutes", m.kind == "secretariat" ? 45 : 90},
        {"status", past ? "held" : "scheduled"},
        {"visibility", m.visibility},
        {"location", m.kind == "country_consultation" ? "Capital city (demo)" : "Online"},
        {"country", m.country},
        {"agenda",
         "1. Welcome\n2. Progress on the work plan\n3. Country requests\n4. Any other business"},
        {"participants", participants},
        {"minutes", past ? "Fictional minutes: the meeting went through its agenda." : ""}};
    INSPIRE_ASSIGN_OR_RETURN(
        const Json meeting, DemoRule(hub::CreateMeeting(db, catalogue, system, fields), "meeting"));
    ++made.meetings;
    ++serial;
    if (!past) continue;
    const int64_t id = meeting["id"];
    if (m.kind == "working_group") {
      for (const char* text : {"The work plan for the coming quarter is adopted.",
                               "The secretariat drafts a note on shared indicators.",
                               "The next meeting is held online."}) {
        INSPIRE_RETURN_IF_ERROR(
            DemoRule(hub::CreateDecision(db, catalogue, system, {{"meeting", id}, {"text", text}}),
                     "decision"));
        ++made.decisions;
      }
    }
    // One or two actions per past meeting; the older ones mostly done, some left open.
    for (int k = 0; k < (m.kind == "working_group" ? 2 : 1); ++k) {
      const bool done = m.day < -90 && (serial + k) % 3 != 0;
      Json action = {
          {"title", fmt::format("Follow up item {} of '{}'", k + 1, m.title)},
          {"owner_organization", participants[static_cast<size_t>(k)]},
          {"owner_person", fmt::format("Demo person {}", serial + k)},
          {"due", store::UtcDate(m.day + 30 + 7 * k)},
          {"status", done ? "done" : "open"},
          {"meeting", id},
          {"objective", objectives[static_cast<size_t>(serial + k) % objectives.size()]}};
      if (!needs.empty() && (serial + k) % 4 == 0) {
        action["need"] = needs[static_cast<size_t>(serial + k) % needs.size()];
      }
      INSPIRE_RETURN_IF_ERROR(DemoRule(hub::CreateAction(db, catalogue, system, action), "action"));
      ++made.actions;
    }
  }
  return made;
}

}  // namespace inspire::cli
