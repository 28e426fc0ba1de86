// `inspire inspect` through the real binary: what an SPSS and a Stata file declare (labels,
// user-missing values, extended missing values), in each format, and bad requests refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/csv_records.h"
#include "support/run_binary.h"

namespace inspire::cli {
namespace {

using testing::RunInspire;
using Json = nlohmann::json;

const std::string kSurveyDir = std::string(INSPIRE_TEST_DATA_DIR) + "/survey/";

Json Inspect(const std::string& file, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"inspect", kSurveyDir + file, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto run = RunInspire(args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return Json::parse(run.out, nullptr, false);
}

const Json& Variable(const Json& report, const std::string& name) {
  for (const auto& v : report[0]["variables"]) {
    if (v["name"] == name) return v;
  }
  static const Json kNone;
  ADD_FAILURE() << "no variable " << name;
  return kNone;
}

TEST(InspectCli, ListsSpssLabelsAndUserMissingValuesWithTheirCounts) {
  const Json report = Inspect("labelled.sav");
  EXPECT_EQ(report[0]["file"], "labelled.sav");
  EXPECT_EQ(report[0]["rows"], 6);
  const Json& sex = Variable(report, "sex");
  EXPECT_EQ(sex["label"], "Sex of respondent");
  EXPECT_EQ(sex["values"], Json::parse(R"([{"value": 1, "label": "Male", "rows": 3},
                                           {"value": 2, "label": "Female", "rows": 3}])"));
  // 8 and 9 are declared missing: counted as missing, each code with its rows, and not listed
  // among the values; 7 is an ordinary value without a label.
  const Json& item = Variable(report, "item");
  EXPECT_EQ(item["missing"], 2);
  EXPECT_EQ(item["declared_missing"], Json::parse(R"([{"code": "8", "rows": 1},
                                                      {"code": "9", "rows": 1}])"));
  EXPECT_EQ(item["values"].size(), 3U);
  EXPECT_EQ(item["values"][2], Json::parse(R"({"value": 7, "label": null, "rows": 1})"));
  const Json& region = Variable(report, "region");
  EXPECT_EQ(region["type"], "text");
  EXPECT_EQ(region["missing"], 1);  // the empty string
}

TEST(InspectCli, ListsStataExtendedMissingValues) {
  const Json item = Variable(Inspect("labelled.dta"), "item");
  EXPECT_EQ(item["declared_missing"], Json::parse(R"([{"code": ".a", "rows": 1}])"));
  EXPECT_EQ(item["missing"], 1);
}

TEST(InspectCli, SummarisesAVariableWithManyValuesByItsRange) {
  const Json report = Inspect("vacs_small.csv", {"--variable", "sampleweight", "--values", "5"});
  ASSERT_EQ(report[0]["variables"].size(), 1U);
  const Json& weight = report[0]["variables"][0];
  EXPECT_TRUE(weight["more_values"].get<bool>());
  EXPECT_TRUE(weight["values"].empty());
  EXPECT_LT(weight["min"].get<double>(), weight["max"].get<double>());
}

TEST(InspectCli, WritesOneCsvRowPerVariable) {
  const auto run = RunInspire({"inspect", kSurveyDir + "labelled.sav", "--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto records = core::ReadCsvRecords(run.out, "inspect.csv");
  ASSERT_TRUE(records.has_value()) << records.error().message;
  ASSERT_EQ(records->rows.size(), 5U);  // five variables
  EXPECT_EQ(records->header[1], "variable");
  EXPECT_EQ(records->header[6], "declared_missing");
  EXPECT_EQ(records->rows[4][1], "item");
  EXPECT_EQ(records->rows[4][6], "8 (1); 9 (1)");
}

TEST(InspectCli, RefusesAnUnknownVariableOrFormatWithoutOutput) {
  const auto unknown =
      RunInspire({"inspect", kSurveyDir + "vacs_small.csv", "--variable", "sampleweigth"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_TRUE(unknown.out.empty());
  EXPECT_NE(unknown.err.find("vacs_small.csv: no variable 'sampleweigth' (did you mean "
                             "'sampleweight'?)"),
            std::string::npos)
      << unknown.err;
  const auto format = RunInspire({"inspect", kSurveyDir + "vacs_small.csv", "--format", "xml"});
  EXPECT_NE(format.exit_code, 0);
  EXPECT_NE(format.err.find("expected table, csv or json"), std::string::npos) << format.err;
  const auto missing = RunInspire({"inspect", kSurveyDir + "no_such.sav"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("no_such.sav"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace inspire::cli
