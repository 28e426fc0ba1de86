#include "web/account_pages.h"

#include <fmt/format.h>

#include <set>

#include "hub/actions.h"
#include "hub/assignments.h"
#include "hub/news.h"
#include "hub/overview.h"
#include "hub/subscriptions.h"
#include "web/page_text.h"
#include "web/templates.h"

namespace inspire::web {
using Json = nlohmann::ordered_json;

namespace {

// Who the user is: e-mail, role, organisation, country.
core::Result<Json> Identity(store::Connection& db, const catalogue::Catalogue& catalogue,
                            const hub::Actor& actor) {
  Json view = {
      {"email", actor.email},
      {"role", actor.user_id ? Label("role_name_", std::string(hub::RoleName(actor.role))) : ""},
      {"rights", Label("rights_", std::string(hub::RoleName(actor.role)))}};
  if (actor.organization_id) {
    INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
    const auto found = names.find(*actor.organization_id);
    view["organization"] = {{"id", *actor.organization_id},
                            {"name", found != names.end() ? found->second : ""}};
  }
  if (!actor.country_iso3.empty()) {
    view["country"] = {{"iso3", actor.country_iso3},
                       {"name", CountryName(catalogue, actor.country_iso3)}};
  }
  return view;
}

// The open actions and the routed requests of the user's organisation.
core::Result<Json> OrganizationWork(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const hub::Actor& actor) {
  hub::ActionQuery open;
  open.organization = *actor.organization_id;
  open.status = "open";
  open.per_page = 100;
  INSPIRE_ASSIGN_OR_RETURN(const Json actions, hub::ListActions(db, actor, open));
  Json rows = Json::array();
  for (const Json& action : actions["items"]) {
    rows.push_back({{"title", action["title"]},
                    {"due", OrNull(action["due"])},
                    {"overdue", action["overdue"]},
                    {"meeting", action["meeting"]}});
  }
  hub::AssignmentQuery routed;
  routed.organization = *actor.organization_id;
  routed.per_page = 100;
  INSPIRE_ASSIGN_OR_RETURN(const Json assignments, hub::ListAssignments(db, actor, routed));
  Json requests = Json::array();
  for (const Json& assignment : assignments["items"]) {
    if (assignment["status"] == "done" || assignment["status"] == "declined") continue;
    requests.push_back({{"id", assignment["id"]},
                        {"need", assignment["need"]},
                        {"country", CountryName(catalogue, assignment["need_country"])},
                        {"status", Label("assignment_", assignment["status"])},
                        {"due", OrNull(assignment["due"])},
                        {"overdue", assignment["overdue"]}});
  }
  return Json{{"actions", rows},
              {"has_actions", !rows.empty()},
              {"requests", requests},
              {"has_requests", !requests.empty()}};
}

// The follow form: frequency, and the countries, approaches and topics followed selected.
core::Result<Json> Following(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const hub::Actor& actor) {
  INSPIRE_ASSIGN_OR_RETURN(const Json settings, hub::GetSubscriptions(db, actor));
  std::set<std::pair<std::string, std::string>> followed;
  for (const Json& follow : settings["follows"]) {
    followed.emplace(follow["kind"].get<std::string>(), follow["value"].get<std::string>());
  }
  const auto option = [&](const char* kind, const std::string& value, const std::string& label) {
    return Json{
        {"value", value}, {"label", label}, {"selected", followed.count({kind, value}) > 0}};
  };
  Json frequencies = Json::array(), countries = Json::array(), approaches = Json::array(),
       topics = Json::array();
  for (const char* frequency : {"never", "daily", "weekly"}) {
    frequencies.push_back({{"value", frequency},
                           {"label", Label("frequency_", frequency)},
                           {"selected", settings["frequency"] == frequency}});
  }
  for (const auto& c : catalogue.countries())
    countries.push_back(option("country", c.iso3, c.name));
  for (const auto& a : catalogue.approaches()) {
    approaches.push_back(option("approach", a.id, a.id + " " + a.name));
  }
  for (const std::string& topic : hub::NewsTopics()) {
    if (!topic.empty()) topics.push_back(option("topic", topic, Label("topic_", topic)));
  }
  return Json{{"frequencies", frequencies},
              {"countries", countries},
              {"approaches", approaches},
              {"topics", topics}};
}

}  // namespace

core::Result<Page> AccountPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const hub::Actor& actor, const std::string& csrf,
                               const std::string& notice, bool failed) {
  INSPIRE_ASSIGN_OR_RETURN(Json view, Identity(db, catalogue, actor));
  view["csrf"] = csrf;
  if (!notice.empty()) view[failed ? "error" : "notice"] = notice;
  if (actor.organization_id) {
    INSPIRE_ASSIGN_OR_RETURN(view["work"], OrganizationWork(db, catalogue, actor));
  }
  INSPIRE_ASSIGN_OR_RETURN(view["following"], Following(db, catalogue, actor));
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("account", view));
  return Page{200, Label("", "account_title"), std::move(main), ""};
}

Json SubscriptionsFromForm(const http::Params& form) {
  const auto first = form.find("frequency");
  Json settings = {{"frequency", first == form.end() ? "never" : first->second},
                   {"follows", Json::array()}};
  for (const char* kind : {"country", "approach", "topic"}) {
    const auto [from, to] = form.equal_range(kind);
    for (auto it = from; it != to; ++it) {
      if (!it->second.empty())
        settings["follows"].push_back({{"kind", kind}, {"value", it->second}});
    }
  }
  return settings;
}

}  // namespace inspire::web
