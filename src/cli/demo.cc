#include "cli/demo.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>

#include "cli/demo_implementation.h"
#include "cli/demo_membership.h"
#include "cli/demo_rule.h"
#include "cli/demo_studies.h"
#include "cli/demo_working_group.h"
#include "cli/estimate_command.h"
#include "hub/accounts.h"
#include "hub/activities.h"
#include "hub/coordination.h"
#include "hub/estimates.h"
#include "hub/hub_database.h"
#include "hub/organizations.h"
#include "hub/targets.h"
#include "hub/write.h"
#include "survey/output.h"
#include "survey/synthetic.h"

namespace inspire::cli {
namespace {

using Json = nlohmann::ordered_json;

// Twenty real countries where the demo's fictional members work; the first twelve also have
// synthetic survey rounds. `level` moves the log-odds of violence in their surveys.
struct DemoCountry {
  const char* iso3;
  double level;
  const char* area;  // a made-up sub-national area label
};
constexpr DemoCountry kCountries[] = {
    {"KEN", 0.10, "Coast region"},       {"UGA", 0.25, "Northern region"},
    {"TZA", 0.05, "Lake zone"},          {"RWA", -0.20, "Eastern province"},
    {"MWI", 0.20, "Southern region"},    {"ZMB", 0.15, "Copperbelt"},
    {"ZWE", 0.00, "Midlands"},           {"NGA", 0.30, "North-east zone"},
    {"CIV", -0.05, "Western districts"}, {"KHM", -0.30, "Border provinces"},
    {"PHL", -0.10, "Island provinces"},  {"COL", -0.15, "Pacific coast"},
    {"GHA", 0, "Northern regions"},      {"ETH", 0, "Highland zones"},
    {"ZAF", 0, "Eastern Cape"},          {"LAO", 0, "Northern provinces"},
    {"IND", 0, "Eastern states"},        {"GTM", 0, "Western highlands"},
    {"HND", 0, "Northern coast"},        {"JOR", 0, "Host communities"}};
constexpr size_t kSurveyedCountries = 12;
constexpr int kRounds[] = {2013, 2018, 2023};

struct DemoOrganization {
  const char* name;
  const char* acronym;
  const char* type;
  const char* wg_role;
};
// Made-up names; every web address is under the reserved .example domain.
constexpr DemoOrganization kOrganizations[] = {
    {"Global Office for Childhood Safety", "GOCS", "un_agency", "co_chair"},
    {"United Programme on Health and Protection", "UPHP", "un_agency", "co_chair"},
    {"Interagency Bureau for Learning", "IBL", "un_agency", "member"},
    {"Northern Cooperation Agency", "NCA", "bilateral_agency", "member"},
    {"Development Partnership Service", "DPS", "bilateral_agency", "member"},
    {"Overseas Aid Directorate", "OAD", "bilateral_agency", "community_of_practice"},
    {"Safe Childhoods Network", "SCN", "international_network", "secretariat"},
    {"Alliance for Nonviolent Schools", "ANS", "international_network", "member"},
    {"Parenting Without Harm Coalition", "PWHC", "international_network", "member"},
    {"Society of Child Protection Practitioners", "SCPP", "professional_association", "member"},
    {"Association of Paediatric Social Workers", "APSW", "professional_association",
     "community_of_practice"},
    {"College of School Counsellors", "CSC", "professional_association", "community_of_practice"},
    {"Lakeside Children's Rights Forum", "LCRF", "national_ngo", "member"},
    {"Hillcrest Family Support Trust", "HFST", "national_ngo", "member"},
    {"Riverbend Youth Action", "RYA", "national_ngo", "community_of_practice"},
    {"Sunrise Helpline Foundation", "SHF", "national_ngo", "member"},
    {"Meadow Street Girls' Collective", "MSGC", "grassroots_group", "community_of_practice"},
    {"Village Parents' Circle", "VPC", "grassroots_group", "community_of_practice"},
    {"Market Women's Savings Group", "MWSG", "grassroots_group", "community_of_practice"},
    {"Youth Peer Mentors Club", "YPMC", "grassroots_group", "community_of_practice"},
    {"National Council for Children (demo country)", "NCC", "government_body", "member"},
    {"Ministry of Social Welfare Demonstration Unit", "MSWDU", "government_body", "member"},
    {"Office of the Children's Commissioner (demo)", "OCC", "government_body",
     "community_of_practice"},
    {"Evergreen Childhood Foundation", "ECF", "foundation", "member"},
    {"Bright Futures Philanthropies", "BFP", "foundation", "member"},
    {"Keystone Giving Trust", "KGT", "foundation", "community_of_practice"},
    {"Institute for Violence Prevention Research", "IVPR", "academia", "member"},
    {"Centre for Child Wellbeing Studies", "CCWS", "academia", "member"},
    {"School of Public Health Evaluation Lab", "SPHEL", "academia", "community_of_practice"},
    {"Population Data Collaborative", "PDC", "academia", "member"},
    {"SafeNet Telecom Foundation", "STF", "private_sector", "community_of_practice"},
    {"Harbour Bank Social Fund", "HBSF", "private_sector", "community_of_practice"},
    {"Open Platforms for Children", "OPC", "private_sector", "community_of_practice"},
    {"Regional Network of Child Helplines", "RNCH", "international_network", "member"},
    {"Faith Leaders for Children Council", "FLCC", "international_network",
     "community_of_practice"},
    {"Law Reform Advocates for Children", "LRAC", "national_ngo", "member"},
};

constexpr const char* kPopulations[] = {"adolescent girls 10-19",
                                        "parents and caregivers of children under 5",
                                        "primary school pupils",
                                        "secondary school students",
                                        "children and adolescents in residential care",
                                        "survivors of violence under 18",
                                        "social workers and police officers",
                                        "adolescent boys and young men"};
constexpr const char* kFunders[] = {"Pooled fund",      "Bilateral grant",  "Government budget",
                                    "Foundation grant", "Private donation", "Own resources"};
constexpr const char* kCurrencies[] = {"USD", "EUR", "GBP"};

class Picker {
 public:
  explicit Picker(uint64_t seed) : rng_(seed) {}
  size_t Index(size_t size) { return std::uniform_int_distribution<size_t>(0, size - 1)(rng_); }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  template <typename T, size_t N>
  const T& From(const T (&items)[N]) {
    return items[Index(N)];
  }
  template <typename T>
  const T& From(const std::vector<T>& items) {
    return items[Index(items.size())];
  }

 private:
  std::mt19937_64 rng_;
};

std::string Slug(std::string_view acronym) {
  std::string slug;
  for (const char c : acronym)
    slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return slug;
}

// 1-3 approaches, mostly from one strategy.
Json PickApproaches(Picker& pick, const catalogue::Catalogue& catalogue) {
  const auto& approaches = catalogue.approaches();
  const catalogue::Approach& first = pick.From(approaches);
  std::vector<std::string> ids = {first.id};
  const int more = pick.Between(0, 2);
  for (int i = 0; i < more; ++i) {
    const catalogue::Approach& other = pick.From(approaches);
    if (other.strategy_id == first.strategy_id || pick.Chance(0.3)) {
      if (std::find(ids.begin(), ids.end(), other.id) == ids.end()) ids.push_back(other.id);
    }
  }
  return ids;
}

// Estimates one synthetic survey round and publishes it.
core::Result<int> PublishRound(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const std::filesystem::path& data_dir,
                               const std::filesystem::path& folder, const DemoCountry& country,
                               size_t country_index, size_t round) {
  const int year = kRounds[round];
  const std::filesystem::path file =
      folder / fmt::format("{}-vacs-{}-synthetic.csv", Slug(country.iso3), year);
  {
    std::ofstream out(file);
    out.precision(10);
    // Violence falls from round to round, faster in some countries than in others.
    const double trend =
        -(0.12 + 0.04 * static_cast<double>(country_index % 3)) * static_cast<double>(round);
    // The last surveyed country's latest round was a small interim survey: some of its groups
    // have too few respondents and are suppressed, as happens in real survey rounds.
    const bool pilot = country_index + 1 == kSurveyedCountries && round + 1 == std::size(kRounds);
    const long long rows = pilot ? 300 : 3000 + 250 * static_cast<long long>(country_index % 4);
    survey::synthetic::WriteVacs(out, rows, 1000 * (country_index + 1) + round,
                                 country.level + trend);
    if (!out.good()) {
      return core::Fail(core::ErrorCode::kIo, fmt::format("cannot write {}", file.string()));
    }
  }
  EstimateRequest request;
  request.data = {file.string()};
  request.recipe = "builtin:vacs";
  request.lonely_psu = "adjust";
  request.threads = 1;
  INSPIRE_ASSIGN_OR_RETURN(
      const EstimateOutput output, ComputeEstimates(request, data_dir, [&](const std::string& id) {
        const catalogue::Indicator* indicator = catalogue.FindIndicator(id);
        return indicator != nullptr ? std::optional(indicator->name) : std::nullopt;
      }));
  hub::PublishRequest publish;
  publish.country = country.iso3;
  publish.year = year;
  publish.source = fmt::format("VACS {} (synthetic demo survey)", year);
  publish.file = survey::EstimatesJson(output.rows, output.provenance);
  INSPIRE_ASSIGN_OR_RETURN(const Json published,
                           hub::PublishEstimates(db, catalogue, hub::Actor::System(), publish));
  return published["rows"].get<int>();
}

// What the demo's parts share while the database fills: the records made so far, and one
// picker so that the whole set follows from its seed.
struct Filling {
  store::Connection& db;
  const catalogue::Catalogue& catalogue;
  const std::filesystem::path& data_dir;
  const std::filesystem::path& folder;
  const hub::Actor system = hub::Actor::System();
  Picker pick{2016};
  DemoSummary summary{};
  std::vector<int64_t> org_ids{}, offer_ids{}, need_ids{};
  std::vector<std::vector<std::string>> org_countries{};
};

// Organisations, each working in 2-6 of the demo countries.
core::Result<void> AddOrganizations(Filling& f) {
  for (const auto& org : kOrganizations) {
    std::vector<std::string> countries;
    const int count = f.pick.Between(2, 6);
    for (int i = 0; i < count; ++i) {
      const std::string iso3 = f.pick.From(kCountries).iso3;
      if (std::find(countries.begin(), countries.end(), iso3) == countries.end()) {
        countries.push_back(iso3);
      }
    }
    const std::string slug = Slug(org.acronym);
    Json fields = {
        {"name", org.name},
        {"acronym", org.acronym},
        {"type", org.type},
        {"wg_role", org.wg_role},
        {"website", fmt::format("https://{}.example", slug)},
        {"countries", countries},
        {"focal_points", Json::array({{{"name", fmt::format("{} focal point", org.acronym)},
                                       {"email", fmt::format("focal.point@{}.example", slug)},
                                       {"role", "INSPIRE focal point"}}})}};
    const auto created = hub::CreateOrganization(f.db, f.catalogue, f.system, fields);
    INSPIRE_RETURN_IF_ERROR(DemoRule(created, "organisation"));
    f.org_ids.push_back((*created)["id"].get<int64_t>());
    f.org_countries.push_back(countries);
    ++f.summary.organizations;
  }
  return {};
}

// Activities: 2-6 per organisation in its countries.
core::Result<void> AddActivities(Filling& f) {
  for (size_t o = 0; o < f.org_ids.size(); ++o) {
    const int count = f.pick.Between(2, 6);
    for (int i = 0; i < count; ++i) {
      const std::string iso3 = f.pick.From(f.org_countries[o]);
      const auto* country = std::find_if(std::begin(kCountries), std::end(kCountries),
                                         [&](const DemoCountry& c) { return iso3 == c.iso3; });
      const Json approaches = PickApproaches(f.pick, f.catalogue);
      const catalogue::Approach* approach =
          f.catalogue.FindApproach(approaches[0].get<std::string>());
      const int start = f.pick.Between(2018, 2026);
      const int length = f.pick.Between(1, 4);
      const std::string status = start > 2026 - 1        ? "planned"
                                 : start + length < 2026 ? "completed"
                                                         : "ongoing";
      const bool national = f.pick.Chance(0.6);
      Json fields = {
          {"organization_id", f.org_ids[o]},
          {"title",
           fmt::format("{}{}", approach->name, national ? "" : " — " + std::string(country->area))},
          {"description",
           fmt::format("Fictional demo activity: {} works on {} with {}.",
                       kOrganizations[o].acronym, approach->name, f.pick.From(kPopulations))},
          {"country", iso3},
          {"area", national ? "" : country->area},
          {"status", status},
          {"approaches", approaches},
          {"start_date", fmt::format("{}-{:02}", start, f.pick.Between(1, 12))},
          {"end_date", fmt::format("{}-12", start + length)},
          {"target_population", f.pick.From(kPopulations)},
          {"people_reached", status == "planned" ? Json() : Json(f.pick.Between(2, 400) * 50)},
          {"funding_source", f.pick.From(kFunders)}};
      if (f.pick.Chance(0.7)) {
        fields["budget"] = f.pick.Between(2, 300) * 5000;
        fields["currency"] = f.pick.From(kCurrencies);
      }
      INSPIRE_RETURN_IF_ERROR(
          DemoRule(hub::CreateActivity(f.db, f.catalogue, f.system, fields), "activity"));
      ++f.summary.activities;
    }
  }
  return {};
}

// Offers, mostly from UN agencies, networks, academia and foundations.
core::Result<void> AddOffers(Filling& f) {
  const auto& kinds = hub::SupportKinds();
  for (size_t o = 0; o < f.org_ids.size(); ++o) {
    const std::string type = kOrganizations[o].type;
    const bool offers_support = type == "un_agency" || type == "international_network" ||
                                type == "academia" || type == "foundation" ||
                                type == "bilateral_agency" || type == "professional_association";
    if (!offers_support) continue;
    const int count = f.pick.Between(1, 2);
    for (int i = 0; i < count; ++i) {
      Json fields = {
          {"organization_id", f.org_ids[o]},
          {"kind", f.pick.From(kinds)},
          {"approaches", PickApproaches(f.pick, f.catalogue)},
          {"capacity", fmt::format("Fictional: up to {} requests a year", f.pick.Between(2, 12))}};
      if (f.pick.Chance(0.4)) {
        fields["regions"] = Json::array({f.pick.Chance(0.5) ? "AFR" : "ESA"});
      } else {
        fields["countries"] = f.org_countries[o];
      }
      const auto created = hub::CreateOffer(f.db, f.catalogue, f.system, fields);
      INSPIRE_RETURN_IF_ERROR(DemoRule(created, "offer"));
      f.offer_ids.push_back((*created)["id"].get<int64_t>());
      ++f.summary.offers;
    }
  }
  return {};
}

// Needs: 26 requests for support; the first few matched with their best candidate.
core::Result<void> AddNeeds(Filling& f) {
  const auto& kinds = hub::SupportKinds();
  for (int i = 0; i < 26; ++i) {
    const DemoCountry& country = kCountries[static_cast<size_t>(i) % std::size(kCountries)];
    // Every fourth need asks for what some offer gives, so that the demo has matches to show.
    const bool fitting = i % 4 == 0 && !f.offer_ids.empty();
    Json offer;
    if (fitting) {
      INSPIRE_ASSIGN_OR_RETURN(offer,
                               hub::GetOffer(f.db, f.offer_ids[f.pick.Index(f.offer_ids.size())]));
    }
    Json fields = {
        {"country", country.iso3},
        {"kind", fitting ? offer["kind"] : Json(f.pick.From(kinds))},
        {"approaches", fitting ? offer["approaches"] : PickApproaches(f.pick, f.catalogue)},
        {"description",
         fmt::format("Fictional demo request from {}: support to scale up work in {}.",
                     country.iso3, country.area)}};
    if (i % 5 == 4) fields["status"] = "closed";
    const auto created = hub::CreateNeed(f.db, f.catalogue, f.system, fields);
    INSPIRE_RETURN_IF_ERROR(DemoRule(created, "need"));
    f.need_ids.push_back((*created)["id"].get<int64_t>());
    ++f.summary.needs;
    if (fitting) {
      const int64_t need = (*created)["id"].get<int64_t>();
      INSPIRE_ASSIGN_OR_RETURN(const Json candidates,
                               hub::CandidateOffers(f.db, f.catalogue, need));
      if (!candidates["items"].empty()) {
        const int64_t best = candidates["items"][0]["offer"]["id"].get<int64_t>();
        INSPIRE_RETURN_IF_ERROR(
            DemoRule(hub::MarkMatch(f.db, f.catalogue, f.system, need, best), "match"));
        ++f.summary.matches;
      }
    }
  }
  return {};
}

// Survey rounds, their estimates, and a baseline and target from the first round.
core::Result<void> AddSurveyRounds(Filling& f) {
  for (size_t c = 0; c < kSurveyedCountries; ++c) {
    for (size_t round = 0; round < std::size(kRounds); ++round) {
      INSPIRE_ASSIGN_OR_RETURN(const int rows, PublishRound(f.db, f.catalogue, f.data_dir, f.folder,
                                                            kCountries[c], c, round));
      f.summary.estimates += rows;
      ++f.summary.surveys;
    }
    for (const char* indicator : {"1.3", "1.4"}) {
      hub::EstimateQuery query;
      query.indicator = indicator;
      query.country = kCountries[c].iso3;
      query.year = kRounds[0];
      query.domain = "total";
      INSPIRE_ASSIGN_OR_RETURN(const Json first, hub::ListEstimates(f.db, query));
      if (first["items"].empty() || first["items"][0]["estimate"].is_null()) continue;
      const double baseline = first["items"][0]["estimate"].get<double>();
      const Json fields = {{"country", kCountries[c].iso3},
                           {"indicator", indicator},
                           {"direction", "decrease"},
                           {"baseline_value", std::round(baseline * 1000) / 1000},
                           {"baseline_year", kRounds[0]},
                           {"baseline_source", fmt::format("VACS {} (synthetic)", kRounds[0])},
                           {"target_value", std::round(baseline * 500) / 1000},
                           {"target_year", 2030},
                           {"note", "Fictional demo target: halve the baseline by 2030."}};
      INSPIRE_RETURN_IF_ERROR(
          DemoRule(hub::CreateTarget(f.db, f.catalogue, f.system, fields), "target"));
      ++f.summary.targets;
    }
  }
  return {};
}

core::Result<DemoSummary> Fill(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const std::filesystem::path& data_dir,
                               const std::filesystem::path& folder) {
  Filling f{db, catalogue, data_dir, folder};
  f.summary.filled = true;
  INSPIRE_RETURN_IF_ERROR(AddOrganizations(f));
  INSPIRE_RETURN_IF_ERROR(AddActivities(f));
  INSPIRE_RETURN_IF_ERROR(AddOffers(f));
  INSPIRE_RETURN_IF_ERROR(AddNeeds(f));
  INSPIRE_RETURN_IF_ERROR(AddSurveyRounds(f));

  // The evidence: fictional studies of several approaches.
  INSPIRE_ASSIGN_OR_RETURN(f.summary.studies, AddDemoStudies(f.db, f.catalogue, f.system));

  // Implementation rounds: a baseline and a review for each demo country.
  std::vector<std::string> round_countries;
  for (const auto& country : kCountries) round_countries.emplace_back(country.iso3);
  INSPIRE_ASSIGN_OR_RETURN(f.summary.rounds, AddDemoRounds(f.db, f.catalogue, round_countries));

  // The working group's own business: work plan, a year of meetings, decisions and actions.
  INSPIRE_ASSIGN_OR_RETURN(f.summary.working_group,
                           AddDemoWorkingGroup(f.db, f.catalogue, f.org_ids, f.need_ids));
  INSPIRE_ASSIGN_OR_RETURN(f.summary.membership,
                           AddDemoMembership(f.db, f.catalogue, f.org_ids, f.need_ids));
  INSPIRE_ASSIGN_OR_RETURN(f.summary.library, AddDemoLibrary(f.db, f.catalogue, f.org_ids));

  // A demo admin with a fresh random password, printed once by `inspire serve --demo`.
  f.summary.admin_email = "admin@hub.example";
  f.summary.admin_password = hub::RandomPassword(f.summary.admin_email);
  hub::NewUser admin{f.summary.admin_email, f.summary.admin_password, "admin", std::nullopt, ""};
  INSPIRE_RETURN_IF_ERROR(DemoRule(hub::CreateUser(f.db, f.catalogue, f.system, admin), "user"));
  return f.summary;
}

}  // namespace

core::Result<DemoSummary> FillDemo(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const std::filesystem::path& data_dir) {
  INSPIRE_ASSIGN_OR_RETURN(const bool empty, hub::HubIsEmpty(db));
  if (!empty) return DemoSummary{};
  // The synthetic survey files live in a private temporary folder, removed afterwards.
  std::string pattern = (std::filesystem::temp_directory_path() / "inspire-demo-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return core::Fail(core::ErrorCode::kIo, "cannot make a temporary folder for the demo surveys");
  }
  const std::filesystem::path folder = pattern;
  auto summary = hub::Write<DemoSummary>(
      db, [&](store::Connection& c) { return Fill(c, catalogue, data_dir, folder); });
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  return summary;
}

}  // namespace inspire::cli
