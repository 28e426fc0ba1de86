#include "core/yaml_fields.h"

#include <gtest/gtest.h>

#include <array>

namespace inspire::core {
namespace {

YAML::Node Parse(std::string_view text) {
  auto node = ParseYaml(text, "t.yaml");
  EXPECT_TRUE(node.has_value()) << node.error().message;
  return node.value_or(YAML::Node());
}

const YamlContext kContext{"t.yaml", "item 'a'"};

TEST(ParseYaml, ReportsLineAndColumnOfASyntaxError) {
  const auto node = ParseYaml("a: 1\nb: [1, 2\n", "broken.yaml");
  ASSERT_FALSE(node.has_value());
  EXPECT_EQ(node.error().code, ErrorCode::kParse);
  EXPECT_NE(node.error().message.find("broken.yaml:"), std::string::npos);
}

TEST(ParseYaml, RefusesDeepNestingInsteadOfRecursing) {
  const std::string deep(100000, '[');
  const auto node = ParseYaml(deep, "deep.yaml");
  ASSERT_FALSE(node.has_value());
  EXPECT_NE(node.error().message.find("nested deeper"), std::string::npos);
}

TEST(RequiredString, NamesFileLineRecordAndField) {
  const YAML::Node map = Parse("x: 1\ny: 2\n");
  const auto value = RequiredString(map, "name", kContext);
  ASSERT_FALSE(value.has_value());
  EXPECT_EQ(value.error().message, "t.yaml:1: item 'a': field 'name' is required");
}

TEST(RequiredString, RejectsEmptyTextAndLists) {
  const YAML::Node map = Parse("name: ''\nlist: [1]\n");
  EXPECT_FALSE(RequiredString(map, "name", kContext).has_value());
  EXPECT_TRUE(RequiredString(map, "name", kContext, /*allow_empty=*/true).has_value());
  EXPECT_FALSE(RequiredString(map, "list", kContext).has_value());
}

TEST(OptionalInteger, ParsesWholeNumbersAndRejectsOthers) {
  const YAML::Node map = Parse("a: 12\nb: 1.5\nc: ~\nd: x12\n");
  EXPECT_EQ(OptionalInteger(map, "a", kContext).value(), 12);
  EXPECT_FALSE(OptionalInteger(map, "b", kContext).has_value());
  EXPECT_EQ(OptionalInteger(map, "c", kContext).value(), std::nullopt);
  EXPECT_EQ(OptionalInteger(map, "missing", kContext).value(), std::nullopt);
  EXPECT_FALSE(OptionalInteger(map, "d", kContext).has_value());
}

TEST(StringList, ReadsScalarsAndRejectsNestedItems) {
  const YAML::Node map = Parse("a: [x, y]\nb: [[x]]\nc: text\n");
  EXPECT_EQ(StringList(map, "a", kContext).value(), (std::vector<std::string>{"x", "y"}));
  EXPECT_FALSE(StringList(map, "b", kContext).has_value());
  EXPECT_FALSE(StringList(map, "c", kContext).has_value());
  EXPECT_TRUE(StringList(map, "missing", kContext).value().empty());
}

TEST(CheckKeys, SuggestsTheIntendedKeyForATypo) {
  const YAML::Node map = Parse("id: a\nstrategy_id: [P4]\n");
  static constexpr std::array<std::string_view, 2> kAllowed = {"id", "strategy_ids"};
  const auto checked = CheckKeys(map, kAllowed, kContext);
  ASSERT_FALSE(checked.has_value());
  EXPECT_NE(checked.error().message.find("t.yaml:2: item 'a': unknown field 'strategy_id' (did you "
                                         "mean 'strategy_ids'?)"),
            std::string::npos)
      << checked.error().message;
}

TEST(OneOf, ListsTheAllowedValues) {
  const YAML::Node map = Parse("level: impakt\n");
  static constexpr std::array<std::string_view, 2> kLevels = {"impact", "outcome"};
  const auto value = OneOf(map, "level", kLevels, kContext);
  ASSERT_FALSE(value.has_value());
  EXPECT_EQ(value.error().message,
            "t.yaml:1: item 'a': field 'level' must be one of impact, outcome (got 'impakt')");
}

}  // namespace
}  // namespace inspire::core
