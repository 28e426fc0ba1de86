#include "cli/demo_implementation.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "hub/implementation_fields.h"
#include "hub/implementation_rounds.h"
#include "hub/implementation_sections.h"

namespace inspire::cli {
namespace {

using Json = nlohmann::ordered_json;

// A country's fictional answers, drawn from one seeded generator.
class Answers {
 public:
  Answers(uint64_t seed, double capacity) : rng_(seed), capacity_(capacity) {}

  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  // One of `choices`, the later ones likelier as capacity grows.
  std::string Graded(const std::vector<std::string>& choices) {
    const double draw =
        std::clamp(capacity_ + std::normal_distribution<double>(0, 0.25)(rng_), 0.0, 0.999);
    return choices[static_cast<size_t>(draw * static_cast<double>(choices.size()))];
  }
  double capacity() const { return capacity_; }

 private:
  std::mt19937_64 rng_;
  double capacity_;
};

// How likely a government supports an approach of each strategy, before capacity.
double SupportLikelihood(const std::string& strategy) {
  if (strategy == "I1") return 0.85;
  if (strategy == "P4" || strategy == "R6") return 0.65;
  if (strategy == "E7" || strategy == "S3") return 0.55;
  if (strategy == "I5") return 0.3;
  return 0.45;
}

Json Laws(const catalogue::Catalogue& catalogue, Answers& answers) {
  Json laws = Json::array();
  for (const auto& kind : catalogue.law_kinds()) {
    // Every item takes the same draws whatever it answers, so that a round made with more
    // capacity from the same seed mostly moves forward.
    const bool unanswered = answers.Chance(0.08);
    const std::string in_place = answers.Graded({"no", "partly", "yes", "yes"});
    const std::string enforcement = answers.Graded({"not", "partly", "mostly", "fully"});
    if (unanswered) continue;
    Json law = {{"law", kind.id}, {"in_place", in_place}};
    if (in_place != "no") {
      law["enforcement"] = enforcement;
      law["citation"] = fmt::format("Fictional Act No. {} (demo)", 10 + kind.id.size());
    }
    laws.push_back(std::move(law));
  }
  return laws;
}

Json Approaches(const catalogue::Catalogue& catalogue, Answers& answers) {
  Json items = Json::array();
  for (const auto& approach : catalogue.approaches()) {
    const bool unanswered = answers.Chance(0.06);
    const double p = SupportLikelihood(approach.strategy_id) * (0.6 + 0.6 * answers.capacity());
    const bool supported = answers.Chance(p);
    const std::string reach = answers.Graded({"few", "some", "most", "all"});
    const std::string scale = answers.Graded({"pilot", "subnational", "national"});
    if (unanswered) continue;
    Json item = {{"approach", approach.id}, {"support", supported ? "yes" : "no"}};
    if (supported) {
      item["reach"] = reach;
      item["scale"] = scale;
    }
    items.push_back(std::move(item));
  }
  return items;
}

Json Plans(Answers& answers, int year) {
  if (!answers.Chance(0.55 + 0.4 * answers.capacity())) return Json::array();
  Json forms = {"maltreatment", "sexual-violence"};
  if (answers.Chance(0.6)) forms.push_back("bullying");
  if (answers.Chance(0.5)) forms.push_back("online-abuse");
  return Json::array({{{"title", fmt::format("National action plan to end violence against "
                                             "children {}-{} (fictional)",
                                             year - 1, year + 3)},
                       {"start_year", year - 1},
                       {"end_year", year + 3},
                       {"forms", forms},
                       {"strategies", {"I1", "P4", "R6", "E7"}},
                       {"funding", answers.Graded({"none", "partial", "partial", "full"})},
                       {"costed", answers.Chance(0.5) ? "yes" : "no"},
                       {"measurable_targets", answers.Chance(0.45) ? "yes" : "no"},
                       {"baselines", answers.Chance(0.35) ? "yes" : "no"},
                       {"monitoring_framework", answers.Chance(0.5) ? "yes" : "no"}}});
}

Json Surveys(Answers& answers, int year) {
  if (!answers.Chance(0.5 + 0.45 * answers.capacity())) return Json::array();
  // The year before the round: the demo's synthetic surveys of 2018 and 2023 are published.
  return Json::array(
      {{{"name", fmt::format("Violence against children survey {} (fictional)", year - 1)},
        {"year", year - 1},
        {"age_min", 13},
        {"age_max", 24},
        {"forms", {"maltreatment", "sexual-violence", "partner-violence"}},
        {"national", "yes"}}});
}

Json Milestones(Answers& answers, int year) {
  Json items = Json::array();
  int reached = static_cast<int>(answers.capacity() * 8);
  for (const auto& milestone : hub::Milestones()) {
    const bool done = reached-- > 0;
    items.push_back({{"milestone", milestone},
                     {"state", done ? "reached" : (reached > -2 ? "in-progress" : "not-started")},
                     {"date", done ? fmt::format("{}-0{}", year - 2, 1 + items.size()) : ""}});
  }
  return items;
}

core::Result<void> SaveAll(store::Connection& db, const catalogue::Catalogue& catalogue, int64_t id,
                           Answers& answers, int year) {
  const hub::Actor system = hub::Actor::System();
  const std::vector<std::pair<const char*, Json>> sections = {
      {"laws", Laws(catalogue, answers)},
      {"approaches", Approaches(catalogue, answers)},
      {"plans", Plans(answers, year)},
      {"surveys", Surveys(answers, year)},
      {"milestones", Milestones(answers, year)}};
  for (const auto& [name, items] : sections) {
    INSPIRE_RETURN_IF_ERROR(hub::SaveSection(db, catalogue, system, id, name, items));
  }
  return {};
}

// Moves round `id` through the review to `status`.
core::Result<void> Review(store::Connection& db, const catalogue::Catalogue& catalogue, int64_t id,
                          const std::string& status) {
  const hub::Actor system = hub::Actor::System();
  if (status == "draft") return {};
  INSPIRE_RETURN_IF_ERROR(hub::ChangeRoundStatus(db, catalogue, system, id, "submitted", ""));
  if (status == "returned" || status == "validated") {
    const std::string reason =
        status == "returned" ? "Please add the year each law came into force (demo)." : "";
    INSPIRE_RETURN_IF_ERROR(hub::ChangeRoundStatus(db, catalogue, system, id, status, reason));
  }
  return {};
}

core::Result<int64_t> Start(store::Connection& db, const catalogue::Catalogue& catalogue,
                            const std::string& country, int year, Json more) {
  more["country"] = country;
  more["label"] = fmt::format("{} {}", year, year < 2020 ? "baseline" : "review");
  more["reference_year"] = year;
  more["responding_agency"] = "Ministry responsible for child protection (fictional)";
  more["consensus_meeting"] = "yes";
  more["consensus_sectors"] = {"health", "education", "social-welfare", "justice"};
  INSPIRE_ASSIGN_OR_RETURN(const Json round,
                           hub::CreateRound(db, catalogue, hub::Actor::System(), more));
  return round["id"].get<int64_t>();
}

}  // namespace

core::Result<int> AddDemoRounds(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const std::vector<std::string>& countries) {
  const std::vector<std::string> review_status = {"validated", "validated", "submitted",
                                                  "validated", "returned",  "validated",
                                                  "draft",     "validated"};
  int rounds = 0;
  for (size_t i = 0; i < countries.size(); ++i) {
    const double capacity = 0.15 + 0.7 * static_cast<double>((i * 7) % countries.size()) /
                                       static_cast<double>(countries.size());
    Answers baseline(1000 + i, capacity);
    INSPIRE_ASSIGN_OR_RETURN(
        const int64_t first,
        Start(db, catalogue, countries[i], 2019,
              {{"homicide_data", baseline.Graded({"none", "partial", "by-age-and-sex"})}}));
    INSPIRE_RETURN_IF_ERROR(SaveAll(db, catalogue, first, baseline, 2019));
    INSPIRE_RETURN_IF_ERROR(Review(db, catalogue, first, "validated"));
    Answers review(1000 + i, std::min(capacity + 0.15, 0.95));  // the same draws: mostly progress
    INSPIRE_ASSIGN_OR_RETURN(
        const int64_t second,
        Start(db, catalogue, countries[i], 2024,
              {{"copied_from", first},
               {"baselines_set", review.Chance(0.4) ? "yes" : "no"},
               {"targets_set", review.Chance(0.3) ? "yes" : "no"},
               {"homicide_data", review.Graded({"none", "partial", "by-age-and-sex"})}}));
    INSPIRE_RETURN_IF_ERROR(SaveAll(db, catalogue, second, review, 2024));
    INSPIRE_RETURN_IF_ERROR(Review(db, catalogue, second, review_status[i % review_status.size()]));
    rounds += 2;
  }
  return rounds;
}

}  // namespace inspire::cli
