// `inspire replicate` through the real binary: a public-use file without strata and PSUs whose
// replicate weights give the full design's estimates and SEs close to its Taylor SEs, in each
// output format, with the SPSS missing-value declarations kept, and nothing written on error.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/file.h"
#include "support/run_binary.h"

namespace inspire::cli {
namespace {

using testing::RunInspire;
using testing::TempDir;
using Json = nlohmann::json;

const std::string kReplicateSurveys = std::string(INSPIRE_TEST_DATA_DIR) + "/survey/";

// The reference recipe's indicators and missing codes under another design block.
std::string RecipeWithDesign(const std::string& design_yaml) {
  const auto text = core::ReadFile(kReplicateSurveys + "reference_recipe.yaml");
  EXPECT_TRUE(text.has_value());
  const std::string rest = text->substr(text->find("missing:"));
  return design_yaml + rest;
}

Json ReplicateEstimates(const std::string& data, const std::string& recipe_path) {
  const auto run = RunInspire({"estimate", data, "--recipe", recipe_path, "--lonely-psu", "adjust",
                               "--min-n", "0", "--caution-n", "0", "--format", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return Json::parse(run.out, nullptr, false);
}

void ExpectSameEstimatesCloseSes(const Json& replicate, const Json& taylor, double low,
                                 double high) {
  ASSERT_EQ(replicate["estimates"].size(), taylor["estimates"].size());
  size_t compared = 0;
  for (size_t i = 0; i < taylor["estimates"].size(); ++i) {
    const Json& r = replicate["estimates"][i];
    const Json& t = taylor["estimates"][i];
    if (!t["estimate"].is_number() || !t["se"].is_number()) continue;
    EXPECT_NEAR(r["estimate"].get<double>(), t["estimate"].get<double>(), 1e-12);
    if (t["domain"] != "total" || t["se"].get<double>() == 0) continue;
    const double ratio = r["se"].get<double>() / t["se"].get<double>();
    EXPECT_GT(ratio, low) << t["indicator_id"];
    EXPECT_LT(ratio, high) << t["indicator_id"];
    ++compared;
  }
  EXPECT_GE(compared, 3U);
}

TEST(ReplicateCli, AJknPublicFileGivesTheFullDesignsEstimatesInEveryFormat) {
  TempDir dir;
  const std::string taylor_recipe = kReplicateSurveys + "reference_recipe.yaml";
  const Json taylor = ReplicateEstimates(kReplicateSurveys + "vacs_small.sav", taylor_recipe);
  for (const std::string extension : {".sav", ".dta", ".csv"}) {
    const std::string out = (dir.path() / ("public" + extension)).string();
    const auto made = RunInspire({"replicate", kReplicateSurveys + "vacs_small.sav", "--recipe",
                                  taylor_recipe, "--lonely-psu", "adjust", "--out", out});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_NE(made.out.find("removed strata, cluster"), std::string::npos) << made.out;
    const auto design = core::ReadFile((dir.path() / "public.design.yaml").string());
    ASSERT_TRUE(design.has_value());
    const std::string recipe = (dir.path() / "public.yaml").string();
    ASSERT_TRUE(core::WriteFileAtomically(recipe, RecipeWithDesign(*design)).has_value());
    const auto inspected = RunInspire({"inspect", out, "--format", "json"});
    ASSERT_EQ(inspected.exit_code, 0) << inspected.err;
    EXPECT_EQ(inspected.out.find("\"cluster\""), std::string::npos) << extension;
    EXPECT_NE(inspected.out.find("\"repw1\""), std::string::npos) << extension;
    if (extension == ".sav") {  // the file's own don't-know codes are still declared
      const Json files = Json::parse(inspected.out, nullptr, false);
      bool found = false;
      for (const Json& variable : files[0]["variables"]) {
        if (variable["name"] != "sv_touch18") continue;
        found = true;
        ASSERT_EQ(variable["declared_missing"].size(), 2U);
        EXPECT_EQ(variable["declared_missing"][0]["code"], "8");
        EXPECT_EQ(variable["declared_missing"][0]["rows"], 7);
      }
      EXPECT_TRUE(found);
    }
    const auto checked =
        RunInspire({"recipe", "check", out, "--recipe", recipe, "--format", "json"});
    EXPECT_EQ(checked.exit_code, 0) << checked.out;
    const Json check = Json::parse(checked.out, nullptr, false);
    EXPECT_EQ(check["design"]["replicates"]["type"], "JKn");
    EXPECT_EQ(check["design"]["replicates"]["variables"][0], "repw1");
    const Json replicate = ReplicateEstimates(out, recipe);
    EXPECT_EQ(replicate["provenance"]["design"]["replicates"]["type"], "JKn");
    ExpectSameEstimatesCloseSes(replicate, taylor, 0.8, 1.25);
  }
}

TEST(ReplicateCli, TheBootstrapIsReproducibleFromItsSeed) {
  TempDir dir;
  const auto make = [&](const std::string& name, const std::string& seed) {
    const std::string out = (dir.path() / name).string();
    const auto run = RunInspire({"replicate", kReplicateSurveys + "vacs_small.csv", "--recipe",
                                 kReplicateSurveys + "reference_recipe.yaml", "--type", "bootstrap",
                                 "--replicates", "60", "--seed", seed, "--lonely-psu", "certainty",
                                 "--out", out});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return core::ReadFile(out).value_or("");
  };
  const std::string first = make("a.csv", "7");
  EXPECT_EQ(first, make("b.csv", "7"));
  EXPECT_NE(first, make("c.csv", "8"));
  EXPECT_NE(first.find("repw60"), std::string::npos);
}

TEST(ReplicateCli, BadRequestsSayWhatIsWrongAndWriteNothing) {
  TempDir dir;
  const std::string out = (dir.path() / "public.csv").string();
  const auto run = [&](std::vector<std::string> extra, const std::string& data) {
    std::vector<std::string> args = {"replicate", kReplicateSurveys + data,
                                     "--recipe",  kReplicateSurveys + "nhanes_recipe.yaml",
                                     "--out",     out};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto result = RunInspire(args);
    EXPECT_NE(result.exit_code, 0);
    EXPECT_FALSE(std::filesystem::exists(out));
    return result.err;
  };
  EXPECT_NE(run({"--type", "BRR"}, "replicate.csv").find("expected JKn, JK1 or bootstrap"),
            std::string::npos);
  EXPECT_NE(run({"--prefix", "jk"}, "replicate.csv").find("already has a variable 'jk1'"),
            std::string::npos);
  EXPECT_NE(run({"--type", "JK1"}, "replicate.csv").find("JK1 is for a design without strata"),
            std::string::npos);
  EXPECT_NE(run({"--lonely-psu", "sometimes"}, "replicate.csv").find("--lonely-psu 'sometimes'"),
            std::string::npos);
  const auto bad_out = RunInspire({"replicate", kReplicateSurveys + "replicate.csv", "--recipe",
                                   kReplicateSurveys + "nhanes_recipe.yaml", "--out",
                                   (dir.path() / "public.txt").string()});
  EXPECT_NE(bad_out.err.find("expected a .csv, .sav or .dta"), std::string::npos);
}

}  // namespace
}  // namespace inspire::cli
