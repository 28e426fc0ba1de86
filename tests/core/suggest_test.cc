#include "core/suggest.h"

#include <gtest/gtest.h>

namespace inspire::core {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("same", "same"), 0u);
}

TEST(EditDistance, IgnoresCaseOfAsciiLetters) { EXPECT_EQ(EditDistance("Weight", "weight"), 0u); }

TEST(NearMatches, SuggestsTheClosestCandidatesFirst) {
  const std::vector<std::string> candidates = {"weight", "wealth", "height", "region"};
  const auto near = NearMatches("wgt", candidates);
  ASSERT_FALSE(near.empty());
  EXPECT_EQ(near.front(), "weight");
}

TEST(NearMatches, ReturnsNothingForAnUnrelatedWord) {
  const std::vector<std::string> candidates = {"strategy", "approach"};
  EXPECT_TRUE(NearMatches("zzzzzzzzzz", candidates).empty());
}

TEST(NearMatches, AcceptsCandidatesContainingTheWord) {
  const std::vector<std::string> candidates = {"sampleweight", "stratum"};
  const auto near = NearMatches("weight", candidates);
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0], "sampleweight");
}

TEST(NearMatches, HonoursTheLimitAndDropsDuplicates) {
  const std::vector<std::string> candidates = {"a1", "a2", "a3", "a1", "a4"};
  const auto near = NearMatches("a", candidates, 2);
  EXPECT_EQ(near, (std::vector<std::string>{"a1", "a2"}));
}

TEST(DidYouMean, FormatsAListOrNothing) {
  EXPECT_EQ(DidYouMean(std::vector<std::string>{}), "");
  EXPECT_EQ(DidYouMean(std::vector<std::string>{"a", "b"}), " (did you mean 'a', 'b'?)");
}

}  // namespace
}  // namespace inspire::core
