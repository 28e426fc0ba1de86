// `inspire recipe check` through the real binary: every built-in recipe against a file in its
// layout, the counts it reports against the estimator's, and a file whose names differ.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/file.h"
#include "support/run_binary.h"

namespace inspire::cli {
namespace {

using testing::RunInspire;
using testing::RunProgram;
using testing::TempDir;
using Json = nlohmann::json;

const std::string kCheckedSurvey = std::string(INSPIRE_TEST_DATA_DIR) + "/survey/vacs_small.csv";

Json CheckReport(const std::vector<std::string>& files, const std::string& recipe,
                 int expected_exit) {
  std::vector<std::string> args = {"recipe", "check"};
  args.insert(args.end(), files.begin(), files.end());
  args.insert(args.end(), {"--recipe", recipe, "--format", "json"});
  const auto run = RunInspire(args);
  EXPECT_EQ(run.exit_code, expected_exit) << run.err;
  return Json::parse(run.out, nullptr, false);
}

const Json& EntryNamed(const Json& list, const std::string& key, const std::string& value) {
  for (const auto& entry : list) {
    if (entry[key] == value) return entry;
  }
  static const Json kNone;
  ADD_FAILURE() << "no " << key << " " << value;
  return kNone;
}

TEST(RecipeCheckCli, EveryBuiltInRecipeFitsAFileInItsLayout) {
  TempDir dir;
  const auto make = [&](const std::string& layout) {
    std::string path = (dir.path() / (layout + ".csv")).string();
    const auto made =
        RunProgram(INSPIRE_MAKE_SURVEY, {"--layout", layout, "--rows", "2000", "--out", path});
    EXPECT_EQ(made.exit_code, 0) << made.err;
    return path;
  };
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"vacs", {make("vacs")}},
      {"mics6-fs", {make("mics6-fs")}},
      {"mics6-ch", {make("mics6-ch")}},
      {"dhs-ir", {make("dhs-ir")}},
      {"dhs-ir-women", {make("dhs-ir")}},
      {"dhs-mr", {make("dhs-mr")}},
      {"mics6-wm", {make("mics6-wm")}},
      {"gshs", {make("gshs")}},
      {"mics6-discipline", {make("mics6-fs"), make("mics6-ch")}}};
  for (const auto& [recipe, files] : cases) {
    const Json report = CheckReport(files, "builtin:" + recipe, 0);
    EXPECT_TRUE(report["ok"].get<bool>()) << recipe << ": " << report.dump(1);
    EXPECT_GT(report["design"]["psus"].get<int>(), 10) << recipe;
    for (const auto& indicator : report["indicators"]) {
      EXPECT_TRUE(indicator["computable"].get<bool>()) << recipe << " " << indicator.dump();
      EXPECT_GT(indicator["universe"].get<int>(), 0) << recipe << " " << indicator["id"];
    }
    for (const auto& variable : report["variables"]) {
      EXPECT_TRUE(variable["found"].get<bool>()) << recipe << " " << variable["name"];
    }
  }
}

// What the checker counts is what the estimator then uses: the total row's n and n_missing.
TEST(RecipeCheckCli, ItsCountsAreTheEstimatorsCounts) {
  const Json report = CheckReport({kCheckedSurvey}, "builtin:vacs", 0);
  const auto run =
      RunInspire({"estimate", kCheckedSurvey, "--recipe", "builtin:vacs", "--lonely-psu", "adjust",
                  "--min-n", "0", "--caution-n", "0", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json estimates = Json::parse(run.out)["estimates"];
  size_t checked = 0;
  for (const auto& row : estimates) {
    if (row["domain"] != "total") continue;
    const Json& indicator = EntryNamed(report["indicators"], "id", row["indicator_id"]);
    // vacs_small has no zero weights, so every answering row counts in n.
    EXPECT_EQ(indicator["yes"].get<int>() + indicator["no"].get<int>(),
              row["n_unweighted"].get<int>())
        << row["indicator_id"];
    EXPECT_EQ(indicator["no_answer"].get<int>(), row["n_missing"].get<int>())
        << row["indicator_id"];
    ++checked;
  }
  EXPECT_EQ(checked, report["indicators"].size());
  // The recipe's missing codes are listed with the variable they apply to.
  const Json& age = EntryNamed(report["variables"], "name", "age");
  EXPECT_EQ(age["recipe_missing"], Json::array({98, 99}));
  EXPECT_EQ(age["roles"], Json::array({"expression"}));
}

TEST(RecipeCheckCli, AFileWithOtherNamesGetsTheNearestNamesAndExitsOne) {
  TempDir dir;
  std::string text = testing::Slurp(kCheckedSurvey);
  const std::string header = text.substr(0, text.find('\n'));
  std::string renamed = header;
  renamed.replace(renamed.find(",sex,"), 5, ",sexe,");
  ASSERT_NE(renamed.find(",age,"), std::string::npos);
  renamed.replace(renamed.find(",age,"), 5, ",agee,");
  text.replace(0, header.size(), renamed);
  const std::string path = (dir.path() / "renamed.csv").string();
  ASSERT_TRUE(core::WriteFileAtomically(path, text).has_value());
  const Json report = CheckReport({path}, "builtin:vacs", 1);
  EXPECT_FALSE(report["ok"].get<bool>());
  const Json& sex = EntryNamed(report["variables"], "name", "sex");
  EXPECT_FALSE(sex["found"].get<bool>());
  EXPECT_EQ(sex["nearest"][0]["name"], "sexe");
  for (const auto& indicator : report["indicators"]) {
    EXPECT_FALSE(indicator["computable"].get<bool>()) << indicator["id"];
    EXPECT_FALSE(indicator["problem"].get<std::string>().empty());
  }
  // The terminal report says the same in words.
  const auto table = RunInspire({"recipe", "check", path, "--recipe", "builtin:vacs"});
  EXPECT_EQ(table.exit_code, 1);
  EXPECT_NE(table.out.find("not in the file; nearest: sexe"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("not ok"), std::string::npos);
}

TEST(RecipeCheckCli, RefusesABadFormatOrRecipe) {
  const auto format = RunInspire(
      {"recipe", "check", kCheckedSurvey, "--recipe", "builtin:vacs", "--format", "xml"});
  EXPECT_NE(format.exit_code, 0);
  EXPECT_NE(format.err.find("expected table or json"), std::string::npos) << format.err;
  const auto recipe = RunInspire({"recipe", "check", kCheckedSurvey, "--recipe", "builtin:vaks"});
  EXPECT_NE(recipe.exit_code, 0);
  EXPECT_NE(recipe.err.find("no built-in recipe 'vaks' (did you mean 'vacs'?)"), std::string::npos)
      << recipe.err;
  EXPECT_TRUE(recipe.out.empty());
}

}  // namespace
}  // namespace inspire::cli
