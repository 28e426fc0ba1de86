#include "survey/synthetic.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace inspire::survey::synthetic {

int YesNo(Generator& g, double p_yes, double p_dk, double p_na) {
  const double u = g.Uniform();
  if (u < p_dk) return 8;
  if (u < p_dk + p_na) return 9;
  return g.Chance(p_yes) ? 1 : 2;
}

double Logistic(double x) { return 1 / (1 + std::exp(-x)); }

std::vector<Cluster> MakeClusters(Generator& g, long long rows, int regions) {
  const long long psus = std::max<long long>(8, rows / 25);
  const int strata = regions * 2;
  std::vector<Cluster> clusters;
  // Stratum 1 gets a single PSU (the lonely stratum); the rest share the remaining PSUs.
  for (long long i = 0; i < psus; ++i) {
    const int stratum = i == 0 ? 1 : 2 + static_cast<int>((i - 1) % (strata - 1));
    clusters.push_back({stratum, 0, (stratum - 1) / 2 + 1, stratum % 2 == 0 ? 1 : 2,
                        (0.5 + g.Uniform()) * (1 + 0.3 * (stratum % 5)), 0.6 * g.Normal()});
  }
  std::vector<int> next_psu(strata + 1, 1);
  for (auto& c : clusters) c.psu = next_psu[c.stratum]++;
  return clusters;
}

void WriteVacs(std::ostream& out, long long rows, uint64_t seed, double risk_shift) {
  Generator g(seed);
  const auto clusters = MakeClusters(g, rows, 5);
  out << "cluster,strata,sampleweight,sex,age,region,urban,eversch,married,"
         "sv_touch18,sv_attempt18,sv_forced18,sv_coerced18,sv_any12m,pv18,pv12m,"
         "told_anyone,knew_where,sought_help,received_help,ev18,ever_sex,first_sex_forced\n";
  // The later columns draw from their own generator, so the earlier ones stay as they were.
  Generator extra(seed ^ 0x5eedULL);
  for (long long r = 0; r < rows; ++r) {
    const Cluster& c = clusters[static_cast<size_t>(r % static_cast<long long>(clusters.size()))];
    const int sex = g.Chance(0.5) ? 1 : 2;
    const int age = g.Chance(0.003) ? 99 : g.Between(13, 24);
    const double risk = risk_shift + c.effect + (sex == 2 ? 0.3 : 0) + (c.urban == 1 ? 0.2 : 0);
    const double weight = c.weight_base * (0.8 + 0.4 * g.Uniform()) * 1000;
    const bool adult = age >= 18 && age != 99;
    const double p_sv = Logistic(-2.0 + risk);
    auto sv18 = [&] { return adult ? std::to_string(YesNo(g, p_sv)) : std::string(); };
    const std::string sv12 =
        (!adult && age != 99) ? std::to_string(YesNo(g, Logistic(-2.6 + risk))) : "";
    const int pv18 = YesNo(g, Logistic(-0.8 + risk));
    const int pv12 = YesNo(g, Logistic(-1.5 + risk));
    const bool victim = pv12 == 1 || sv12 == "1";
    // Help-seeking is asked only of those who experienced violence; received only if sought.
    std::string told, knew, sought, received;
    if (victim) {
      told = std::to_string(YesNo(g, 0.4));
      knew = std::to_string(YesNo(g, 0.22));
      const int s = YesNo(g, 0.1);
      sought = std::to_string(s);
      if (s == 1) received = std::to_string(YesNo(g, 0.6));
    }
    out << c.psu << ',' << c.stratum << ',' << weight << ',' << sex << ',' << age << ',' << c.region
        << ',' << c.urban << ',' << YesNo(g, 0.85) << ',' << g.Between(1, 3) << ',' << sv18() << ','
        << sv18() << ',' << sv18() << ',' << sv18() << ',' << sv12 << ',' << pv18 << ',' << pv12
        << ',' << told << ',' << knew << ',' << sought << ',' << received << ',';
    const int ever_sex = YesNo(extra, adult ? 0.6 : 0.2);
    out << YesNo(extra, Logistic(-1.2 + risk)) << ',' << ever_sex << ','
        << (ever_sex == 1 ? std::to_string(YesNo(extra, Logistic(-1.8 + risk))) : "") << '\n';
  }
}

}  // namespace inspire::survey::synthetic
