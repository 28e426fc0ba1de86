// `inspire meta` through the real binary: the three formats, the forest plot file, and bad input
// that fails with a message naming the file, line, study and column and writes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/file.h"
#include "support/run_binary.h"

namespace inspire::cli {
namespace {

using testing::RunInspire;
using testing::TempDir;
using Json = nlohmann::json;

const std::string kDir = std::string(INSPIRE_TEST_DATA_DIR) + "/meta/";

// A case of reference.json, as reference.R computed it with metafor.
Json ReferenceCase(const std::string& file, const std::string& measure, const std::string& method,
                   const std::string& test) {
  auto text = core::ReadFile(kDir + "reference.json");
  EXPECT_TRUE(text);
  const Json reference = Json::parse(*text);
  for (const auto& c : reference["cases"]) {
    if (c["file"] == file && c["measure"] == measure && c["method"] == method &&
        c["test"] == test && c["level"] == 0.95) {
      return c;
    }
  }
  ADD_FAILURE() << "no reference case";
  return {};
}

TEST(MetaCli, JsonCarriesThePooledModelAsMetaforComputesIt) {
  const auto run = RunInspire({"meta", kDir + "parenting_events.csv", "--format", "json",
                               "--method", "PM", "--knha", "--subgroup", "design"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json out = Json::parse(run.out);
  const Json want = ReferenceCase("parenting_events.csv", "OR", "PM", "knha");
  EXPECT_EQ(out["measure"], "OR");
  EXPECT_EQ(out["scale"], "log");
  EXPECT_EQ(out["test"], "knha");
  for (const char* field : {"estimate", "se", "ci_low", "ci_high", "tau2", "i2", "h2", "q", "q_p",
                            "pi_low", "pi_high"}) {
    const double expected = want["pooled"][field].get<double>();
    EXPECT_NEAR(out["pooled"][field].get<double>(), expected, 1e-6 * std::fabs(expected)) << field;
  }
  EXPECT_NEAR(out["pooled"]["exp"]["estimate"].get<double>(),
              std::exp(want["pooled"]["estimate"].get<double>()), 1e-9);
  EXPECT_EQ(out["pooled"]["df"], 9);
  EXPECT_EQ(out["studies"].size(), 10U);
  EXPECT_EQ(out["studies"][0]["descriptors"]["country"], "KEN");
  EXPECT_EQ(out["leave_one_out"].size(), 10U);
  EXPECT_EQ(out["subgroups"][0]["column"], "design");
  EXPECT_EQ(out["subgroups"][0]["groups"].size(), 3U);
}

TEST(MetaCli, CsvAndTableAndTheForestPlot) {
  TempDir dir;
  const auto svg = dir.path() / "forest.svg";
  const auto csv = RunInspire(
      {"meta", kDir + "parenting_means.csv", "--format", "csv", "--forest", svg.string()});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "part,label,k,estimate,se,ci_low,ci_high,exp_estimate,exp_ci_low,exp_ci_high,weight,"
            "tau2,i2,h2,q,q_df,q_p,pi_low,pi_high,statistic,p");
  EXPECT_NE(csv.out.find("\nstudy,Kanoa 2015,1,"), std::string::npos);
  EXPECT_NE(csv.out.find("\npooled,,8,"), std::string::npos);
  EXPECT_NE(csv.out.find("\nleave_one_out,Rosa 2022,7,"), std::string::npos);
  auto plot = core::ReadFile(svg);
  ASSERT_TRUE(plot) << plot.error().message;
  EXPECT_EQ(plot->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0U);
  EXPECT_NE(plot->find("<title"), std::string::npos);
  EXPECT_NE(plot->find("Hedges&#39; g"), std::string::npos);
  EXPECT_NE(plot->find("Prediction interval"), std::string::npos);
  EXPECT_NE(plot->find("Rosa 2022"), std::string::npos);

  const auto table = RunInspire({"meta", kDir + "generic_sei.csv", "--format", "table", "--method",
                                 "DL", "--subgroup", "design"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("random effects (DL), z test"), std::string::npos);
  EXPECT_NE(table.out.find("Test of subgroup differences"), std::string::npos);
}

TEST(MetaCli, BadInputNamesWhereAndWritesNothing) {
  TempDir dir;
  const auto svg = dir.path() / "forest.svg";
  const auto bad =
      dir.Write("bad.csv", "study,ai,n1i,ci,n2i\nA,1,10,2,10\nB,3,12,14,11\nC,1,9,2,9\n");
  const auto run = RunInspire({"meta", bad.string(), "--forest", svg.string()});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("bad.csv line 3, study 'B', column ci"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
  EXPECT_FALSE(std::filesystem::exists(svg));

  const auto good = kDir + "two_studies.csv";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"meta", good, "--measure", "HR"}, "unknown effect measure 'HR'"},
      {{"meta", good, "--method", "ML"}, "unknown method 'ML'"},
      {{"meta", good, "--level", "95"}, "--level 95"},
      {{"meta", good, "--format", "xml"}, "--format xml"},
      {{"meta", good, "--forest", (dir.path() / "f.png").string()}, "SVG"},
      {{"meta", good, "--subgroup", "design"}, "no column 'design'"},
      {{"meta", good, "--measure", "SMD"}, "needs the columns m1i"},
      {{"meta", (dir.path() / "missing.csv").string()}, "missing.csv"},
  };
  for (const auto& [args, words] : cases) {
    const auto failed = RunInspire(args);
    EXPECT_NE(failed.exit_code, 0) << words;
    EXPECT_NE(failed.err.find(words), std::string::npos) << failed.err;
  }
}

}  // namespace
}  // namespace inspire::cli
