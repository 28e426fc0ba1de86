// Reading studies files: which columns make which measure, descriptors, and errors that name
// the file, line, study and column.
#include "meta/studies.h"

#include <gtest/gtest.h>

namespace inspire::meta {
namespace {

core::Result<StudySet> Parse(std::string_view text, std::optional<Measure> measure = {}) {
  return ParseStudies(text, "studies.csv", measure);
}

void ExpectError(std::string_view text, std::optional<Measure> measure,
                 const std::vector<std::string>& words) {
  auto set = Parse(text, measure);
  ASSERT_FALSE(set) << text;
  for (const auto& word : words) {
    EXPECT_NE(set.error().message.find(word), std::string::npos)
        << "'" << word << "' not in: " << set.error().message;
  }
}

TEST(Studies, ColumnsChooseTheMeasureAndTheRestAreDescriptors) {
  auto events = Parse("Study,Country,AI,N1I,CI,N2I\nA,KEN,1,10,2,10\nB,UGA,3,12,4,11\n");
  ASSERT_TRUE(events) << events.error().message;
  EXPECT_EQ(events->measure, Measure::kOr);
  EXPECT_EQ(events->descriptor_columns, std::vector<std::string>{"Country"});
  EXPECT_EQ(*events->Descriptor("country"), (std::vector<std::string>{"KEN", "UGA"}));
  EXPECT_FALSE(events->Descriptor("design"));
  EXPECT_EQ(events->studies[1].line, 3U);

  auto means = Parse("study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,1,1,10,2,1,10\nB,1,2,12,2,2,12\n");
  ASSERT_TRUE(means);
  EXPECT_EQ(means->measure, Measure::kSmd);

  auto sei = Parse("study,yi,sei,year\nA,0.1,0.2,2019\nB,0.3,0.1,2020\n");
  ASSERT_TRUE(sei);
  EXPECT_EQ(sei->measure, Measure::kGen);
  EXPECT_EQ(sei->layout, Layout::kYiSei);
  EXPECT_NEAR(sei->studies[0].effect.vi, 0.04, 1e-17);

  auto rd = Parse("study,ai,n1i,ci,n2i\nA,1,10,2,10\nB,3,12,4,11\n", Measure::kRd);
  ASSERT_TRUE(rd);
  EXPECT_NEAR(rd->studies[0].effect.yi, -0.1, 1e-15);
}

TEST(Studies, ErrorsNameFileLineStudyAndColumn) {
  const std::string header = "study,ai,n1i,ci,n2i\n";
  ExpectError(header + "A,1,10,2,10\nB,-3,12,4,11\n", {},
              {"studies.csv line 3", "study 'B'", "column ai", "negative"});
  ExpectError(header + "A,1,10,12,10\nB,3,12,4,11\n", {},
              {"line 2", "study 'A'", "column ci", "more than the group total"});
  ExpectError(header + "A,1,10,2,10\nB,3,twelve,4,11\n", {},
              {"line 3", "column n1i", "'twelve' is not a number"});
  ExpectError(header + "A,1,10,2,10\nB,NA,12,4,11\n", {}, {"'NA' is not a number"});
  ExpectError(header + "A,1,10,2,10\nB,,12,4,11\n", {}, {"'' is not a number"});
  ExpectError(header + "A,1,10,2,10\n", {}, {"studies.csv: 1 study", "at least 2"});
  ExpectError(header + "A,1,10,2,10\n,3,12,4,11\n", {}, {"line 3", "column study", "empty"});
  ExpectError("study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,1,0,10,2,1,10\nB,1,2,12,2,2,12\n", {},
              {"line 2", "study 'A'", "column sd1i", "greater than 0"});
  ExpectError("name,ai,n1i,ci,n2i\nA,1,10,2,10\n", {}, {"no 'study' column"});
  ExpectError("study,country\nA,KEN\n", {}, {"no effect columns"});
  ExpectError(header + "A,1,10,2,10\n", Measure::kSmd, {"SMD needs the columns m1i, sd1i"});
  ExpectError("study,yi\nA,1\nB,2\n", Measure::kGen, {"needs the column vi", "vi or sei"});
  ExpectError("study,ai,n1i,ci,n2i,yi,vi\nA,1,10,2,10,1,1\n", {}, {"more than one kind"});
  ExpectError("study,AI,ai,n1i,ci,n2i\n", {}, {"'ai' appears twice"});
  ExpectError("study,ai,n1i,ci,n2i\nA,1,10,2\n", {}, {"studies.csv", "line 2"});
}

TEST(Studies, NumbersAreStrict) {
  EXPECT_EQ(ParseNumber(" 12 "), 12);
  EXPECT_EQ(ParseNumber("-1.5e-3"), -1.5e-3);
  EXPECT_EQ(ParseNumber("+4"), 4);
  for (const char* bad : {"", " ", "NA", "1,5", "12 children", "inf", "nan", "0x10", "--1"}) {
    EXPECT_FALSE(ParseNumber(bad)) << bad;
  }
}

}  // namespace
}  // namespace inspire::meta
