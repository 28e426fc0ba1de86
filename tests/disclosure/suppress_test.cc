#include "disclosure/suppress.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "disclosure/determined.h"

namespace inspire::disclosure {
namespace {

Cell Make(std::string table, std::string code, double n, bool small = false) {
  return {
      {std::move(table), std::move(code)}, n, small ? Suppression::kPrimary : Suppression::kNone};
}

std::vector<size_t> Suppressed(const std::vector<Cell>& cells, Suppression kind) {
  std::vector<size_t> out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].suppression == kind) out.push_back(i);
  }
  return out;
}

// Whether any suppressed cell is still determined by the relations.
bool AnyDetermined(const std::vector<Cell>& cells) {
  std::vector<CellKey> keys;
  keys.reserve(cells.size());
  for (const Cell& cell : cells) keys.push_back(cell.key);
  const Relations relations = BuildRelations(keys).value();
  std::vector<bool> unknown(relations.cells.size(), true);
  for (size_t i = 0; i < cells.size(); ++i) unknown[i] = cells[i].suppression != Suppression::kNone;
  for (const size_t cell : DeterminedCells(relations, unknown)) {
    if (cell < cells.size()) return true;
  }
  return false;
}

TEST(SuppressComplementary, SuppressesTheSmallestOtherGroupOfALoneSuppressedGroup) {
  std::vector<Cell> cells = {Make("total", "", 400), Make("region", "1", 150),
                             Make("region", "2", 120), Make("region", "3", 23, true),
                             Make("region", "4", 107)};
  EXPECT_EQ(SuppressComplementary(cells, 25).value(), 1u);
  EXPECT_EQ(Suppressed(cells, Suppression::kComplementary), std::vector<size_t>{4});
  EXPECT_FALSE(AnyDetermined(cells));
}

TEST(SuppressComplementary, HidesTheUnionOfTwoSmallGroupsWhenItIsSmallToo) {
  std::vector<Cell> cells = {Make("total", "", 200),     Make("sex", "1", 20, true),
                             Make("sex", "2", 180),      Make("age", "1", 10, true),
                             Make("age", "2", 12, true), Make("age", "3", 78),
                             Make("age", "4", 100)};
  // sex: the other group must go; age: 10 + 12 = 200 - 78 - 100 would be a cell of 22.
  EXPECT_EQ(SuppressComplementary(cells, 25).value(), 2u);
  EXPECT_EQ(cells[2].suppression, Suppression::kComplementary);
  EXPECT_EQ(cells[5].suppression, Suppression::kComplementary);
  EXPECT_EQ(cells[0].suppression, Suppression::kNone);
  EXPECT_FALSE(AnyDetermined(cells));
}

TEST(SuppressComplementary, LeavesTwoSmallGroupsWhoseUnionIsLargeEnough) {
  std::vector<Cell> cells = {Make("total", "", 200), Make("age", "1", 20, true),
                             Make("age", "2", 22, true), Make("age", "3", 158)};
  EXPECT_EQ(SuppressComplementary(cells, 25).value(), 0u);
}

TEST(SuppressComplementary, ProtectsACrossedTableAgainstBothMargins) {
  // sex x urban with both margins published; one small cell (Male*Urban).
  std::vector<Cell> cells = {Make("total", "", 400),        Make("sex", "1", 200),
                             Make("sex", "2", 200),         Make("urban", "1", 150),
                             Make("urban", "2", 250),       Make("sex*urban", "1*1", 20, true),
                             Make("sex*urban", "1*2", 180), Make("sex*urban", "2*1", 130),
                             Make("sex*urban", "2*2", 70)};
  ASSERT_TRUE(SuppressComplementary(cells, 25).has_value());
  EXPECT_FALSE(AnyDetermined(cells));
  // The smallest pattern that hides one cell of a 2x2 table with both margins is all four.
  EXPECT_EQ(Suppressed(cells, Suppression::kComplementary).size(), 3u);
}

TEST(SuppressComplementary, TheOrderOfTheCellsChangesNothing) {
  std::vector<Cell> cells = {Make("total", "", 400),        Make("sex", "1", 200),
                             Make("sex", "2", 200),         Make("urban", "1", 150),
                             Make("urban", "2", 250),       Make("sex*urban", "1*1", 20, true),
                             Make("sex*urban", "1*2", 180), Make("sex*urban", "2*1", 130),
                             Make("sex*urban", "2*2", 70),  Make("region", "1", 10, true),
                             Make("region", "2", 390)};
  std::vector<Cell> reference = cells;
  ASSERT_TRUE(SuppressComplementary(reference, 25).has_value());
  std::mt19937 random(7);
  for (int round = 0; round < 5; ++round) {
    std::vector<Cell> shuffled = cells;
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    ASSERT_TRUE(SuppressComplementary(shuffled, 25).has_value());
    for (const Cell& cell : shuffled) {
      const auto same = std::find_if(reference.begin(), reference.end(), [&](const Cell& r) {
        return r.key.table == cell.key.table && r.key.code == cell.key.code;
      });
      EXPECT_EQ(same->suppression, cell.suppression) << cell.key.table << "=" << cell.key.code;
    }
  }
}

TEST(SuppressComplementary, HiddenMarginsStillLinkTheirCells) {
  // Only the crossed table and the total are published: the sex margins are hidden, but the
  // total still adds up all four cells, so one small cell needs a partner: the smallest that
  // hides it, which need not share a relation with it.
  std::vector<Cell> cells = {Make("total", "", 400), Make("sex*urban", "1*1", 20, true),
                             Make("sex*urban", "1*2", 180), Make("sex*urban", "2*1", 130),
                             Make("sex*urban", "2*2", 70)};
  EXPECT_EQ(SuppressComplementary(cells, 25).value(), 1u);
  EXPECT_EQ(cells[4].suppression, Suppression::kComplementary);
}

TEST(SuppressComplementary, FindsCellsDeterminedOnlyThroughSeveralRelations) {
  // A 3x3 crossed table with all margins; suppressing a 2x2 block is safe, but a pattern where
  // every row and column holds two suppressed cells can still pin a "bridge" cell.
  std::vector<Cell> cells = {Make("total", "", 900)};
  for (int a = 1; a <= 3; ++a) cells.push_back(Make("a", std::to_string(a), 300));
  for (int b = 1; b <= 3; ++b) cells.push_back(Make("b", std::to_string(b), 300));
  for (int a = 1; a <= 3; ++a) {
    for (int b = 1; b <= 3; ++b) {
      cells.push_back(Make("a*b", std::to_string(a) + "*" + std::to_string(b), 100));
    }
  }
  cells[7].suppression = Suppression::kPrimary;  // a*b = 1*1
  ASSERT_TRUE(SuppressComplementary(cells, 25).has_value());
  EXPECT_FALSE(AnyDetermined(cells));
  EXPECT_GE(Suppressed(cells, Suppression::kComplementary).size(), 3u);
}

TEST(SuppressComplementary, RandomTablesEndWithNothingDetermined) {
  std::mt19937 random(12);
  for (int round = 0; round < 60; ++round) {
    std::vector<Cell> cells = {Make("total", "", 1000)};
    const int variables = 1 + static_cast<int>(random() % 4);
    std::vector<int> levels;
    levels.reserve(static_cast<size_t>(variables));
    for (int v = 0; v < variables; ++v) levels.push_back(2 + static_cast<int>(random() % 4));
    const auto add = [&](const std::string& table, const std::string& code) {
      const bool small = random() % 5 == 0;
      const auto n = static_cast<double>(small ? 5 + random() % 20 : 30 + random() % 300);
      cells.push_back(Make(table, code, n, small));
    };
    for (int v = 0; v < variables; ++v) {
      for (int l = 1; l <= levels[v]; ++l) add("v" + std::to_string(v), std::to_string(l));
    }
    if (variables >= 2 && random() % 2 == 0) {  // one crossed pair
      for (int l0 = 1; l0 <= levels[0]; ++l0) {
        for (int l1 = 1; l1 <= levels[1]; ++l1) {
          add("v0*v1", std::to_string(l0) + "*" + std::to_string(l1));
        }
      }
    }
    ASSERT_TRUE(SuppressComplementary(cells, 25).has_value());
    EXPECT_FALSE(AnyDetermined(cells)) << "round " << round;
  }
}

TEST(BuildRelations, RefusesACodeThatDoesNotFitItsTable) {
  const std::vector<CellKey> keys = {{"total", ""}, {"sex*age", "1"}};
  const auto relations = BuildRelations(keys);
  ASSERT_FALSE(relations.has_value());
  EXPECT_NE(relations.error().message.find("sex*age"), std::string::npos);
  const std::vector<CellKey> twice = {{"sex", "1"}, {"sex", "1"}};
  EXPECT_FALSE(BuildRelations(twice).has_value());
}

TEST(BuildRelations, MatchesTablesWhateverTheOrderOfTheirVariables) {
  const std::vector<CellKey> keys = {{"sex", "1"}, {"age*sex", "3*1"}, {"sex*age", "1*4"}};
  const auto relations = BuildRelations(keys).value();
  // sex=1 is the parent of both crossed cells (one relation), not of two separate tables.
  size_t parents_of_sex1 = 0;
  for (const Relation& relation : relations.relations) {
    if (relation.parent == 0) {
      ++parents_of_sex1;
      EXPECT_EQ(relation.children.size(), 2u);
    }
  }
  EXPECT_EQ(parents_of_sex1, 1u);
}

}  // namespace
}  // namespace inspire::disclosure
