// make-survey: writes a synthetic, clearly fictional stratified cluster survey as CSV, for the
// demo, the tests and the benchmarks. Never real data. Deterministic for a given seed.
//
//   make-survey --layout vacs|bench|mics6-fs|mics6-ch|dhs-ir --rows N [--seed S] --out FILE.csv
//
// Design: strata (region x urban/rural, 40+ for the bench layout), PSUs nested in strata with
// about 25 respondents each, one stratum with a single PSU ("lonely"), design weights that vary
// by stratum and PSU. Items carry skip patterns (questions not asked are empty) and the usual
// don't-know / no-answer codes (8, 9; 98, 99 for ages).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "survey/synthetic.h"

namespace {

struct Options {
  std::string layout = "vacs";
  long long rows = 5000;
  unsigned long long seed = 20161;
  std::string out;
};

[[noreturn]] void Usage(const char* message) {
  std::fprintf(stderr,
               "make-survey: %s\nusage: make-survey --layout vacs|bench --rows N "
               "[--seed S] --out FILE.csv\n",
               message);
  std::exit(2);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) Usage(("missing value for " + flag).c_str());
    const std::string value = argv[++i];
    if (flag == "--layout") {
      o.layout = value;
    } else if (flag == "--rows") {
      o.rows = std::strtoll(value.c_str(), nullptr, 10);
    } else if (flag == "--seed") {
      o.seed = std::strtoull(value.c_str(), nullptr, 10);
    } else if (flag == "--out") {
      o.out = value;
    } else {
      Usage(("unknown flag " + flag).c_str());
    }
  }
  if (o.out.empty()) Usage("--out is required");
  if (o.rows < 100) Usage("--rows must be at least 100");
  if (o.layout != "vacs" && o.layout != "bench" && o.layout != "mics6-fs" &&
      o.layout != "mics6-ch" && o.layout != "dhs-ir") {
    Usage("--layout must be vacs, bench, mics6-fs, mics6-ch or dhs-ir");
  }
  return o;
}

using inspire::survey::synthetic::Cluster;
using inspire::survey::synthetic::Generator;
using inspire::survey::synthetic::Logistic;
using inspire::survey::synthetic::MakeClusters;
using inspire::survey::synthetic::YesNo;

void WriteVacs(const Options& o, std::ofstream& out) {
  inspire::survey::synthetic::WriteVacs(out, o.rows, o.seed);
}

void WriteBench(const Options& o, std::ofstream& out) {
  Generator g(o.seed);
  const auto clusters = MakeClusters(g, o.rows, 21);  // 42 strata
  out << "psu,stratum,weight,region,urban,sex,age,wealth,educ,married";
  for (char item = 'a'; item <= 'k'; ++item) out << ",cd_" << item;
  out << ",attitude,sv18,sv12m,pv12m,ipv12m,partnered,told,sought,received,bullied,fight,"
         "safe_school,enrolled,cash\n";
  // As in real files, rows come sorted by cluster, and weights are set per household
  // (a cluster weight times the number of eligible members, 1-4).
  const auto cluster_count = static_cast<long long>(clusters.size());
  int household_factor = 1;
  for (long long r = 0; r < o.rows; ++r) {
    const Cluster& c = clusters[static_cast<size_t>(r * cluster_count / o.rows)];
    if (r % 3 == 0) household_factor = g.Between(1, 4);
    const int sex = g.Chance(0.5) ? 1 : 2;
    const int age = g.Between(1, 24);
    const int wealth = g.Between(1, 5);
    const double risk = c.effect + 0.1 * (3 - wealth) + (sex == 2 ? 0.2 : 0);
    out << c.psu << ',' << c.stratum << ',' << c.weight_base * household_factor << ',' << c.region
        << ',' << c.urban << ',' << sex << ',' << age << ',' << wealth << ',' << g.Between(1, 4)
        << ',' << (age >= 15 ? std::to_string(g.Between(1, 3)) : "");
    for (int item = 0; item < 11; ++item) {
      out << ',' << (age <= 14 ? std::to_string(YesNo(g, Logistic(-0.5 + risk - 0.1 * item))) : "");
    }
    const bool partnered = age >= 15 && g.Chance(0.4);
    const int pv = YesNo(g, Logistic(-1.5 + risk));
    out << ',' << YesNo(g, 0.3) << ','
        << (age >= 18 ? std::to_string(YesNo(g, Logistic(-2 + risk))) : "") << ','
        << (age >= 13 && age <= 17 ? std::to_string(YesNo(g, Logistic(-2.5 + risk))) : "") << ','
        << pv << ',' << (partnered ? std::to_string(YesNo(g, Logistic(-1.8 + risk))) : "") << ','
        << (age >= 15 ? (partnered ? "1" : "2") : "");
    if (pv == 1) {
      const int sought = YesNo(g, 0.15);
      out << ',' << YesNo(g, 0.45) << ',' << sought << ','
          << (sought == 1 ? std::to_string(YesNo(g, 0.6)) : "");
    } else {
      out << ",,,";
    }
    out << ',' << (age >= 10 ? std::to_string(YesNo(g, Logistic(-1.2 + risk))) : "") << ','
        << (age >= 10 ? std::to_string(YesNo(g, Logistic(-1.6 + risk))) : "") << ','
        << (age >= 10 ? std::to_string(YesNo(g, 0.8)) : "") << ','
        << (age >= 5 && age <= 17 ? std::to_string(YesNo(g, 0.9)) : "") << ','
        << YesNo(g, 0.2 + 0.05 * (5 - wealth)) << '\n';
  }
}

// MICS6 child discipline in the "fs" (one child 5-17) or "ch" (children under 5) file layout:
// result of interview, child's age, sex, the eleven discipline items A-K, design and background.
void WriteMics6(const Options& o, std::ofstream& out, bool under_five) {
  Generator g(o.seed);
  const auto clusters = MakeClusters(g, o.rows, 6);
  const char* prefix = under_five ? "UCD2" : "FCD2";
  out << "HH1,HH2,PSU,stratum," << (under_five ? "chweight,UF17,UB2" : "fsweight,FS17,CB3")
      << ",HL4,HH6,HH7,windex5";
  for (char item = 'A'; item <= 'K'; ++item) out << ',' << prefix << item;
  out << '\n';
  for (long long r = 0; r < o.rows; ++r) {
    const Cluster& c = clusters[static_cast<size_t>(r % static_cast<long long>(clusters.size()))];
    const bool complete = !g.Chance(0.04);
    const int age = under_five ? g.Between(0, 4) : g.Between(5, 17);
    const int wealth = g.Between(1, 5);
    const double risk = c.effect + 0.15 * (3 - wealth) + (age < 10 ? 0.3 : 0);
    out << c.psu << ',' << (r % 20 + 1) << ',' << c.psu << ',' << c.stratum << ','
        << (complete ? c.weight_base * (0.8 + 0.4 * g.Uniform()) : 0.0) << ','
        << (complete ? 1 : g.Between(2, 6)) << ',' << age << ',' << g.Between(1, 2) << ','
        << c.urban << ',' << c.region << ',' << wealth;
    for (int item = 0; item < 11; ++item) {
      const bool asked = complete && age >= 1;
      out << ',' << (asked ? std::to_string(YesNo(g, Logistic(-0.4 + risk - 0.12 * item))) : "");
    }
    out << '\n';
  }
}

// DHS women's recode (IR) with the domestic violence module: d105a-k coded 1 often,
// 2 sometimes (both in the past 12 months), 3 not in the past 12 months, 4 never.
void WriteDhsIr(const Options& o, std::ofstream& out) {
  Generator g(o.seed);
  const auto clusters = MakeClusters(g, o.rows, 8);
  out << "caseid,v001,v021,v022,v005,d005,v012,v024,v025,v190,v044,v502";
  for (char item = 'a'; item <= 'k'; ++item) out << ",d105" << item;
  out << '\n';
  for (long long r = 0; r < o.rows; ++r) {
    const Cluster& c = clusters[static_cast<size_t>(r % static_cast<long long>(clusters.size()))];
    const int age = g.Between(15, 49);
    const bool selected = g.Chance(0.6);
    const int marital = age < 20 ? (g.Chance(0.3) ? g.Between(1, 2) : 0) : g.Between(0, 2);
    const long long v005 = static_cast<long long>(c.weight_base * 1e6);
    const long long d005 =
        selected ? static_cast<long long>(static_cast<double>(v005) * (1.2 + 0.4 * g.Uniform()))
                 : 0;
    out << r + 1 << ',' << c.psu << ',' << c.psu << ',' << c.stratum << ',' << v005 << ',' << d005
        << ',' << age << ',' << c.region << ',' << c.urban << ',' << g.Between(1, 5) << ','
        << (selected ? 1 : 0) << ',' << marital;
    const double risk = c.effect + (age < 20 ? 0.2 : 0);
    for (int item = 0; item < 11; ++item) {
      out << ',';
      if (!selected || marital == 0) continue;  // not asked
      const double u = g.Uniform();
      const double p12 = Logistic(-2.4 + risk - 0.1 * item);
      out << (u < p12 / 2 ? 1 : u < p12 ? 2 : u < p12 + 0.08 ? 3 : 4);
    }
    out << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  std::ofstream out(options.out);
  if (!out) Usage(("cannot write " + options.out).c_str());
  out.precision(10);
  if (options.layout == "vacs") {
    WriteVacs(options, out);
  } else if (options.layout == "bench") {
    WriteBench(options, out);
  } else if (options.layout == "dhs-ir") {
    WriteDhsIr(options, out);
  } else {
    WriteMics6(options, out, options.layout == "mics6-ch");
  }
  return out.good() ? 0 : 1;
}
