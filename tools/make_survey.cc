// make-survey: writes a synthetic, clearly fictional stratified cluster survey as CSV, for the
// demo, the tests and the benchmarks. Never real data. Deterministic for a given seed.
//
//   make-survey --layout vacs|bench|mics6-fs|mics6-ch|mics6-wm|dhs-ir|dhs-mr|gshs --rows N
//               [--seed S] --out FILE.csv
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
#include <set>
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
               "make-survey: %s\nusage: make-survey --layout "
               "vacs|bench|mics6-fs|mics6-ch|mics6-wm|dhs-ir|dhs-mr|gshs --rows N "
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
  static const std::set<std::string> kLayouts = {"vacs",     "bench",  "mics6-fs", "mics6-ch",
                                                 "mics6-wm", "dhs-ir", "dhs-mr",   "gshs"};
  if (kLayouts.count(o.layout) == 0) {
    Usage("--layout must be vacs, bench, mics6-fs, mics6-ch, mics6-wm, dhs-ir, dhs-mr or gshs");
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

// DHS marital status (v501: 0 never, 1 married, 2 living together, 3-5 formerly), age at first
// cohabitation (v511, empty if never) and the attitude items v744a-e (0 no, 1 yes, 8 don't know),
// appended to a row.
void WriteDhsMarriageAndAttitudes(Generator& g, std::ofstream& out, int age, bool partnered,
                                  double effect) {
  out << ',' << (partnered ? g.Between(1, 5) : 0) << ',';
  if (partnered) out << std::min(age, g.Between(12, 32));
  for (int item = 0; item < 5; ++item) {
    out << ',' << (g.Chance(0.02) ? 8 : g.Chance(Logistic(-1.5 + effect - 0.25 * item)) ? 1 : 0);
  }
}

// DHS women's recode (IR) with the domestic violence module: d105a-k coded 1 often,
// 2 sometimes (both in the past 12 months), 3 not in the past 12 months, 4 never.
void WriteDhsIr(const Options& o, std::ofstream& out) {
  Generator g(o.seed);
  const auto clusters = MakeClusters(g, o.rows, 8);
  out << "caseid,v001,v021,v022,v005,d005,v012,v024,v025,v190,v044,v502";
  for (char item = 'a'; item <= 'k'; ++item) out << ",d105" << item;
  out << ",v501,v511,v744a,v744b,v744c,v744d,v744e\n";
  Generator extra(o.seed ^ 0x5eedULL);  // the later columns: the earlier ones stay as they were
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
    WriteDhsMarriageAndAttitudes(extra, out, age, marital > 0, c.effect);
    out << '\n';
  }
}

// DHS men's recode (MR): design, background, marriage and the five wife-beating attitude items.
void WriteDhsMr(const Options& o, std::ofstream& out) {
  Generator g(o.seed);
  const auto clusters = MakeClusters(g, o.rows, 8);
  out << "mcaseid,mv001,mv021,mv022,mv005,mv012,mv024,mv025,mv190,"
         "mv501,mv511,mv744a,mv744b,mv744c,mv744d,mv744e\n";
  for (long long r = 0; r < o.rows; ++r) {
    const Cluster& c = clusters[static_cast<size_t>(r % static_cast<long long>(clusters.size()))];
    const int age = g.Between(15, 59);
    out << r + 1 << ',' << c.psu << ',' << c.psu << ',' << c.stratum << ','
        << static_cast<long long>(c.weight_base * (0.8 + 0.4 * g.Uniform()) * 1e6) << ',' << age
        << ',' << c.region << ',' << c.urban << ',' << g.Between(1, 5);
    const bool partnered = g.Chance(age < 20 ? 0.05 : age < 25 ? 0.35 : 0.8);
    WriteDhsMarriageAndAttitudes(g, out, age, partnered, c.effect);
    out << '\n';
  }
}

// GSHS (Global School-based Student Health Survey): q1 age (1 "11 or younger" .. 8 "18 or
// older"), q2 sex, q3 grade, q21 physically attacked and q22 in a physical fight in the past 12
// months (1 "0 times" .. 8 "12 or more times"), q24 bullied in the past 30 days (1 "0 days" .. 7
// "all 30 days"); no answer is empty.
void WriteGshs(const Options& o, std::ofstream& out) {
  Generator g(o.seed);
  const auto clusters = MakeClusters(g, o.rows, 4);
  out << "psu,stratum,weight,q1,q2,q3,q21,q22,q24\n";
  const auto times = [&](double p, int top) {
    if (g.Chance(0.02)) return std::string();  // no answer
    if (!g.Chance(p)) return std::string("1");
    return std::to_string(g.Between(2, top));
  };
  for (long long r = 0; r < o.rows; ++r) {
    const Cluster& c = clusters[static_cast<size_t>(r % static_cast<long long>(clusters.size()))];
    const int age = g.Between(2, 8);
    const int sex = g.Between(1, 2);
    const double risk = c.effect + (sex == 1 ? 0.3 : 0);
    out << c.psu << ',' << c.stratum << ',' << c.weight_base * (0.9 + 0.2 * g.Uniform()) << ','
        << age << ',' << sex << ',' << std::min(6, std::max(1, age - 1 + g.Between(-1, 0))) << ','
        << times(Logistic(-1.0 + risk), 8) << ',' << times(Logistic(-0.9 + risk), 8) << ','
        << times(Logistic(-1.1 + risk), 7) << '\n';
  }
}

// MICS6 women (wm): design, interview result, age, area, region, wealth, marital status, age at
// first union and the five wife-beating attitude items (DV1A-E: 1 yes, 2 no, 8 don't know).
void WriteMics6Wm(const Options& o, std::ofstream& out) {
  Generator g(o.seed);
  const auto clusters = MakeClusters(g, o.rows, 6);
  out << "HH1,HH2,LN,PSU,stratum,wmweight,WM17,WB4,HH6,HH7,windex5,MSTATUS,WAGEM,"
         "DV1A,DV1B,DV1C,DV1D,DV1E\n";
  for (long long r = 0; r < o.rows; ++r) {
    const Cluster& c = clusters[static_cast<size_t>(r % static_cast<long long>(clusters.size()))];
    const bool complete = !g.Chance(0.05);
    const int age = g.Between(15, 49);
    const int wealth = g.Between(1, 5);
    const double risk = c.effect + 0.2 * (3 - wealth);
    out << c.psu << ',' << (r % 20 + 1) << ',' << g.Between(1, 4) << ',' << c.psu << ','
        << c.stratum << ',' << (complete ? c.weight_base * (0.8 + 0.4 * g.Uniform()) : 0.0) << ','
        << (complete ? 1 : g.Between(2, 6)) << ',' << age << ',' << c.urban << ',' << c.region
        << ',' << wealth;
    if (!complete) {
      out << ",,,,,,,\n";
      continue;
    }
    const bool partnered = g.Chance(Logistic(-3 + 0.25 * (age - 15) + risk));
    // MSTATUS: 1 currently married or in union, 2 formerly, 3 never; WAGEM 99 when unknown.
    out << ',' << (partnered ? (g.Chance(0.85) ? 1 : 2) : 3) << ',';
    if (partnered) out << (g.Chance(0.01) ? 99 : std::min(age, g.Between(12, 30)));
    for (int item = 0; item < 5; ++item) {
      out << ',' << (g.Chance(0.02) ? 8 : g.Chance(Logistic(-1.8 + risk - 0.2 * item)) ? 1 : 2);
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
  } else if (options.layout == "dhs-mr") {
    WriteDhsMr(options, out);
  } else if (options.layout == "gshs") {
    WriteGshs(options, out);
  } else if (options.layout == "mics6-wm") {
    WriteMics6Wm(options, out);
  } else {
    WriteMics6(options, out, options.layout == "mics6-ch");
  }
  return out.good() ? 0 : 1;
}
