#include "cli/demo_studies.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "hub/studies.h"

namespace inspire::cli {
namespace {

using Json = nlohmann::ordered_json;

// A small portable generator (the standard distributions differ between libraries): SplitMix64
// for uniforms, Box-Muller for normals.
class Noise {
 public:
  explicit Noise(uint64_t seed) : state_(seed) {}
  double Uniform() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (static_cast<double>(z >> 11) + 0.5) / 9007199254740992.0;
  }
  double Normal() {
    const double u = Uniform(), v = Uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
  }
  int Between(int low, int high) {
    return low + static_cast<int>(Uniform() * (high - low + 1)) % (high - low + 1);
  }

 private:
  uint64_t state_;
};

// One body of evidence: an outcome of some approaches, how it is measured, the true effect the
// fictional studies scatter around and how much they differ (tau).
struct Topic {
  std::vector<std::string> approaches;
  const char* outcome;
  const char* indicator;  // catalogue indicator, or ""
  const char* measure;    // OR, RR, RD, SMD, MD, GEN
  const char* favourable;
  double effect;  // on the analysis scale (log for OR and RR)
  double tau;
  int studies;
  double control;  // events: risk in the control group; means: the control mean
  const char* setting;
};

const std::array<Topic, 9> kTopics = {{
    {{"P4.1", "P4.2"},
     "Violent discipline by caregivers",
     "1.1",
     "OR",
     "lower",
     -0.45,
     0.20,
     7,
     0.45,
     "families with children under 10"},
    {{"P4.2", "P4.3"},
     "Positive parenting practices",
     "OUT-P4",
     "SMD",
     "higher",
     0.35,
     0.15,
     5,
     20,
     "caregivers of adolescents"},
    {{"E7.2"},
     "Bullying victimisation",
     "IMP-07",
     "RR",
     "lower",
     -0.20,
     0.10,
     5,
     0.30,
     "primary and secondary schools"},
    {{"E7.3"},
     "Knowledge of body safety",
     "",
     "SMD",
     "higher",
     0.60,
     0.20,
     4,
     12,
     "primary schools"},
    {{"I5.1"},
     "Physical violence by a caregiver",
     "IMP-10",
     "OR",
     "lower",
     -0.06,
     0.05,
     4,
     0.35,
     "poor households with children"},
    {{"N2.1", "N2.2"},
     "Attitudes accepting violence",
     "OUT-N2a",
     "SMD",
     "lower",
     -0.30,
     0.10,
     3,
     15,
     "communities"},
    {{"R6.1"},
     "Post-traumatic stress symptoms",
     "",
     "SMD",
     "lower",
     -0.50,
     0.25,
     4,
     30,
     "children who experienced violence"},
    {{"E7.5"},
     "Dating violence perpetration",
     "IMP-06",
     "GEN",
     "lower",
     -0.30,
     0.10,
     3,
     0.2,
     "secondary schools"},
    {{"S3.1"},
     "Violence in public spaces",
     "",
     "RD",
     "lower",
     -0.04,
     0.0,
     1,
     0.15,
     "urban neighbourhoods"},
}};

constexpr std::array<const char*, 16> kStudyCountries = {"KEN", "UGA", "TZA", "RWA", "MWI", "ZMB",
                                                         "ZWE", "NGA", "CIV", "KHM", "PHL", "COL",
                                                         "GHA", "ETH", "ZAF", "THA"};
constexpr std::array<const char*, 24> kAuthors = {
    "Achieng", "Banda", "Cruz",  "Diallo", "Eze",    "Fofana", "Garcia",  "Hakizimana",
    "Ibrahim", "Juma",  "Kamau", "Lungu",  "Mensah", "Nguyen", "Okello",  "Phiri",
    "Quispe",  "Reyes", "Sok",   "Tembo",  "Usman",  "Vargas", "Wanjiku", "Zulu"};
constexpr std::array<const char*, 3> kDesigns = {"RCT", "cluster RCT", "quasi-experimental"};
constexpr std::array<const char*, 4> kRisks = {"low", "some concerns", "high", "low"};

double Logistic(double x) { return 1 / (1 + std::exp(-x)); }

// The reported numbers of one study with true effect `theta`.
Json Numbers(const Topic& topic, double theta, Noise& noise) {
  const std::string measure = topic.measure;
  const int n1 = noise.Between(6, 80) * 10, n2 = n1 + noise.Between(-20, 20);
  if (measure == "OR" || measure == "RR" || measure == "RD") {
    const double p2 = std::clamp(topic.control + 0.04 * noise.Normal(), 0.05, 0.9);
    double p1 = measure == "OR"   ? Logistic(std::log(p2 / (1 - p2)) + theta)
                : measure == "RR" ? p2 * std::exp(theta)
                                  : p2 + theta;
    p1 = std::clamp(p1, 0.01, 0.95);
    const auto events = [&](double p, int n) {
      const double drawn = n * p + noise.Normal() * std::sqrt(n * p * (1 - p));
      return std::clamp(std::round(drawn), 0.0, static_cast<double>(n));
    };
    return {{"ai", events(p1, n1)}, {"n1i", n1}, {"ci", events(p2, n2)}, {"n2i", n2}};
  }
  if (measure == "GEN") {
    const double se = 0.08 + 0.2 * noise.Uniform();
    return {{"yi", std::round((theta + se * noise.Normal()) * 1000) / 1000},
            {"sei", std::round(se * 1000) / 1000}};
  }
  const double sd = topic.control * (0.2 + 0.1 * noise.Uniform());
  const double sd1 = sd * (0.9 + 0.2 * noise.Uniform()), sd2 = sd * (0.9 + 0.2 * noise.Uniform());
  const double m2 = topic.control + sd * 0.2 * noise.Normal();
  const double m1 = m2 + theta * sd + sd * std::sqrt(1.0 / n1 + 1.0 / n2) * noise.Normal();
  const auto round1 = [](double v) { return std::round(v * 10) / 10; };
  return {{"m1i", round1(m1)}, {"sd1i", round1(sd1)}, {"n1i", n1},
          {"m2i", round1(m2)}, {"sd2i", round1(sd2)}, {"n2i", n2}};
}

}  // namespace

core::Result<int> AddDemoStudies(store::Connection& db, const catalogue::Catalogue& catalogue,
                                 const hub::Actor& actor) {
  Noise noise(20261129);
  int added = 0;
  size_t author = 0;
  for (const Topic& topic : kTopics) {
    for (int i = 0; i < topic.studies; ++i) {
      const double theta = topic.effect + topic.tau * noise.Normal();
      const int year = 2008 + noise.Between(0, 16);
      const std::string name = fmt::format("{} {}", kAuthors[author % kAuthors.size()], year);
      const std::string country = kStudyCountries[noise.Between(0, kStudyCountries.size() - 1)];
      Json fields = {
          {"study", name},
          {"citation",
           fmt::format("{} A, et al. A fictional {} study of {} ({}). Demo data of INSPIRE Hub; "
                       "not a real publication.",
                       kAuthors[author % kAuthors.size()], kDesigns[author % kDesigns.size()],
                       topic.outcome, year)},
          {"url", fmt::format("https://studies.example/{}", 1000 + author)},
          {"year", year},
          {"country", country},
          {"setting", topic.setting},
          {"design", kDesigns[author % kDesigns.size()]},
          {"risk_of_bias", kRisks[author % kRisks.size()]},
          {"approaches", topic.approaches},
          {"outcome", topic.outcome},
          {"indicator", topic.indicator},
          {"measure", topic.measure},
          {"favourable", topic.favourable},
          {"note", "Fictional demo study."}};
      const Json numbers = Numbers(topic, theta, noise);
      for (const auto& [key, value] : numbers.items()) fields[key] = value;
      const auto created = hub::CreateStudy(db, catalogue, actor, fields);
      if (!created) {
        return core::Fail(created.error().code,
                          fmt::format("demo study {}: {} ({})", name, created.error().message,
                                      created.error().field));
      }
      ++added;
      ++author;
    }
  }
  return added;
}

}  // namespace inspire::cli
