// `inspire estimate` through the real binary: formats, provenance, and bad input that must fail
// with a clear message and leave no output file.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <utility>
#include <vector>

#include "core/file.h"
#include "support/run_binary.h"

namespace inspire::cli {
namespace {

using testing::RunInspire;
using testing::TempDir;
using Json = nlohmann::json;

const std::string kFixture = std::string(INSPIRE_TEST_DATA_DIR) + "/survey/vacs_small.csv";

TEST(EstimateCli, WritesCsvWithTheContractColumns) {
  const auto run = RunInspire({"estimate", kFixture, "--recipe", "builtin:vacs", "--lonely-psu",
                               "adjust", "--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.substr(0, run.out.find('\n')),
            "indicator_id,indicator_name,domain,domain_code,domain_label,n_unweighted,n_missing,"
            "n_weighted,estimate,se,ci_low,ci_high,deff,df,flag,suppression,statistic");
  EXPECT_NE(run.out.find("\n1.3,Sexual violence experienced before age 18,total,,,"),
            std::string::npos);
  EXPECT_NE(run.out.find(",sex*urban,2*1,Female*Urban,"), std::string::npos);
}

// The table's interval column names the level the intervals were made at.
TEST(EstimateCli, TheTableNamesTheConfidenceLevel) {
  for (const auto& [level, header] : std::vector<std::pair<std::string, std::string>>{
           {"0.9", "90% CI"}, {"0.95", "95% CI"}, {"0.995", "99.5% CI"}}) {
    const auto run = RunInspire({"estimate", kFixture, "--recipe", "builtin:vacs", "--lonely-psu",
                                 "adjust", "--format", "table", "--level", level});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::string first_line = run.out.substr(0, run.out.find('\n'));
    EXPECT_NE(first_line.find(header), std::string::npos) << level << ": " << first_line;
    if (level != "0.95") {
      EXPECT_EQ(run.out.find("95% CI"), std::string::npos) << level;
    }
  }
}

TEST(EstimateCli, WritesJsonWithProvenance) {
  TempDir dir;
  const auto out = dir.path() / "results.json";
  const auto run = RunInspire({"estimate", kFixture, "--recipe", "builtin:vacs", "--lonely-psu",
                               "adjust", "--out", out.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json json = Json::parse(testing::Slurp(out));
  const Json& provenance = json["provenance"];
  EXPECT_EQ(provenance["input"]["file"], "vacs_small.csv");
  EXPECT_EQ(provenance["input"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(provenance["recipe"]["name"], "builtin:vacs");
  EXPECT_EQ(provenance["design"]["lonely_psu"], "adjust");
  EXPECT_EQ(provenance["design"]["lonely_strata"], Json::array({"1"}));
  EXPECT_GT(provenance["design"]["psus"].get<int>(), 10);
  const Json& first = json["estimates"][0];
  for (const char* field : {"estimate", "se", "ci_low", "ci_high", "n_unweighted", "flag"}) {
    EXPECT_TRUE(first.contains(field)) << field;
  }
}

// The df rule: domain by default, the recipe's `design: {df}` if it names one, --df above both;
// the provenance says which, and "design" gives every row the whole design's df.
TEST(EstimateCli, TheDfRuleComesFromTheOptionOrTheRecipeAndIsRecorded) {
  TempDir dir;
  const std::string recipe = (dir.path() / "design_df.yaml").string();
  std::string text = testing::Slurp(std::string(INSPIRE_SOURCE_DATA_DIR) + "/recipes/vacs.yaml");
  const size_t design = text.find("design:\n");
  ASSERT_NE(design, std::string::npos);
  text.insert(design + 8, "  df: design\n");
  ASSERT_TRUE(core::WriteFileAtomically(recipe, text).has_value());
  double design_df = 0;  // the whole design's, from the last run's provenance
  const auto rule_and_dfs = [&](const std::vector<std::string>& extra, const std::string& r) {
    std::vector<std::string> args = {"estimate",     kFixture, "--recipe", r,
                                     "--lonely-psu", "adjust", "--min-n",  "0",
                                     "--caution-n",  "0",      "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = RunInspire(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    const Json json = Json::parse(run.out, nullptr, false);
    std::set<double> dfs;
    for (const auto& row : json["estimates"]) {
      if (row["df"].is_number()) dfs.insert(row["df"].get<double>());
    }
    design_df = json["provenance"]["design"]["df"].get<double>();
    return std::pair{json["provenance"]["design"]["df_rule"].get<std::string>(), dfs};
  };
  const auto [default_rule, default_dfs] = rule_and_dfs({}, "builtin:vacs");
  EXPECT_EQ(default_rule, "domain");
  EXPECT_GT(default_dfs.size(), 3U);  // small domains have fewer PSUs
  const auto [recipe_rule, recipe_dfs] = rule_and_dfs({}, recipe);
  EXPECT_EQ(recipe_rule, "design");
  EXPECT_EQ(recipe_dfs, std::set<double>{design_df});
  EXPECT_GT(design_df, *default_dfs.begin());
  const auto [option_rule, option_dfs] = rule_and_dfs({"--df", "universe"}, recipe);
  EXPECT_EQ(option_rule, "universe");
  EXPECT_GT(option_dfs.size(), 3U);
  const auto bad = RunInspire({"estimate", kFixture, "--recipe", "builtin:vacs", "--df", "stata"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("--df 'stata' is not known; expected domain, universe or design"),
            std::string::npos)
      << bad.err;
}

// A mean and a total: the table shows them as numbers (a total with thousands separators), the
// CSV names the statistic, and weights that sum to the sample size are warned about for totals.
TEST(EstimateCli, MeansAndTotalsAreShownAsNumbersAndNormalisedWeightsWarned) {
  TempDir dir;
  std::string csv = "w,s,p,x,age\n";
  for (int i = 0; i < 200; ++i) {
    csv += fmt::format("1,{},{},{},{}\n", i % 2 + 1, i % 10, i % 3 == 0 ? 1 : 0, 20 + i % 7);
  }
  const std::string data = (dir.path() / "normalised.csv").string();
  ASSERT_TRUE(core::WriteFileAtomically(data, csv).has_value());
  const std::string recipe = (dir.path() / "r.yaml").string();
  ASSERT_TRUE(
      core::WriteFileAtomically(recipe,
                                "design: {weight: w, strata: s, psu: p}\nindicators:\n"
                                "  - {id: N, name: People with x, type: total, numerator: x == 1}\n"
                                "  - {id: A, name: Mean age, type: mean, numerator: age}\n")
          .has_value());
  const auto table = RunInspire({"estimate", data, "--recipe", recipe, "--format", "table"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.err.find("warning: indicator 'N' is a total, but the weights sum to 200.0 over "
                           "200 rows: they look normalised"),
            std::string::npos)
      << table.err;
  EXPECT_NE(table.out.find(" 67 "), std::string::npos) << table.out;  // 67 of 200 have x = 1
  EXPECT_EQ(table.out.find("33.5%"), std::string::npos) << table.out;
  const auto json = RunInspire({"estimate", data, "--recipe", recipe, "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json parsed = Json::parse(json.out);
  EXPECT_EQ(parsed["estimates"][0]["statistic"], "total");
  EXPECT_DOUBLE_EQ(parsed["estimates"][0]["estimate"].get<double>(), 67);
  EXPECT_EQ(parsed["estimates"][1]["statistic"], "mean");
  EXPECT_EQ(parsed["provenance"]["warnings"].size(), 1U);
}

TEST(EstimateCli, WritesSuppressedRowsWithoutNumbers) {
  const auto run =
      RunInspire({"estimate", kFixture, "--recipe", "builtin:vacs", "--lonely-psu", "adjust",
                  "--min-n", "200", "--caution-n", "400", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  size_t suppressed = 0;
  const Json json = Json::parse(run.out);
  for (const auto& row : json["estimates"]) {
    if (row["flag"] != "suppressed") continue;
    ++suppressed;
    EXPECT_TRUE(row["estimate"].is_null() && row["se"].is_null() && row["ci_low"].is_null() &&
                row["ci_high"].is_null() && row["deff"].is_null());
    EXPECT_TRUE(row["n_unweighted"].is_null() && row["n_weighted"].is_null() &&
                row["n_missing"].is_null() && row["df"].is_null());
    EXPECT_TRUE(row["suppression"] == "primary" || row["suppression"] == "complementary");
  }
  EXPECT_GT(suppressed, 0u);
}

TEST(EstimateCli, WritesAnXlsxWorkbook) {
  TempDir dir;
  const auto out = dir.path() / "results.xlsx";
  const auto run = RunInspire({"estimate", kFixture, "--recipe", "builtin:vacs", "--lonely-psu",
                               "adjust", "--out", out.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string bytes = testing::Slurp(out);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // a zip container
}

TEST(EstimateCli, GivesIndicatorsWhoseIdsDifferOnlyInCaseTheirOwnSheets) {
  TempDir dir;
  const auto recipe =
      dir.Write("r.yaml", R"(design: {weight: sampleweight, strata: strata, psu: cluster}
indicators:
  - {id: "a/b", name: One, numerator: sex == 1}
  - {id: "A/B", name: Two, numerator: sex == 2}
  - {id: provenance, name: Three, numerator: sex == 2}
)");
  const auto out = dir.path() / "r.xlsx";
  const auto run = RunInspire({"estimate", kFixture, "--recipe", recipe.string(), "--lonely-psu",
                               "adjust", "--out", out.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_GT(std::filesystem::file_size(out), 1000u);
}

struct BadInput {
  std::string name;
  std::string file_name;
  std::string contents;
  std::vector<std::string> extra;
  std::string expected_message;
};

class EstimateBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(EstimateBadInput, FailsWithAClearMessageAndWritesNothing) {
  const BadInput& input = GetParam();
  TempDir dir;
  const auto data = input.contents.empty() && input.file_name.empty()
                        ? std::filesystem::path(kFixture)
                        : dir.Write(input.file_name, input.contents);
  const auto out = dir.path() / "out.csv";
  std::vector<std::string> args = {"estimate", data.string(), "--out", out.string()};
  bool has_recipe = false;
  for (const auto& arg : input.extra) has_recipe = has_recipe || arg == "--recipe";
  if (!has_recipe) args.insert(args.end(), {"--recipe", "builtin:vacs"});
  for (const auto& arg : input.extra) {
    args.push_back(
        arg.rfind('@', 0) == 0 ? dir.Write(arg.substr(1) + ".yaml", arg.substr(1)).string() : arg);
  }
  const auto run = RunInspire(args);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find(input.expected_message), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            static_cast<long>(std::filesystem::exists(dir.path() / input.file_name) &&
                              !input.file_name.empty()) +
                static_cast<long>(std::count_if(input.extra.begin(), input.extra.end(),
                                                [](const std::string& a) { return a[0] == '@'; })));
}

const char* kHeader =
    "cluster,strata,sampleweight,sex,age,region,urban,eversch,married,sv_touch18,sv_attempt18,"
    "sv_forced18,sv_coerced18,sv_any12m,pv18,pv12m,told_anyone,knew_where,sought_help,"
    "received_help,ev18,ever_sex,first_sex_forced\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, EstimateBadInput,
    ::testing::Values(
        BadInput{"EmptyFile", "empty.csv", " ", {}, "empty.csv: the file is empty"},
        BadInput{"RaggedRow",
                 "ragged.csv",
                 std::string(kHeader) + "1,2,3\n",
                 {},
                 "ragged.csv:2: row has 3 fields, the header has 23"},
        BadInput{"InvalidUtf8",
                 "bad.csv",
                 std::string(kHeader) + "\xff\n",
                 {},
                 "bad.csv:2: invalid UTF-8"},
        BadInput{"NegativeWeight",
                 "neg.csv",
                 std::string(kHeader) + "1,1,-5,1,15,1,1,1,1,,,,,2,2,2,,,,,2,2,\n",
                 {},
                 "weight 'sampleweight' is -5"},
        BadInput{"NotAnSpssFile", "fake.sav", "this is text", {}, "fake.sav: cannot read it"},
        BadInput{"UnknownRecipe",
                 "",
                 "",
                 {"--recipe", "builtin:vacz"},
                 "no built-in recipe 'vacz' (did you mean 'vacs'?)"},
        BadInput{"LonelyPsuUnderFail", "", "", {}, "has only one PSU"},
        BadInput{"UnknownFormat", "", "", {"--format", "pdf"}, "--format 'pdf'"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(EstimateCli, QuotesABrokenRecipeExpressionWithACaret) {
  TempDir dir;
  const auto recipe =
      dir.Write("r.yaml", R"(design: {weight: sampleweight, strata: strata, psu: cluster}
indicators:
  - id: X
    name: X
    numerator: sv_any12m == 1 and agee > 3
)");
  const auto run =
      RunInspire({"estimate", kFixture, "--recipe", recipe.string(), "--lonely-psu", "adjust"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("r.yaml:5: indicator 'X': numerator: unknown variable 'agee' (did you "
                         "mean 'age'?)\n  sv_any12m == 1 and agee > 3\n                     ^"),
            std::string::npos)
      << run.err;
}

// Every built-in recipe runs on a synthetic file of its layout (made by make-survey).
class BuiltinRecipe : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(BuiltinRecipe, EstimatesEveryIndicatorOfItsLayout) {
  const auto [layout, indicator] = GetParam();
  TempDir dir;
  const auto data = dir.path() / "survey.csv";
  const auto made = testing::RunProgram(
      INSPIRE_MAKE_SURVEY, {"--layout", layout, "--rows", "4000", "--out", data.string()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const auto run =
      RunInspire({"estimate", data.string(), "--recipe", std::string("builtin:") + layout,
                  "--lonely-psu", "adjust", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json json = Json::parse(run.out);
  bool found = false;
  for (const auto& row : json["estimates"]) {
    if (row["indicator_id"] != indicator || row["domain"] != "total") continue;
    found = true;
    EXPECT_EQ(row["flag"], "ok");
    EXPECT_GT(row["estimate"].get<double>(), 0.0);
    EXPECT_LT(row["estimate"].get<double>(), 1.0);
    EXPECT_GT(row["se"].get<double>(), 0.0);
  }
  EXPECT_TRUE(found) << "no total row for " << indicator;
}

INSTANTIATE_TEST_SUITE_P(Layouts, BuiltinRecipe,
                         ::testing::Values(std::pair{"vacs", "1.3"}, std::pair{"mics6-fs", "1.1"},
                                           std::pair{"mics6-ch", "1.1"},
                                           std::pair{"dhs-ir", "1.5"}),
                         [](const auto& param_info) {
                           std::string name = param_info.param.first;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(EstimateCli, StacksTheMics6ChildAndFiveToSeventeenFiles) {
  TempDir dir;
  const auto ch = dir.path() / "ch.csv";
  const auto fs = dir.path() / "fs.csv";
  for (const auto& [layout, path] : {std::pair{"mics6-ch", ch}, std::pair{"mics6-fs", fs}}) {
    const auto made = testing::RunProgram(
        INSPIRE_MAKE_SURVEY, {"--layout", layout, "--rows", "3000", "--out", path.string()});
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  const auto run =
      RunInspire({"estimate", ch.string(), fs.string(), "--recipe", "builtin:mics6-discipline",
                  "--lonely-psu", "adjust", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json json = Json::parse(run.out);
  ASSERT_EQ(json["provenance"]["inputs"].size(), 2u);
  EXPECT_EQ(json["provenance"]["inputs"][1]["file"], "fs.csv");
  std::set<std::string> age_groups;
  for (const auto& row : json["estimates"]) {
    if (row["indicator_id"] == "1.1" && row["domain"] == "agegrp") {
      age_groups.insert(row["domain_label"].get<std::string>());
    }
  }
  EXPECT_EQ(age_groups, (std::set<std::string>{"1-2", "3-4", "5-9", "10-14"}));
}

TEST(EstimateCli, ReportsBrokenYaml) {
  TempDir dir;
  const auto recipe = dir.Write("r.yaml", "design: [weight\n");
  const auto run = RunInspire({"estimate", kFixture, "--recipe", recipe.string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("r.yaml:"), std::string::npos) << run.err;
}

// The catalogue names the indicators while the file is read: one that cannot be read still fails
// the command by name, and no output is written.
TEST(EstimateCli, ACatalogueThatCannotBeReadFailsTheCommandAndWritesNothing) {
  TempDir dir;
  const auto out = dir.path() / "out.csv";
  const auto extension = dir.Write("ken.yaml", "version: 1\nextension: {name: x}\nindicators: 7\n");
  const auto run =
      RunInspire({"--catalogue-extension", extension.string(), "estimate", kFixture, "--recipe",
                  "builtin:vacs", "--lonely-psu", "adjust", "--out", out.string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("ken.yaml"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  const auto named = RunInspire({"estimate", kFixture, "--recipe", "builtin:vacs", "--lonely-psu",
                                 "adjust", "--out", out.string()});
  ASSERT_EQ(named.exit_code, 0) << named.err;
  EXPECT_NE(core::ReadFile(out)->find("1.3,Sexual violence experienced before age 18,"),
            std::string::npos);
}

}  // namespace
}  // namespace inspire::cli
