#include "survey/table.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace inspire::survey {
namespace {

using Width = ColumnValues::Width;

// Reads back exactly what was stored, NaN for NaN and the sign of zero included.
void ExpectSame(const ColumnValues& values, const std::vector<double>& expected) {
  ASSERT_EQ(values.size(), expected.size());
  std::vector<double> loaded(expected.size());
  values.Load(0, expected.size(), loaded.data());
  for (size_t i = 0; i < expected.size(); ++i) {
    for (const double got : {values[i], loaded[i]}) {
      if (std::isnan(expected[i])) {
        EXPECT_TRUE(std::isnan(got)) << "row " << i;
      } else {
        EXPECT_EQ(got, expected[i]) << "row " << i;
        EXPECT_EQ(std::signbit(got), std::signbit(expected[i])) << "row " << i;
      }
    }
  }
}

TEST(ColumnValues, SmallCodesTakeOneByte) {
  const ColumnValues values{1, 2, kMissing, 9, -127, 127};
  EXPECT_EQ(values.width(), Width::kInt8);
  ExpectSame(values, {1, 2, kMissing, 9, -127, 127});
}

TEST(ColumnValues, TheTypeMinimumIsStoredWiderBecauseItMarksMissing) {
  EXPECT_EQ(ColumnValues({-128}).width(), Width::kInt16);
  EXPECT_EQ(ColumnValues({-32768}).width(), Width::kInt32);
  EXPECT_EQ(ColumnValues({-2147483648.0}).width(), Width::kDouble);
  ExpectSame(ColumnValues({-128, -32768, -2147483648.0}), {-128, -32768, -2147483648.0});
}

TEST(ColumnValues, WidensAsValuesArriveWithoutChangingEarlierOnes) {
  ColumnValues values;
  std::vector<double> expected;
  for (const double v : {1.0, kMissing, 300.0, 2.0, 70000.0, kMissing, 0.5, -0.0, 1e300}) {
    values.push_back(v);
    expected.push_back(v);
    ExpectSame(values, expected);
  }
  EXPECT_EQ(values.width(), Width::kDouble);
}

TEST(ColumnValues, SetAppendAndResizeKeepEveryValue) {
  ColumnValues values{1, 2, 3};
  values.Set(1, 1000);
  EXPECT_EQ(values.width(), Width::kInt16);
  values.Append(2, kMissing);
  values.Append(ColumnValues{4.25, 5});
  values.resize(9, 7);
  ExpectSame(values, {1, 1000, 3, kMissing, kMissing, 4.25, 5, 7, 7});
  values.resize(2, 0);
  ExpectSame(values, {1, 1000});
}

TEST(ColumnValues, RandomValuesRoundTripThroughEveryWidth) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<int> kind(0, 5);
  for (int trial = 0; trial < 50; ++trial) {
    ColumnValues values;
    std::vector<double> expected;
    for (int i = 0; i < 200; ++i) {
      double v = 0;
      switch (kind(random)) {
        case 0:
          v = kMissing;
          break;
        case 1:
          v = static_cast<double>(static_cast<int>(random() % 256) - 128);
          break;
        case 2:
          v = static_cast<double>(static_cast<int>(random() % 65536) - 32768);
          break;
        case 3:
          v = static_cast<double>(static_cast<int64_t>(random() % (1ULL << 33)) - (1LL << 32));
          break;
        case 4:
          v = std::ldexp(static_cast<double>(random() % 1000000), -7);
          break;
        default:
          v = static_cast<double>(random() % 3);
      }
      values.push_back(v);
      expected.push_back(v);
    }
    ExpectSame(values, expected);
    const std::vector<double> round_trip = values.ToVector();
    ExpectSame(ColumnValues(round_trip), expected);
  }
}

}  // namespace
}  // namespace inspire::survey

namespace inspire::survey {
namespace {

// Declared missing codes become missing whatever the storage and however many codes there are
// (up to four take the vectorised comparisons, more a lookup table, wider columns a search).
TEST(ColumnValues, ReplaceWithMissingBlanksEveryDeclaredCodeAndNothingElse) {
  const std::vector<double> values = {1, 8, 9, 2, kMissing, -9, 98, 7, 9, 0};
  auto blanked = [&](const std::vector<double>& codes, std::vector<double> extra = {}) {
    std::vector<double> input = values;
    input.insert(input.end(), extra.begin(), extra.end());
    ColumnValues column(input);
    column.ReplaceWithMissing(codes);
    std::vector<double> out = column.ToVector();
    for (size_t row = 0; row < out.size(); ++row) {
      const bool declared = std::find(codes.begin(), codes.end(), input[row]) != codes.end();
      EXPECT_EQ(std::isnan(out[row]), declared || std::isnan(input[row])) << row;
      if (!declared && !std::isnan(input[row])) {
        EXPECT_EQ(out[row], input[row]) << row;
      }
    }
    return column.width();
  };
  EXPECT_EQ(blanked({8, 9}), ColumnValues::Width::kInt8);
  EXPECT_EQ(blanked({9}), ColumnValues::Width::kInt8);
  EXPECT_EQ(blanked({8, 9, -9, 98, 0, 300}), ColumnValues::Width::kInt8);  // 300 fits no byte
  EXPECT_EQ(blanked({98, 0.5}), ColumnValues::Width::kInt8);
  EXPECT_EQ(blanked({9, 1000}, {1000, 12.5}), ColumnValues::Width::kDouble);
}

}  // namespace
}  // namespace inspire::survey
