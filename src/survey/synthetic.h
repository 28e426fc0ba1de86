// A synthetic, clearly fictional stratified cluster survey in the layout of a VACS respondent
// file, for the demo hub, the tests and the benchmarks (`make-survey`). Never real data:
// deterministic for a given seed. `risk_shift` moves every violence item's log-odds (the demo
// uses it to give each country and survey round its own level).
#ifndef INSPIRE_SURVEY_SYNTHETIC_H_
#define INSPIRE_SURVEY_SYNTHETIC_H_

#include <cstdint>
#include <ostream>
#include <random>
#include <vector>

namespace inspire::survey::synthetic {

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool Chance(double p) { return Uniform() < p; }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double Normal() { return std::normal_distribution<double>(0, 1)(rng_); }

 private:
  std::mt19937_64 rng_;
};

// 1 yes / 2 no with a small share of 8 (don't know) and 9 (no answer).
int YesNo(Generator& g, double p_yes, double p_dk = 0.01, double p_na = 0.005);

double Logistic(double x);

struct Cluster {
  int stratum;
  int psu;  // restarts at 1 within each stratum
  int region;
  int urban;
  double weight_base;
  double effect;  // shared PSU effect, makes answers correlated within a PSU
};

// About 25 respondents per PSU, strata = regions x urban/rural, stratum 1 with a single PSU.
std::vector<Cluster> MakeClusters(Generator& g, long long rows, int regions);

// The VACS layout (5 regions): cluster, strata, sampleweight, sex, age, region, urban, ... with
// skip patterns and don't-know / no-answer codes; the last columns (emotional violence, first
// sexual experience) draw from a second generator, so adding them left the others unchanged.
void WriteVacs(std::ostream& out, long long rows, uint64_t seed, double risk_shift = 0);

}  // namespace inspire::survey::synthetic

#endif  // INSPIRE_SURVEY_SYNTHETIC_H_
