// The two binaries (cli/launcher.h): `inspire` runs the survey commands itself, hands every other
// command line to `inspire-hub` beside it, and says so clearly when that binary is missing.
#include "cli/launcher.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cli/survey_commands.h"
#include "support/run_binary.h"

namespace inspire::cli {
namespace {

using testing::RunInspire;
using testing::RunProgram;
using testing::TempDir;

// `test` applied to the command line "inspire WORDS...".
bool Check(bool (*test)(std::span<char* const>), std::vector<std::string> words) {
  words.insert(words.begin(), "inspire");
  std::vector<char*> argv;
  argv.reserve(words.size());
  for (auto& word : words) argv.push_back(word.data());
  return test(argv);
}

bool IsSurvey(std::vector<std::string> words) { return Check(IsSurveyCommand, std::move(words)); }

TEST(Launcher, TellsTheSurveyCommandsFromTheRest) {
  EXPECT_TRUE(IsSurvey({"estimate", "f.csv", "--recipe", "builtin:vacs"}));
  EXPECT_TRUE(IsSurvey({"--data-dir", "d", "inspect", "f.sav"}));
  EXPECT_TRUE(IsSurvey({"--data-dir=d", "--catalogue-extension", "x.yaml", "catalogue", "show"}));
  EXPECT_TRUE(IsSurvey({"meta", "studies.csv"}));
  EXPECT_TRUE(IsSurvey({"recipe", "check"}));
  EXPECT_TRUE(IsSurvey({"replicate", "f.csv"}));
  EXPECT_FALSE(IsSurvey({"serve", "--demo"}));
  EXPECT_FALSE(IsSurvey({"--data-dir", "estimate", "serve"}));  // "estimate" is the folder here
  EXPECT_FALSE(IsSurvey({}));
  EXPECT_FALSE(IsSurvey({"--help"}));
  EXPECT_FALSE(IsSurvey({"--version"}));
  EXPECT_FALSE(IsSurvey({"estimat"}));  // a typo gets the whole program's suggestions
  EXPECT_FALSE(IsSurvey({"--data-dir"}));
}

TEST(Launcher, HandsTheHubCommandsToTheOtherBinary) {
  const auto version = RunInspire({"--version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_FALSE(version.out.empty());
  const auto help = RunInspire({"--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  for (const char* command : {"estimate", "serve", "user", "db", "digest", "publish"}) {
    EXPECT_NE(help.out.find(command), std::string::npos) << command << " missing from\n"
                                                         << help.out;
  }
  const auto serve_help = RunInspire({"serve", "--help"});
  EXPECT_EQ(serve_help.exit_code, 0) << serve_help.err;
  EXPECT_NE(serve_help.out.find("--port"), std::string::npos) << serve_help.out;
  const auto unknown = RunInspire({"no-such-command"});
  EXPECT_EQ(unknown.exit_code, kExitUsage) << unknown.err;
}

TEST(Launcher, SaysWhereTheHubBinaryShouldBeWhenItIsMissing) {
  TempDir dir;
  const auto alone = dir.path() / "inspire";
  std::filesystem::copy_file(INSPIRE_BINARY, alone);
  std::filesystem::permissions(alone, std::filesystem::perms::owner_all);
  const auto serve = RunProgram(alone.string(), {"serve", "--demo"});
  EXPECT_EQ(serve.exit_code, kExitFailure);
  EXPECT_NE(serve.err.find((dir.path() / "inspire-hub").string()), std::string::npos) << serve.err;
  EXPECT_NE(serve.err.find("cannot be started"), std::string::npos) << serve.err;
  // The survey commands need nothing else.
  const auto estimate = RunProgram(
      alone.string(), {"--data-dir", INSPIRE_SOURCE_DATA_DIR, "catalogue", "show", "P4"});
  EXPECT_EQ(estimate.exit_code, 0) << estimate.err;
  EXPECT_NE(estimate.out.find("P4"), std::string::npos);
}

// A command that reads survey files starts again once with glibc's large-page heap settings; a
// user's own GLIBC_TUNABLES are kept (added to, or left alone when they choose the huge-page
// setting themselves), and the answer is the same every way.
TEST(Launcher, RestartsOnceForTheLargePageHeapAndKeepsAUsersTunables) {
  const std::string file = std::string(INSPIRE_TEST_DATA_DIR) + "/survey/vacs_small.csv";
  const std::vector<std::string> args = {"inspect", file, "--format", "csv"};
  const auto plain = RunInspire(args);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  for (const char* tunables :
       {"GLIBC_TUNABLES=glibc.malloc.hugetlb=0", "GLIBC_TUNABLES=glibc.malloc.tcache_count=0",
        "GLIBC_TUNABLES=glibc.malloc.hugetlb=1"}) {
    const auto run = RunInspire(args, {tunables});
    EXPECT_EQ(run.exit_code, 0) << tunables << ": " << run.err;
    EXPECT_EQ(run.out, plain.out) << tunables;
  }
  EXPECT_TRUE(Check(ReadsSurveyData, {"--data-dir", "d", "estimate", "f.csv"}));
  EXPECT_TRUE(Check(ReadsSurveyData, {"replicate", "f.csv"}));
  EXPECT_FALSE(Check(ReadsSurveyData, {"catalogue", "strategies"}));
  EXPECT_FALSE(Check(ReadsSurveyData, {"serve"}));
}

}  // namespace
}  // namespace inspire::cli
