#include "survey/readstat_reader.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "survey/reader.h"

namespace inspire::survey {
namespace {

const std::string kDir = std::string(INSPIRE_TEST_DATA_DIR) + "/survey/";

TEST(ReadStatFile, KeepsValueAndVariableLabelsOfAnSpssFile) {
  const auto table = ReadSurvey(kDir + "labelled.sav");
  ASSERT_TRUE(table.has_value()) << table.error().message;
  ASSERT_EQ(table->rows(), 6u);
  const Column* sex = table->Find("sex");
  ASSERT_NE(sex, nullptr);
  EXPECT_EQ(sex->label, "Sex of respondent");
  EXPECT_EQ(sex->LabelOf(2), "Female");
  EXPECT_EQ(sex->values[1], 2);
}

TEST(ReadStatFile, TurnsDeclaredMissingValuesIntoMissing) {
  const auto table = ReadSurvey(kDir + "labelled.sav");
  ASSERT_TRUE(table.has_value());
  const auto& item = table->Find("item")->values;
  EXPECT_EQ(item[0], 1);
  EXPECT_TRUE(IsMissing(item[1]));  // 8 declared missing
  EXPECT_TRUE(IsMissing(item[3]));  // 9 declared missing
  EXPECT_EQ(item[4], 7);            // 7 is an ordinary value
}

TEST(ReadStatFile, CodesStringVariablesInSortedOrder) {
  const auto table = ReadSurvey(kDir + "labelled.sav");
  ASSERT_TRUE(table.has_value());
  const Column* region = table->Find("region");
  EXPECT_TRUE(region->is_text);
  EXPECT_EQ(region->LabelOf(region->values[0]), "North");
  EXPECT_EQ(region->CodeOf("East"), 1);
  EXPECT_TRUE(IsMissing(region->values[4]));  // empty string
}

TEST(ReadStatFile, ReadsStataWithExtendedMissingValues) {
  const auto table = ReadSurvey(kDir + "labelled.dta");
  ASSERT_TRUE(table.has_value()) << table.error().message;
  const auto& item = table->Find("item")->values;
  EXPECT_EQ(item[1], 8);            // Stata has no declared missing: 8 stays 8
  EXPECT_TRUE(IsMissing(item[2]));  // .a
  EXPECT_EQ(table->Find("sex")->LabelOf(1), "Male");
}

TEST(ReadStatFile, DecodesOnlyWantedVariables) {
  const std::set<std::string> wanted = {"wgt", "item"};
  const auto table = ReadSurvey(kDir + "labelled.sav", &wanted);
  ASSERT_TRUE(table.has_value()) << table.error().message;
  EXPECT_EQ(table->Names(), (std::vector<std::string>{"wgt", "item"}));  // file order
  EXPECT_EQ(table->AllNames().size(), 5u);
  EXPECT_EQ(table->rows(), 6u);
  EXPECT_EQ(table->Find("wgt")->values[5], 3);
  EXPECT_TRUE(IsMissing(table->Find("item")->values[1]));
}

TEST(ReadStatFile, RefusesAFileThatIsNotWhatItsExtensionSays) {
  testing::TempDir dir;
  const auto path = dir.Write("fake.sav", "id,weight\n1,2\n");
  const auto table = ReadSurvey(path.string());
  ASSERT_FALSE(table.has_value());
  EXPECT_NE(table.error().message.find("fake.sav: cannot read it as an SPSS"), std::string::npos)
      << table.error().message;
}

TEST(ReadStatFile, RefusesATruncatedFile) {
  testing::TempDir dir;
  const std::string whole = testing::Slurp(kDir + "labelled.dta");
  const auto path = dir.Write("cut.dta", whole.substr(0, whole.size() / 2));
  const auto table = ReadSurvey(path.string());
  ASSERT_FALSE(table.has_value());
  EXPECT_NE(table.error().message.find("cut.dta"), std::string::npos);
}

TEST(ReadSurvey, RefusesAnUnknownExtension) {
  const auto table = ReadSurvey("survey.xls");
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().code, core::ErrorCode::kUnsupported);
  EXPECT_NE(table.error().message.find(".sav"), std::string::npos);
}

}  // namespace
}  // namespace inspire::survey
