#include "catalogue/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <regex>
#include <set>

namespace inspire::catalogue {
namespace {

constexpr size_t kMaxReported = 20;
constexpr std::array<std::string_view, 6> kWhoRegions = {"AFR", "AMR", "SEAR", "EUR", "EMR", "WPR"};
constexpr std::array<std::string_view, 8> kUnicefRegions = {"EAP",  "ECA", "ESA", "WCA",
                                                            "MENA", "SA",  "LAC", "NA"};
constexpr std::array<std::string_view, 4> kIncomeGroups = {"L", "LM", "UM", "H"};

// Collects violations with their location.
class Problems {
 public:
  void Add(const Location& where, std::string_view item, std::string_view problem) {
    std::string line = where.file;
    if (where.line > 0) line += fmt::format(":{}", where.line);
    lines_.push_back(fmt::format("{}: {}: {}", line, item, problem));
  }
  core::Result<void> Result() const {
    if (lines_.empty()) return {};
    std::string message = fmt::format("the catalogue has {} problem{}:", lines_.size(),
                                      lines_.size() == 1 ? "" : "s");
    for (size_t i = 0; i < lines_.size() && i < kMaxReported; ++i) message += "\n  " + lines_[i];
    if (lines_.size() > kMaxReported) {
      message += fmt::format("\n  ... and {} more", lines_.size() - kMaxReported);
    }
    return core::Fail(core::ErrorCode::kValidation, message);
  }

 private:
  std::vector<std::string> lines_;
};

bool Matches(std::string_view text, const std::regex& pattern) {
  return std::regex_match(text.begin(), text.end(), pattern);
}

template <size_t N>
bool InList(std::string_view value, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void CheckUniqueIds(const CatalogueData& data, Problems& problems) {
  std::map<std::string, Location> seen;
  auto check = [&](const std::string& id, const Location& where, std::string_view kind) {
    const auto [it, inserted] = seen.emplace(id, where);
    if (!inserted) {
      problems.Add(where, fmt::format("{} '{}'", kind, id),
                   fmt::format("id already used at {}:{}", it->second.file, it->second.line));
    }
  };
  for (const auto& s : data.strategies) check(s.id, s.location, "strategy");
  for (const auto& x : data.cross_cutting) check(x.id, x.location, "cross-cutting activity");
  for (const auto& a : data.approaches) check(a.id, a.location, "approach");
  for (const auto& i : data.indicators) check(i.id, i.location, "indicator");
  for (const auto& c : data.countries) {
    for (const std::string* code : {&c.iso3, &c.iso2}) {
      if (const auto it = seen.find(*code); it != seen.end()) {
        problems.Add(it->second, fmt::format("'{}'", *code),
                     fmt::format("id equals the code of country {}", c.name));
      }
    }
  }
}

void CheckStrategiesAndApproaches(const CatalogueData& data, Problems& problems) {
  static const std::regex kCrossCuttingId("X[0-9]");
  std::set<std::string> strategy_ids;
  for (const auto& s : data.strategies) {
    strategy_ids.insert(s.id);
    if (s.id != fmt::format("{}{}", s.letter, s.position) || s.letter.size() != 1) {
      problems.Add(s.location, fmt::format("strategy '{}'", s.id),
                   "id must be the strategy's letter followed by its position (e.g. 'P4')");
    }
  }
  for (const auto& x : data.cross_cutting) {
    if (!Matches(x.id, kCrossCuttingId)) {
      problems.Add(x.location, fmt::format("cross-cutting activity '{}'", x.id),
                   "id must be 'X' followed by a digit");
    }
  }
  std::map<std::string, int> approach_count;
  for (const auto& a : data.approaches) {
    const std::string item = fmt::format("approach '{}'", a.id);
    if (strategy_ids.count(a.strategy_id) == 0) {
      problems.Add(a.location, item,
                   fmt::format("strategy_id '{}' is not a strategy", a.strategy_id));
      continue;
    }
    ++approach_count[a.strategy_id];
    const std::regex own_pattern(a.strategy_id + "\\.[1-9][0-9]*");
    if (!Matches(a.id, own_pattern)) {
      problems.Add(a.location, item,
                   fmt::format("id must be '{}.<number>' to match its strategy", a.strategy_id));
    }
  }
  for (const auto& s : data.strategies) {
    if (approach_count[s.id] == 0) {
      problems.Add(s.location, fmt::format("strategy '{}'", s.id), "has no approach");
    }
  }
}

void CheckIndicator(const Indicator& indicator, const std::set<std::string>& link_targets,
                    const std::set<std::string>& country_codes, Problems& problems) {
  const std::string item = fmt::format("indicator '{}'", indicator.id);
  const Location& where = indicator.location;
  for (const auto& link : indicator.strategy_ids) {
    if (link_targets.count(link) == 0) {
      problems.Add(where, item,
                   fmt::format("strategy_ids: '{}' is not a strategy or "
                               "cross-cutting activity",
                               link));
    }
  }
  for (const auto& code : indicator.sdg) {
    if (!IsSdgIndicatorCode(code)) {
      problems.Add(where, item,
                   fmt::format("sdg: '{}' is not an SDG indicator code such as "
                               "'16.2.1'",
                               code));
    }
  }
  for (const auto& code : indicator.sdg_series) {
    if (!IsSdgSeriesCode(code)) {
      problems.Add(where, item,
                   fmt::format("sdg_series: '{}' is not an SDG series code such as "
                               "'VC_VAW_PHYPYV'",
                               code));
    }
  }
  const auto& population = indicator.population;
  if (population.age_min && population.age_max && *population.age_min > *population.age_max) {
    problems.Add(where, item, "population: age_min is above age_max");
  }
  if (indicator.status == "confirmed" && indicator.official_number.empty() &&
      indicator.origin == "core") {
    problems.Add(where, item, "a confirmed core indicator needs its official_number");
  }
  if (indicator.origin == "national" && !indicator.country.empty() &&
      country_codes.count(indicator.country) == 0) {
    problems.Add(where, item,
                 fmt::format("extension country '{}' is not an ISO3 code in "
                             "data/countries",
                             indicator.country));
  }
}

void CheckCountries(const CatalogueData& data, Problems& problems) {
  static const std::regex kIso3("[A-Z]{3}");
  static const std::regex kIso2("[A-Z]{2}");
  static const std::regex kM49("[0-9]{3}");
  std::map<std::string, std::string> seen;
  for (const auto& c : data.countries) {
    const std::string item = fmt::format("country '{}'", c.iso3);
    if (!Matches(c.iso3, kIso3)) problems.Add(c.location, item, "iso3 must be three capitals");
    if (!Matches(c.iso2, kIso2)) problems.Add(c.location, item, "iso2 must be two capitals");
    if (!Matches(c.m49, kM49)) problems.Add(c.location, item, "m49 must be three digits");
    for (const auto& [field, code] :
         {std::pair{"iso3", c.iso3}, std::pair{"iso2", c.iso2}, std::pair{"m49", c.m49}}) {
      const auto [it, inserted] = seen.emplace(std::string(field) + ":" + code, c.iso3);
      if (!inserted) {
        problems.Add(c.location, item,
                     fmt::format("{} '{}' also used by {}", field, code, it->second));
      }
    }
    if (!c.who_region.empty() && !InList(c.who_region, kWhoRegions)) {
      problems.Add(c.location, item,
                   fmt::format("who_region '{}' is not one of AFR, AMR, SEAR, "
                               "EUR, EMR, WPR",
                               c.who_region));
    }
    if (!c.unicef_region.empty() && !InList(c.unicef_region, kUnicefRegions)) {
      problems.Add(c.location, item,
                   fmt::format("unicef_region '{}' is not one of EAP, ECA, ESA, "
                               "WCA, MENA, SA, LAC, NA",
                               c.unicef_region));
    }
    if (!c.income_group.empty() && !InList(c.income_group, kIncomeGroups)) {
      problems.Add(c.location, item,
                   fmt::format("income_group '{}' is not one of L, LM, UM, H", c.income_group));
    }
  }
}

// Law kinds: ids unique and in lower-case words joined by '-'; each tied to an approach.
void CheckLawKinds(const CatalogueData& data, Problems& problems) {
  static const std::regex kLawId("[a-z0-9]+(-[a-z0-9]+)*");
  std::set<std::string> approach_ids;
  for (const auto& a : data.approaches) approach_ids.insert(a.id);
  std::map<std::string, Location> seen;
  for (const auto& law : data.law_kinds) {
    const std::string item = fmt::format("law '{}'", law.id);
    if (!Matches(law.id, kLawId)) {
      problems.Add(law.location, item, "id must be lower-case words joined by '-' (e.g. cp-home)");
    }
    if (const auto [it, inserted] = seen.emplace(law.id, law.location); !inserted) {
      problems.Add(law.location, item,
                   fmt::format("id already used at {}:{}", it->second.file, it->second.line));
    }
    if (approach_ids.count(law.approach_id) == 0) {
      problems.Add(law.location, item,
                   fmt::format("approach_id '{}' is not an approach", law.approach_id));
    }
  }
}

}  // namespace

bool IsSdgIndicatorCode(std::string_view code) {
  static const std::regex kPattern("(1[0-7]|[1-9])\\.([1-9][0-9]?|[a-z])\\.[1-9][0-9]?");
  return Matches(code, kPattern);
}

bool IsSdgSeriesCode(std::string_view code) {
  static const std::regex kPattern("[A-Z]{2}_[A-Z0-9_]*[A-Z0-9]");
  return Matches(code, kPattern);
}

core::Result<void> ValidateCatalogue(const CatalogueData& data) {
  Problems problems;
  CheckUniqueIds(data, problems);
  CheckStrategiesAndApproaches(data, problems);
  CheckLawKinds(data, problems);
  std::set<std::string> link_targets;
  for (const auto& s : data.strategies) link_targets.insert(s.id);
  for (const auto& x : data.cross_cutting) link_targets.insert(x.id);
  std::set<std::string> country_codes;
  for (const auto& c : data.countries) country_codes.insert(c.iso3);
  for (const auto& indicator : data.indicators) {
    CheckIndicator(indicator, link_targets, country_codes, problems);
  }
  CheckCountries(data, problems);
  return problems.Result();
}

}  // namespace inspire::catalogue
