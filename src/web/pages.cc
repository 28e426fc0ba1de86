#include "web/pages.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "charts/charts.h"
#include "hub/accounts.h"
#include "hub/activities.h"
#include "hub/audit.h"
#include "hub/coordination.h"
#include "hub/country_profile.h"
#include "hub/estimates.h"
#include "hub/implementation_country.h"
#include "hub/organizations.h"
#include "hub/overview.h"
#include "hub/targets.h"
#include "web/estimate_views.h"
#include "web/evidence_pages.h"
#include "web/list_queries.h"
#include "web/page_text.h"
#include "web/templates.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;
namespace {

using core::ErrorCode;

std::string Joined(const Json& list, std::string_view separator = ", ") {
  std::string out;
  for (const Json& item : list) {
    if (!out.empty()) out += separator;
    out += item.is_string() ? item.get<std::string>() : item.dump();
  }
  return out;
}

// The strategy of an approach id ("P4.2" -> "P4").
std::string StrategyOf(const std::string& approach) {
  return approach.substr(0, approach.find('.'));
}

core::Result<Page> Render(const std::string& name, const Json& view, std::string title,
                          std::string nav = "") {
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate(name, view));
  return Page{200, std::move(title), std::move(main), std::move(nav)};
}

Page NotFound(const std::string& key) { return ErrorPage(404, Label("", key)); }

// The country page's few words on implementation: the latest validated round, how many kinds of
// law are in place and approaches supported, and how many gaps; null without a validated round.
core::Result<Json> ImplementationBrief(store::Connection& db, const catalogue::Catalogue& catalogue,
                                       const catalogue::Country& country) {
  INSPIRE_ASSIGN_OR_RETURN(const Json picture,
                           hub::CountryImplementation(db, catalogue, country.iso3));
  if (picture["round"].is_null()) return Json();
  int laws = 0, supported = 0;
  for (const Json& strategy : picture["strategies"]) {
    for (const Json& law : strategy["laws"]) laws += law["in_place"] == "yes" ? 1 : 0;
    for (const Json& a : strategy["approaches"]) supported += a["support"] == "yes" ? 1 : 0;
  }
  return Json(FilledLabel("impl_brief", {{"label", picture["round"]["label"]},
                                         {"laws", laws},
                                         {"law_kinds", catalogue.law_kinds().size()},
                                         {"supported", supported},
                                         {"approaches", catalogue.approaches().size()},
                                         {"gaps", picture["gaps"].size()}}));
}

Json ActivityRow(const Json& activity, const std::map<int64_t, std::string>& names,
                 const catalogue::Catalogue& catalogue) {
  const int64_t org = activity["organization_id"];
  const auto name = names.find(org);
  return {{"id", activity["id"]},
          {"title", activity["title"]},
          {"organization_id", org},
          {"organization", name != names.end() ? name->second : std::to_string(org)},
          {"country", activity["country"]},
          {"country_name", CountryName(catalogue, activity["country"])},
          {"status", Label("status_", activity["status"])},
          {"approaches", Joined(activity["approaches"])}};
}

}  // namespace

Page ErrorPage(int status, const std::string& message) {
  Json view = {{"heading", status == 404 ? Label("", "error_title") : "Error"},
               {"message", message}};
  auto main = RenderTemplate("error", view);
  return Page{status, view["heading"], main ? *main : message, ""};
}

core::Result<Page> HomePage(store::Connection& db, const catalogue::Catalogue& catalogue,
                            const PageInput&) {
  INSPIRE_ASSIGN_OR_RETURN(const hub::Figures figures, hub::CountFigures(db));
  INSPIRE_ASSIGN_OR_RETURN(const hub::ActivityCounts counts, hub::ActiveActivityCounts(db));
  Json strategies = Json::array();
  for (const auto& s : catalogue.strategies()) {
    strategies.push_back({{"id", s.id}, {"name", s.name}});
  }
  // Rows: countries with any activity, by name.
  std::vector<std::pair<std::string, std::string>> countries;
  for (const auto& [iso3, by_approach] : counts) {
    countries.emplace_back(CountryName(catalogue, iso3), iso3);
  }
  std::sort(countries.begin(), countries.end());
  Json matrix = Json::array();
  for (const auto& [name, iso3] : countries) {
    Json cells = Json::array();
    for (const auto& s : catalogue.strategies()) {
      const auto& by_strategy = counts.at(iso3);
      const auto found = by_strategy.find(s.id);
      const int64_t count = found != by_strategy.end() ? found->second : 0;
      cells.push_back({{"count", count},
                       {"gap", count == 0},
                       {"level", count >= 5   ? 3
                                 : count >= 2 ? 2
                                              : 1}});
    }
    matrix.push_back({{"iso3", iso3}, {"name", name}, {"cells", cells}});
  }
  Json view = {{"figures",
                {{"members", figures.organizations},
                 {"activities", figures.active_activities},
                 {"countries", figures.countries_with_activities},
                 {"needs", figures.open_needs}}},
               {"strategies", strategies},
               {"matrix", matrix}};
  // The first confirmed indicator with published estimates is the headline.
  for (const auto& indicator : catalogue.indicators()) {
    if (indicator.status != "confirmed") continue;
    INSPIRE_ASSIGN_OR_RETURN(Json across, IndicatorAcross(db, catalogue, indicator));
    if (!across["has_rows"].get<bool>()) continue;
    view["headline"] = {{"id", indicator.id}, {"name", indicator.name}, {"chart", across["chart"]}};
    break;
  }
  hub::ActivityQuery recent_query;
  recent_query.per_page = 8;
  INSPIRE_ASSIGN_OR_RETURN(const Json recent, hub::ListActivities(db, recent_query));
  INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
  Json recent_rows = Json::array();
  for (const Json& a : recent["items"]) {
    Json row = ActivityRow(a, names, catalogue);
    row["updated"] = a["updated_at"].get<std::string>().substr(0, 10);
    recent_rows.push_back(std::move(row));
  }
  view["recent"] = recent_rows;
  return Render("home", view, Label("", "home_title"), "home");
}

core::Result<Page> CountryPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const PageInput& input) {
  const catalogue::Country* country = catalogue.FindCountry(input.path.at(0));
  if (country == nullptr) return NotFound("no_country");
  INSPIRE_ASSIGN_OR_RETURN(const hub::CountryProfile profile,
                           hub::BuildCountryProfile(db, catalogue, country->iso3));
  Json indicators = Json::array();
  std::vector<charts::Interval> latest_rows;
  Levels latest_levels;
  for (const auto& indicator : profile.indicators) {
    indicators.push_back(IndicatorBlock(indicator, *country, latest_rows, latest_levels));
  }
  // Activities by strategy, and open needs.
  hub::ActivityQuery activity_query;
  activity_query.country = country->iso3;
  activity_query.per_page = 500;
  activity_query.sort = "title";
  INSPIRE_ASSIGN_OR_RETURN(const Json activities, hub::ListActivities(db, activity_query));
  INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
  Json strategies = Json::array();
  for (const auto& s : catalogue.strategies()) {
    Json list = Json::array();
    for (const Json& a : activities["items"]) {
      const bool on = std::any_of(a["approaches"].begin(), a["approaches"].end(),
                                  [&](const Json& id) { return StrategyOf(id) == s.id; });
      if (on) list.push_back(ActivityRow(a, names, catalogue));
    }
    if (!list.empty()) strategies.push_back({{"id", s.id}, {"name", s.name}, {"activities", list}});
  }
  hub::CoordinationQuery need_query;
  need_query.country = country->iso3;
  need_query.status = "open";
  INSPIRE_ASSIGN_OR_RETURN(const Json needs, hub::ListNeeds(db, catalogue, need_query));
  Json need_rows = Json::array();
  for (const Json& need : needs["items"]) {
    need_rows.push_back({{"kind", Label("kind_", need["kind"])},
                         {"description", need["description"]},
                         {"approaches", Joined(need["approaches"])}});
  }
  Json view = {
      {"name", country->name},
      {"iso3", country->iso3},
      {"who_region", country->who_region},
      {"unicef_region", country->unicef_region},
      {"indicators", indicators},
      {"has_indicators", !indicators.empty()},
      {"strategies", strategies},
      {"needs", need_rows},
      {"has_needs", !need_rows.empty()},
      {"signed_in", input.signed_in},
      {"implementation_link", FilledLabel("impl_country_link", {{"name", country->name}})}};
  INSPIRE_ASSIGN_OR_RETURN(view["implementation"], ImplementationBrief(db, catalogue, *country));
  if (!latest_rows.empty()) {
    view["latest_chart"] = charts::DotWhisker(
        latest_rows, {fmt::format("Latest estimate of each indicator in {}", country->name),
                      fmt::format("{} indicators with their {} confidence intervals.",
                                  latest_rows.size(), latest_levels.Text())});
  }
  return Render("country", view, country->name);
}

core::Result<Page> IndicatorPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                 const PageInput& input) {
  const catalogue::Indicator* indicator = catalogue.FindIndicator(input.path.at(0));
  if (indicator == nullptr) return NotFound("no_indicator");
  INSPIRE_ASSIGN_OR_RETURN(Json view, IndicatorAcross(db, catalogue, *indicator));
  view["id"] = indicator->id;
  view["name"] = indicator->name;
  view["status"] = indicator->status;
  view["level"] = indicator->level;
  view["unit"] = indicator->unit;
  view["population"] = indicator->population.description;
  view["numerator"] = indicator->numerator;
  view["denominator"] = indicator->denominator;
  Json strategies = Json::array();
  for (const auto& id : indicator->strategy_ids) {
    if (const auto* s = catalogue.FindStrategy(id)) {
      strategies.push_back({{"id", s->id}, {"name", s->name}});
    }
  }
  if (!strategies.empty()) view["strategies"] = {{"list", strategies}};
  return Render("indicator", view, indicator->name);
}

core::Result<Page> StrategyPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const PageInput& input) {
  const catalogue::Strategy* strategy = catalogue.FindStrategy(input.path.at(0));
  if (strategy == nullptr) return NotFound("no_strategy");
  INSPIRE_ASSIGN_OR_RETURN(const auto counts, hub::ActivitiesPerApproach(db));
  Json approaches = Json::array();
  for (const auto& a : catalogue.approaches()) {
    if (a.strategy_id != strategy->id) continue;
    const auto found = counts.find(a.id);
    approaches.push_back({{"id", a.id},
                          {"name", a.name},
                          {"summary", a.summary},
                          {"activities", found != counts.end() ? found->second : 0}});
  }
  return Render("strategy",
                {{"id", strategy->id},
                 {"name", strategy->name},
                 {"summary", strategy->summary},
                 {"approaches", approaches}},
                strategy->name);
}

core::Result<Page> ApproachPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const PageInput& input) {
  const catalogue::Approach* approach = catalogue.FindApproach(input.path.at(0));
  if (approach == nullptr) return NotFound("no_approach");
  const catalogue::Strategy* strategy = catalogue.FindStrategy(approach->strategy_id);
  hub::ActivityQuery query;
  query.approach = approach->id;
  query.per_page = 500;
  query.sort = "title";
  INSPIRE_ASSIGN_OR_RETURN(const Json activities, hub::ListActivities(db, query));
  INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
  Json rows = Json::array();
  for (const Json& a : activities["items"]) rows.push_back(ActivityRow(a, names, catalogue));
  INSPIRE_ASSIGN_OR_RETURN(Json evidence, ApproachEvidence(db, catalogue, approach->id, input));
  return Render("approach",
                {{"id", approach->id},
                 {"name", approach->name},
                 {"summary", approach->summary},
                 {"strategy_id", approach->strategy_id},
                 {"strategy_name", strategy != nullptr ? strategy->name : approach->strategy_id},
                 {"examples", approach->examples},
                 {"has_examples", !approach->examples.empty()},
                 {"activities", rows},
                 {"evidence", std::move(evidence)},
                 {"signed_in", input.signed_in}},
                approach->name);
}

core::Result<Page> MembersPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const PageInput& input) {
  hub::ListQuery query;
  query.type = input.Param("type");
  query.country = input.Param("country");
  query.per_page = 200;
  INSPIRE_ASSIGN_OR_RETURN(const Json list, hub::ListOrganizations(db, query));
  Json members = Json::array();
  std::set<std::string> member_countries;
  for (const Json& org : list["items"]) {
    std::vector<std::string> countries;
    for (const Json& iso3 : org["countries"]) countries.push_back(CountryName(catalogue, iso3));
    members.push_back({{"id", org["id"]},
                       {"name", org["name"]},
                       {"acronym", org["acronym"]},
                       {"type", Label("type_", org["type"])},
                       {"wg_role", Label("role_", org["wg_role"])},
                       {"countries", fmt::format("{}", fmt::join(countries, ", "))}});
  }
  Json types = Json::array();
  for (const auto& type : hub::OrganizationTypes()) {
    types.push_back(
        {{"value", type}, {"label", Label("type_", type)}, {"selected", type == query.type}});
  }
  Json countries = Json::array();
  INSPIRE_ASSIGN_OR_RETURN(const auto counts, hub::ActiveActivityCounts(db));
  for (const auto& [iso3, unused] : counts) {
    countries.push_back({{"value", iso3},
                         {"label", CountryName(catalogue, iso3)},
                         {"selected", iso3 == query.country}});
  }
  return Render("members",
                {{"members", members},
                 {"total", list["total"]},
                 {"types", types},
                 {"countries", countries},
                 {"signed_in", input.signed_in}},
                Label("", "members_title"), "members");
}

core::Result<Page> MemberPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const PageInput& input) {
  int64_t id = 0;
  const std::string& text = input.path.at(0);
  if (std::from_chars(text.data(), text.data() + text.size(), id).ptr !=
      text.data() + text.size()) {
    return NotFound("no_member");
  }
  auto org = hub::GetOrganization(db, id);
  if (!org) {
    if (org.error().code == ErrorCode::kNotFound) return NotFound("no_member");
    return tl::unexpected(org.error());
  }
  hub::ActivityQuery query;
  query.organization = id;
  query.per_page = 500;
  query.sort = "title";
  INSPIRE_ASSIGN_OR_RETURN(const Json activities, hub::ListActivities(db, query));
  INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
  Json rows = Json::array();
  for (const Json& a : activities["items"]) rows.push_back(ActivityRow(a, names, catalogue));
  hub::CoordinationQuery offer_query;
  offer_query.organization = id;
  offer_query.per_page = 500;
  INSPIRE_ASSIGN_OR_RETURN(const Json offers, hub::ListOffers(db, catalogue, offer_query));
  Json offer_rows = Json::array();
  for (const Json& offer : offers["items"]) {
    std::vector<std::string> where;
    for (const Json& iso3 : offer["countries"]) where.push_back(CountryName(catalogue, iso3));
    for (const Json& region : offer["regions"]) where.push_back(region);
    offer_rows.push_back({{"kind", Label("kind_", offer["kind"])},
                          {"approaches", Joined(offer["approaches"])},
                          {"where", where.empty() ? std::string("anywhere")
                                                  : fmt::format("{}", fmt::join(where, ", "))},
                          {"capacity", offer["capacity"]}});
  }
  Json countries = Json::array();
  for (const Json& iso3 : (*org)["countries"]) {
    countries.push_back({{"iso3", iso3}, {"name", CountryName(catalogue, iso3)}});
  }
  const std::string website = (*org)["website"];
  const bool safe_link = website.rfind("https://", 0) == 0 || website.rfind("http://", 0) == 0;
  return Render("member",
                {{"id", id},
                 {"signed_in", input.signed_in},
                 {"name", (*org)["name"]},
                 {"acronym", (*org)["acronym"]},
                 {"type", Label("type_", (*org)["type"])},
                 {"wg_role", Label("role_", (*org)["wg_role"])},
                 {"website", safe_link ? website : ""},
                 {"countries", countries},
                 {"activities", rows},
                 {"offers", offer_rows},
                 {"has_offers", !offer_rows.empty()}},
                (*org)["name"], "members");
}

core::Result<Page> ActivitiesPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const PageInput& input) {
  // The API's parser: a ?page that is not a whole number is refused alike.
  INSPIRE_ASSIGN_OR_RETURN(hub::ActivityQuery query, ActivityQueryFrom(input.query));
  if (input.query.count("sort") == 0) query.sort = "title";
  query.per_page = 100;
  INSPIRE_ASSIGN_OR_RETURN(const Json list, hub::ListActivities(db, query));
  INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
  Json rows = Json::array();
  for (const Json& a : list["items"]) rows.push_back(ActivityRow(a, names, catalogue));
  const auto options = [](const std::vector<std::pair<std::string, std::string>>& values,
                          const std::string& chosen) {
    Json out = Json::array();
    for (const auto& [value, label] : values) {
      out.push_back({{"value", value}, {"label", label}, {"selected", value == chosen}});
    }
    return out;
  };
  std::vector<std::pair<std::string, std::string>> countries, approaches, statuses, types;
  INSPIRE_ASSIGN_OR_RETURN(const auto counts, hub::ActiveActivityCounts(db));
  for (const auto& [iso3, unused] : counts)
    countries.emplace_back(iso3, CountryName(catalogue, iso3));
  for (const auto& a : catalogue.approaches()) approaches.emplace_back(a.id, a.id + " " + a.name);
  for (const auto& s : hub::ActivityStatuses()) statuses.emplace_back(s, Label("status_", s));
  for (const auto& t : hub::OrganizationTypes()) types.emplace_back(t, Label("type_", t));
  // Links keep the filters.
  std::vector<std::pair<std::string, std::string>> kept;
  for (const char* name : {"country", "approach", "status", "organization_type"}) {
    const std::string value = input.Param(name);
    if (!value.empty()) kept.emplace_back(name, value);
  }
  const std::string filters = kept.empty() ? "" : "&" + UrlQuery(kept);
  const int64_t total = list["total"];
  const int64_t pages = std::max<int64_t>(1, (total + query.per_page - 1) / query.per_page);
  Json view = {{"activities", rows},
               {"has_activities", !rows.empty()},
               {"total", total},
               {"page", query.page},
               {"pages", pages},
               {"countries", options(countries, query.country)},
               {"approaches", options(approaches, query.approach)},
               {"statuses", options(statuses, query.status)},
               {"types", options(types, query.organization_type)},
               {"csv_link", "/api/v1/activities/export?format=csv" + filters},
               {"xlsx_link", "/api/v1/activities/export?format=xlsx" + filters},
               {"signed_in", input.signed_in}};
  if (query.page > 1)
    view["previous"] = fmt::format("/activities?page={}{}", query.page - 1, filters);
  if (query.page < pages)
    view["next"] = fmt::format("/activities?page={}{}", query.page + 1, filters);
  return Render("activities", view, Label("", "activities_title"), "activities");
}

core::Result<Page> CoordinationPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const PageInput& input) {
  hub::CoordinationQuery query;
  query.status = "open";
  query.per_page = 500;
  INSPIRE_ASSIGN_OR_RETURN(const Json needs, hub::ListNeeds(db, catalogue, query));
  INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
  Json rows = Json::array();
  for (const Json& need : needs["items"]) {
    INSPIRE_ASSIGN_OR_RETURN(const Json candidates,
                             hub::CandidateOffers(db, catalogue, need["id"].get<int64_t>()));
    Json offers = Json::array();
    for (const Json& c : candidates["items"]) {
      const int64_t org = c["offer"]["organization_id"];
      const auto name = names.find(org);
      offers.push_back({{"offer_id", c["offer"]["id"]},
                        {"organization_id", org},
                        {"organization", name != names.end() ? name->second : ""},
                        {"kind", Label("kind_", c["offer"]["kind"])},
                        {"shared", Joined(c["shared_approaches"])},
                        {"where", Label("where_", c["where"])},
                        {"matched", c["matched"]}});
    }
    rows.push_back({{"need_id", need["id"]},
                    {"country", need["country"]},
                    {"country_name", CountryName(catalogue, need["country"])},
                    {"kind", Label("kind_", need["kind"])},
                    {"description", need["description"]},
                    {"approaches", Joined(need["approaches"])},
                    {"status", Label("status_", need["status"])},
                    {"offers", offers}});
  }
  Json view = {{"needs", rows}, {"signed_in", input.signed_in}, {"staff", input.actor.IsStaff()}};
  if (!input.csrf.empty()) view["csrf"] = input.csrf;
  return Render("coordination", view, Label("", "coordination_title"), "coordination");
}

core::Result<Page> AdminPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const PageInput&, const hub::Actor& actor) {
  if (!actor.IsStaff()) {
    return ErrorPage(403, "Only the admin and the secretariat see this page.");
  }
  Json view = Json::object();
  INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
  if (auto users = hub::ListUsers(db, actor)) {  // admin only
    Json rows = Json::array();
    for (const Json& user : (*users)["items"]) {
      const auto org = user["organization_id"].is_number()
                           ? names.find(user["organization_id"].get<int64_t>())
                           : names.end();
      rows.push_back(
          {{"email", user["email"]},
           {"role", user["role"]},
           {"organization", org != names.end() ? org->second : ""},
           {"country",
            user["country"].is_string() ? CountryName(catalogue, user["country"]) : ""}});
    }
    view["users"] = rows;
    view["users_visible"] = true;
  }
  hub::AuditQuery query;
  query.limit = 100;
  INSPIRE_ASSIGN_OR_RETURN(const Json audit, hub::ListAudit(db, actor, query));
  Json entries = Json::array();
  for (const Json& entry : audit["items"]) {
    entries.push_back({{"at", entry["at"].get<std::string>().substr(0, 19)},
                       {"user", entry["user"]},
                       {"action", entry["action"]},
                       {"entity", entry["entity"]},
                       {"entity_id", entry["entity_id"]}});
  }
  view["audit"] = entries;
  return Render("admin", view, Label("", "admin_title"), "admin");
}

core::Result<Page> LoginPage(const std::string& error, const std::string& email,
                             const std::string& login_token) {
  Json view = {{"email", email}, {"login_token", login_token}};
  if (!error.empty()) view["error"] = error;
  return Render("login", view, Label("", "login_title"));
}

std::string UrlQuery(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    out += out.empty() ? "" : "&";
    out += name + "=";
    for (const unsigned char c : value) {
      if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
        out += static_cast<char>(c);
      } else {
        out += fmt::format("%{:02X}", c);
      }
    }
  }
  return out;
}

core::Result<std::string> RenderDocument(const Page& page, const Viewer& viewer) {
  Json view = {{"title", page.title}, {"main", page.main}};
  if (!page.nav.empty()) view["nav_" + page.nav] = true;
  if (!viewer.email.empty()) view["user"] = {{"email", viewer.email}, {"csrf", viewer.csrf}};
  return RenderTemplate("layout", view);
}

}  // namespace inspire::web
