// Properties of the estimator (STYLE.md): scale invariance, row order, unit weights, Merge,
// threads, plus edge cases and small-cell suppression.
#include "survey/estimate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "support/reorder_rows.h"
#include "survey/csv_reader.h"

namespace inspire::survey {
namespace {

DesignSpec Spec(std::string weight, std::string strata, std::string psu) {
  DesignSpec spec;
  spec.weight = std::move(weight);
  spec.strata = std::move(strata);
  spec.psu = std::move(psu);
  return spec;
}

const std::string kFixture = std::string(INSPIRE_TEST_DATA_DIR) + "/survey/vacs_small.csv";

constexpr const char* kRecipe = R"(design: {weight: sampleweight, strata: strata, psu: cluster}
missing: {"sv_*": [8, 9], age: [98, 99]}
indicators:
  - id: A
    name: A
    universe: between(age, 18, 24)
    numerator: any(sv_touch18 == 1, sv_forced18 == 1)
    by: [sex, region, [sex, urban]]
)";

struct Outcome {
  Table table;
  std::vector<EstimateRow> rows;
};

Outcome Estimate(Table table, const RunOptions& options, const char* recipe_text = kRecipe) {
  auto recipe = ParseRecipe(recipe_text, "r.yaml");
  EXPECT_TRUE(recipe.has_value()) << recipe.error().message;
  auto design = BuildDesign(table, recipe->design, "t.csv");
  EXPECT_TRUE(design.has_value()) << design.error().message;
  auto prepared = PrepareRecipe(*recipe, table, nullptr);
  EXPECT_TRUE(prepared.has_value()) << prepared.error().message;
  auto rows = EstimateIndicators(table, *design, *prepared, options);
  EXPECT_TRUE(rows.has_value()) << rows.error().message;
  return {std::move(table), rows.value_or(std::vector<EstimateRow>{})};
}

Table Fixture() {
  auto table = ReadCsv(kFixture);
  EXPECT_TRUE(table.has_value());
  return std::move(*table);
}

RunOptions Options() {
  RunOptions options;
  options.min_n = 0;
  options.caution_n = 0;
  options.estimate.lonely_psu = LonelyPsu::kAdjust;
  return options;
}

void ExpectSameNumbers(const std::vector<EstimateRow>& a, const std::vector<EstimateRow>& b,
                       double tolerance) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    const auto& x = a[i].values;
    const auto& y = b[i].values;
    const std::string what = a[i].domain + " " + a[i].domain_code;
    EXPECT_EQ(a[i].domain_code, b[i].domain_code);
    for (auto [u, v] :
         {std::pair{x.estimate, y.estimate}, std::pair{x.se, y.se}, std::pair{x.ci_low, y.ci_low},
          std::pair{x.ci_high, y.ci_high}, std::pair{x.deff, y.deff}, std::pair{x.df, y.df}}) {
      EXPECT_NEAR(u, v, tolerance * std::max(1.0, std::fabs(v))) << what;
    }
  }
}

TEST(EstimateProperties, ScalingAllWeightsLeavesEveryResultUnchanged) {
  const Outcome base = Estimate(Fixture(), Options());
  Table scaled = Fixture();
  ColumnValues& weights = scaled.FindMutable("sampleweight")->values;
  for (size_t row = 0; row < weights.size(); ++row) weights.Set(row, weights[row] * 7.25e-3);
  ExpectSameNumbers(base.rows, Estimate(std::move(scaled), Options()).rows, 1e-12);
}

// The fixture's rows with each PSU's rows together (the fixture has them scattered).
Table SortedByPsu(const Table& table) {
  const auto design = BuildDesign(table, Spec("sampleweight", "strata", "cluster"), "t.csv");
  EXPECT_TRUE(design.has_value());
  return testing::ReorderRows(table, testing::OtherPsuOrder(design->psu, false));
}

bool PsusContiguous(const Table& table) {
  const auto design = BuildDesign(table, Spec("sampleweight", "strata", "cluster"), "t.csv");
  return design.has_value() && design->psus_contiguous;
}

TEST(EstimateProperties, RowOrderChangesNothing) {
  const Table table = Fixture();
  ASSERT_FALSE(PsusContiguous(table));  // summed cell by cell
  const auto base = Estimate(Fixture(), Options()).rows;
  std::vector<size_t> reversed(table.rows());
  for (size_t i = 0; i < reversed.size(); ++i) reversed[i] = reversed.size() - 1 - i;
  ExpectSameNumbers(base, Estimate(testing::ReorderRows(table, reversed), Options()).rows, 1e-12);
  // With each PSU's rows together the PSUs are summed one at a time (streamed).
  Table sorted = SortedByPsu(table);
  ASSERT_TRUE(PsusContiguous(sorted));
  ExpectSameNumbers(base, Estimate(std::move(sorted), Options()).rows, 1e-12);
}

// GroupRowsByPsu moves the fixture's scattered rows so that each PSU's are together, the
// design's weights and PSUs with them; the numbers stay, and a message still names the row as it
// is in the file.
TEST(EstimateProperties, GroupingRowsByPsuKeepsTheNumbersAndTheRowsNamedInMessages) {
  Table table = Fixture();
  auto design = BuildDesign(table, Spec("sampleweight", "strata", "cluster"), "t.csv");
  ASSERT_TRUE(design.has_value());
  ASSERT_FALSE(design->psus_contiguous);
  const Table original = Fixture();
  ASSERT_TRUE(GroupRowsByPsu(table, *design, 2));
  EXPECT_TRUE(design->psus_contiguous);
  EXPECT_FALSE(GroupRowsByPsu(table, *design, 2));  // nothing left to do
  const ColumnValues& weights = table.Find("sampleweight")->values;
  const ColumnValues& cluster = table.Find("cluster")->values;
  for (size_t row = 0; row < table.rows(); ++row) {
    ASSERT_EQ(design->weight[row], weights[row]);
    ASSERT_EQ(cluster[row], original.Find("cluster")->values[table.SourceRow(row)]);
    if (row > 0 && design->psu[row] != design->psu[row - 1]) {
      ASSERT_GT(design->psu[row], design->psu[row - 1]);  // each PSU once, in order
    }
  }
  auto recipe = ParseRecipe(kRecipe, "r.yaml");
  ASSERT_TRUE(recipe.has_value());
  auto prepared = PrepareRecipe(*recipe, table, nullptr);
  ASSERT_TRUE(prepared.has_value());
  const auto grouped = EstimateIndicators(table, *design, *prepared, Options());
  ASSERT_TRUE(grouped.has_value());
  ExpectSameNumbers(Estimate(Fixture(), Options()).rows, *grouped, 1e-12);
  // A numerator that is not a condition: the row named holds the value named.
  auto bad = ParseRecipe(
      "design: {weight: sampleweight, strata: strata, psu: cluster}\n"
      "indicators: [{id: A, name: A, numerator: age}]",
      "r.yaml");
  ASSERT_TRUE(bad.has_value());
  auto bad_prepared = PrepareRecipe(*bad, table, nullptr);
  ASSERT_TRUE(bad_prepared.has_value());
  const auto refused = EstimateIndicators(table, *design, *bad_prepared, Options());
  ASSERT_FALSE(refused.has_value());
  const std::string& message = refused.error().message;
  const size_t at = message.find("row ");
  ASSERT_NE(at, std::string::npos) << message;
  const size_t file_row = std::stoul(message.substr(at + 4)) - 1;
  const std::string value = FormatNumber(original.Find("age")->values[file_row]);
  EXPECT_NE(message.find("gives " + value + " in"), std::string::npos) << message;
}

// A total whose PSU sums are all alike within each stratum (a fixed number of people per PSU, one
// weight per stratum) has no sampling variance; summed one PSU at a time or cell by cell, the SE
// stays at rounding level (the moments are centred as they are taken, not raw sums of squares).
TEST(EstimateEdges, ATotalWithIdenticalPsuSumsHasNoVarianceOnEitherPath) {
  constexpr size_t kStrata = 4, kPsus = 5, kRows = 20;
  std::vector<double> stratum, psu, w, y;
  for (size_t h = 0; h < kStrata; ++h) {
    for (size_t p = 0; p < kPsus; ++p) {
      for (size_t r = 0; r < kRows; ++r) {
        stratum.push_back(static_cast<double>(h + 1));
        psu.push_back(static_cast<double>(h * kPsus + p + 1));
        w.push_back(123.456789 * static_cast<double>(h + 1));
        y.push_back(1);
      }
    }
  }
  const char* recipe =
      "design: {weight: w, strata: s, psu: p}\n"
      "indicators: [{id: N, name: N, type: total, numerator: y}]";
  for (const bool interleave : {false, true}) {
    Table table(
        {Column{"s", "", ColumnValues(stratum), false, {}},
         Column{"p", "", ColumnValues(psu), false, {}}, Column{"w", "", ColumnValues(w), false, {}},
         Column{"y", "", ColumnValues(y), false, {}}},
        stratum.size());
    if (interleave) {
      table = testing::ReorderRows(
          table, testing::OtherPsuOrder(std::vector<uint32_t>(stratum.size()), true));
    }
    const Outcome run = Estimate(std::move(table), Options(), recipe);
    ASSERT_EQ(run.rows.size(), 1u);
    const auto& v = run.rows[0].values;
    EXPECT_NEAR(v.estimate, 123.456789 * kPsus * kRows * (1 + 2 + 3 + 4), 1e-6);
    EXPECT_LT(v.se, 1e-9 * v.estimate) << (interleave ? "cells" : "streamed");
  }
}

// The variance of a mean does not change when a constant is added to every value. Streamed sums
// take their moments about the first value seen, so a large constant costs no accuracy there.
TEST(EstimateProperties, AddingAConstantMovesAMeanAndLeavesItsSeAlone) {
  const auto recipe = [](const std::string& shift) {
    return "design: {weight: sampleweight, strata: strata, psu: cluster}\n"
           "missing: {age: [98, 99]}\n"
           "indicators:\n"
           "  - {id: M, name: M, type: mean, numerator: age + " +
           shift + ", by: [sex, region]}\n";
  };
  const std::string plain = recipe("0");
  const std::string shifted = recipe("20000");
  for (const bool sort : {false, true}) {
    const auto a =
        Estimate(sort ? SortedByPsu(Fixture()) : Fixture(), Options(), plain.c_str()).rows;
    const auto b =
        Estimate(sort ? SortedByPsu(Fixture()) : Fixture(), Options(), shifted.c_str()).rows;
    ASSERT_EQ(a.size(), b.size());
    ASSERT_GT(a.size(), 3u);
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_NEAR(b[i].values.estimate, a[i].values.estimate + 20000, 1e-9);
      EXPECT_NEAR(b[i].values.se, a[i].values.se, 1e-8 * a[i].values.se) << sort;
      EXPECT_EQ(b[i].values.df, a[i].values.df);
    }
  }
}

TEST(EstimateProperties, ThreadsGiveTheSameResultsAsOne) {
  RunOptions two = Options();
  two.threads = 2;
  ExpectSameNumbers(Estimate(Fixture(), Options()).rows, Estimate(Fixture(), two).rows, 0);
}

TEST(EstimateProperties, UnitWeightsWithoutClustersGiveTheSimpleRandomSampleAnswer) {
  Column y{"y", "", {}, false, {}};
  Column w{"w", "", {}, false, {}};
  for (int i = 0; i < 40; ++i) {
    y.values.push_back(i % 4 == 0 ? 1 : 0);
    w.values.push_back(1);
  }
  const Outcome run =
      Estimate(Table({y, w}, 40), Options(),
               "design: {weight: w}\nindicators: [{id: Y, name: Y, numerator: y == 1}]");
  ASSERT_EQ(run.rows.size(), 1u);
  const auto& v = run.rows[0].values;
  EXPECT_DOUBLE_EQ(v.estimate, 0.25);
  EXPECT_NEAR(v.se, std::sqrt(0.25 * 0.75 / 39), 1e-15);
  EXPECT_NEAR(v.deff, 1.0, 1e-12);
  EXPECT_EQ(v.df, 39);
}

TEST(DomainSetState, MergingPartsEqualsOnePass) {
  const Table table = Fixture();
  auto design = BuildDesign(table, Spec("sampleweight", "strata", "cluster"), "t.csv");
  ASSERT_TRUE(design.has_value());
  const auto& y = table.Find("pv18")->values;
  const auto& sex = table.Find("sex")->values;
  std::vector<DomainIndex> row_domain(table.rows());
  for (size_t row = 0; row < table.rows(); ++row) {
    row_domain[row] = static_cast<DomainIndex>(IsMissing(sex[row]) ? -1 : sex[row] - 1);
  }
  for (const DomainCells& cells :
       {MakeDomainCells(*design, std::vector<DomainIndex>(table.rows(), 0), 1),
        MakeDomainCells(*design, row_domain, 2)}) {
    DomainSetState whole(cells, *design);
    DomainSetState first(cells, *design);
    DomainSetState second(cells, *design);
    const auto domain = [&](int32_t cell) {
      return static_cast<int32_t>(cells.cell_domain[static_cast<size_t>(cell)]);
    };
    const auto value = [&](size_t row) {
      return y[row] == 1 ? 1.0 : (y[row] == 2 ? 0.0 : kMissing);
    };
    for (size_t row = 0; row < table.rows(); ++row) {
      const int32_t cell = cells.row_cell[row];
      if (cell < 0) continue;
      whole.Add(cell, design->weight[row], value(row));
      whole.AddRowWeight(domain(cell), design->weight[row]);
      DomainSetState& part = row % 3 == 0 ? first : second;
      part.Add(cell, design->weight[row], value(row));
      part.AddRowWeight(domain(cell), design->weight[row]);
    }
    first.Merge(second);
    for (size_t row = 0; row < table.rows(); ++row) {
      const int32_t cell = cells.row_cell[row];
      if (cell < 0) continue;
      whole.AddLogitStart(domain(cell), design->weight[row], value(row));
      first.AddLogitStart(domain(cell), design->weight[row], value(row));
    }
    EstimateOptions options;
    options.lonely_psu = LonelyPsu::kAdjust;
    for (size_t d = 0; d < cells.domains; ++d) {
      const auto a = whole.Finish(d, *design, options);
      const auto b = first.Finish(d, *design, options);
      ASSERT_TRUE(a.has_value() && b.has_value());
      EXPECT_GT(a->n_unweighted, 0);
      EXPECT_NEAR(a->estimate, b->estimate, 1e-14);
      EXPECT_NEAR(a->se, b->se, 1e-14);
      EXPECT_NEAR(a->ci_low, b->ci_low, 1e-13);
      EXPECT_EQ(a->n_unweighted, b->n_unweighted);
      EXPECT_EQ(a->df, b->df);
    }
  }
}

TEST(DomainCells, NumberCellsByDomainThenStratumAndMapEveryRow) {
  const Table table = Fixture();
  auto design = BuildDesign(table, Spec("sampleweight", "strata", "cluster"), "t.csv");
  ASSERT_TRUE(design.has_value());
  std::vector<DomainIndex> row_domain(table.rows());
  for (size_t row = 0; row < table.rows(); ++row)
    row_domain[row] = static_cast<DomainIndex>(static_cast<int>(row % 3) - 1);
  const DomainCells cells = MakeDomainCells(*design, row_domain, 2);
  const DomainCells hashed = MakeDomainCells(*design, row_domain, 2, /*max_bitmap_bits=*/0);
  EXPECT_EQ(cells.row_cell, hashed.row_cell);
  EXPECT_EQ(cells.cell_psu, hashed.cell_psu);
  EXPECT_EQ(cells.cell_domain, hashed.cell_domain);
  EXPECT_EQ(cells.domain_first_cell, hashed.domain_first_cell);
  ASSERT_EQ(cells.domain_first_cell.size(), 3u);
  EXPECT_EQ(cells.domain_first_cell.back(), cells.cells());
  for (size_t k = 1; k < cells.cells(); ++k) {
    const auto key = [&](size_t c) {
      return std::tuple(cells.cell_domain[c], design->psu_stratum[cells.cell_psu[c]],
                        cells.cell_psu[c]);
    };
    EXPECT_LT(key(k - 1), key(k));
  }
  for (size_t row = 0; row < table.rows(); ++row) {
    const int32_t cell = cells.row_cell[row];
    if (row_domain[row] < 0) {
      EXPECT_EQ(cell, -1);
      continue;
    }
    ASSERT_GE(cell, 0);
    EXPECT_EQ(cells.cell_psu[static_cast<size_t>(cell)], design->psu[row]);
    EXPECT_EQ(cells.cell_domain[static_cast<size_t>(cell)], static_cast<uint32_t>(row_domain[row]));
  }
}

TEST(EstimateEdges, AProportionOfZeroHasZeroSeAndNoLogitInterval) {
  Column y{"y", "", {0, 0, 0, 0, 0}, false, {}};
  Column w{"w", "", {1, 2, 1, 2, 1}, false, {}};
  const Outcome run =
      Estimate(Table({y, w}, 5), Options(),
               "design: {weight: w}\nindicators: [{id: Y, name: Y, numerator: y == 1}]");
  const auto& v = run.rows[0].values;
  EXPECT_EQ(v.estimate, 0);
  EXPECT_EQ(v.se, 0);
  EXPECT_TRUE(std::isnan(v.deff));
  EXPECT_TRUE(std::isnan(v.ci_low));
  RunOptions wald = Options();
  wald.estimate.ci = CiMethod::kWald;
  const Outcome wald_run =
      Estimate(Table({y, w}, 5), wald,
               "design: {weight: w}\nindicators: [{id: Y, name: Y, numerator: y == 1}]");
  EXPECT_EQ(wald_run.rows[0].values.ci_low, 0);
  EXPECT_EQ(wald_run.rows[0].values.ci_high, 0);
}

// A disaggregation by an id-like variable, or crossing that makes thousands of cells, is refused
// with the variable named, before any per-row arrays are made for it.
TEST(EstimateEdges, TooManyLevelsOrCellsAreRefusedByName) {
  constexpr size_t kRows = 3000;
  std::vector<double> id(kRows), a(kRows), b(kRows), y(kRows), w(kRows, 1.0);
  for (size_t row = 0; row < kRows; ++row) {
    id[row] = static_cast<double>(row);
    a[row] = static_cast<double>(row % 60);
    b[row] = std::floor(static_cast<double>(row) / 60);
    y[row] = static_cast<double>(row % 2);
  }
  const auto table = [&] {
    return Table(
        {Column{"id", "", ColumnValues(id), false, {}}, Column{"a", "", ColumnValues(a), false, {}},
         Column{"b", "", ColumnValues(b), false, {}}, Column{"y", "", ColumnValues(y), false, {}},
         Column{"w", "", ColumnValues(w), false, {}}},
        kRows);
  };
  const auto error = [&](const char* by) {
    Table t = table();
    const std::string text = std::string(
                                 "design: {weight: w}\nindicators: [{id: Y, name: Y, "
                                 "numerator: y == 1, by: ") +
                             by + "}]";
    auto recipe = ParseRecipe(text, "r.yaml");
    EXPECT_TRUE(recipe.has_value());
    auto design = BuildDesign(t, recipe->design, "t.csv");
    auto prepared = PrepareRecipe(*recipe, t, nullptr);
    EXPECT_TRUE(design.has_value() && prepared.has_value());
    auto rows = EstimateIndicators(t, *design, *prepared, Options());
    EXPECT_FALSE(rows.has_value());
    return rows ? std::string() : rows.error().message;
  };
  EXPECT_NE(error("[id]").find("by variable 'id' has 3000 distinct values"), std::string::npos);
  EXPECT_NE(error("[[a, b]]").find("by [a*b] makes 3000 cells"), std::string::npos);
  // The same variables one at a time are fine: 60 + 50 domains.
  const Outcome run = Estimate(table(), Options(),
                               "design: {weight: w}\nindicators: [{id: Y, name: Y, numerator: "
                               "y == 1, by: [a, b]}]");
  EXPECT_EQ(run.rows.size(), 1u + 60 + 50);
}

TEST(EstimateEdges, AnEmptyUniverseGivesNoEstimateAndASuppressedFlag) {
  RunOptions options = Options();
  options.min_n = 25;
  const char* recipe = R"(design: {weight: sampleweight, strata: strata, psu: cluster}
indicators: [{id: Z, name: Z, universe: age > 200, numerator: sex == 1}])";
  const Outcome run = Estimate(Fixture(), options, recipe);
  ASSERT_EQ(run.rows.size(), 1u);
  EXPECT_TRUE(std::isnan(run.rows[0].values.n_unweighted));  // suppressed: no count either
  EXPECT_TRUE(std::isnan(run.rows[0].values.estimate));
  EXPECT_EQ(run.rows[0].flag, Flag::kSuppressed);
  EXPECT_EQ(run.rows[0].suppression, disclosure::Suppression::kPrimary);
}

bool AllMissing(const DomainEstimate& v) {
  return std::isnan(v.n_unweighted) && std::isnan(v.n_missing) && std::isnan(v.n_weighted) &&
         std::isnan(v.estimate) && std::isnan(v.se) && std::isnan(v.ci_low) &&
         std::isnan(v.ci_high) && std::isnan(v.deff) && std::isnan(v.df);
}

TEST(EstimateSuppression, EmptiesSmallCellsAndTheCellsThatWouldGiveThemAway) {
  RunOptions unprotected = Options();
  unprotected.min_n = 0;
  const Outcome reference = Estimate(Fixture(), unprotected);
  RunOptions options = Options();
  options.min_n = 200;
  options.caution_n = 400;
  const Outcome run = Estimate(Fixture(), options);
  ASSERT_EQ(run.rows.size(), reference.rows.size());
  size_t primary = 0, complementary = 0, caution = 0;
  for (size_t i = 0; i < run.rows.size(); ++i) {
    const auto& row = run.rows[i];
    const double n = reference.rows[i].values.n_unweighted;
    ASSERT_EQ(row.domain_code, reference.rows[i].domain_code);
    if (n < 200) {
      ++primary;
      EXPECT_EQ(row.flag, Flag::kSuppressed);
      EXPECT_EQ(row.suppression, disclosure::Suppression::kPrimary);
      EXPECT_TRUE(AllMissing(row.values));
    } else if (row.suppression == disclosure::Suppression::kComplementary) {
      ++complementary;
      EXPECT_EQ(row.flag, Flag::kSuppressed);
      EXPECT_TRUE(AllMissing(row.values));
    } else if (n < 400) {
      ++caution;
      EXPECT_EQ(row.flag, Flag::kCaution);
      EXPECT_EQ(row.values.estimate, reference.rows[i].values.estimate);
    } else {
      EXPECT_EQ(row.flag, Flag::kOk);
    }
  }
  EXPECT_GT(primary, 0u);
  EXPECT_GT(complementary, 0u);
  EXPECT_GT(caution, 0u);
}

TEST(EstimateErrors, ALonelyPsuUnderFailNamesTheStratumAndTheOptions) {
  Table table = Fixture();
  auto recipe = ParseRecipe(kRecipe, "r.yaml");
  auto design = BuildDesign(table, recipe->design, "t.csv");
  auto prepared = PrepareRecipe(*recipe, table, nullptr);
  RunOptions options = Options();
  options.estimate.lonely_psu = LonelyPsu::kFail;
  const auto rows = EstimateIndicators(table, *design, *prepared, options);
  ASSERT_FALSE(rows.has_value());
  EXPECT_NE(rows.error().message.find("stratum 1 has only one PSU"), std::string::npos)
      << rows.error().message;
  EXPECT_NE(rows.error().message.find("--lonely-psu"), std::string::npos);
}

TEST(EstimateErrors, ANumeratorThatIsNotAConditionIsRefused) {
  Table table = Fixture();
  auto recipe = ParseRecipe(R"(design: {weight: sampleweight, strata: strata, psu: cluster}
indicators: [{id: Q, name: Q, numerator: sex}])",
                            "r.yaml");
  auto design = BuildDesign(table, recipe->design, "t.csv");
  auto prepared = PrepareRecipe(*recipe, table, nullptr);
  const auto rows = EstimateIndicators(table, *design, *prepared, Options());
  ASSERT_FALSE(rows.has_value());
  EXPECT_NE(rows.error().message.find("indicator 'Q': numerator 'sex' gives 2 in row"),
            std::string::npos)
      << rows.error().message;
}

TEST(BuildDesign, RefusesBadWeightsNamingRowAndVariable) {
  Column w{"w", "", {1, -2}, false, {}};
  const auto negative = BuildDesign(Table({w}, 2), Spec("w", "", ""), "s.csv");
  ASSERT_FALSE(negative.has_value());
  EXPECT_EQ(negative.error().message,
            "s.csv: row 2 (line 3): weight 'w' is -2; weights must be numbers >= 0");
  Column missing{"w", "", {kMissing}, false, {}};
  EXPECT_NE(BuildDesign(Table({missing}, 1), Spec("w", "", ""), "s.csv")
                .error()
                .message.find("is missing"),
            std::string::npos);
  EXPECT_NE(BuildDesign(Table({w}, 2), Spec("wgt", "", ""), "s.csv")
                .error()
                .message.find("weight variable 'wgt' not found (did you mean 'w'?)"),
            std::string::npos);
}

TEST(BuildDesign, RefusesATextWeight) {
  Column w{"w", "", {1, 2}, true, {{1, "1,5"}, {2, "2,0"}}};
  const auto design = BuildDesign(Table({w}, 2), Spec("w", "", ""), "s.csv");
  ASSERT_FALSE(design.has_value());
  EXPECT_EQ(design.error().message,
            "s.csv: weight variable 'w' holds text (such as '1,5'), expected numbers");
}

TEST(EstimateErrors, RefusesADisaggregationByAVariableWithTooManyValues) {
  Table table = Fixture();
  auto recipe = ParseRecipe(R"(design: {weight: sampleweight, strata: strata, psu: cluster}
indicators: [{id: Q, name: Q, numerator: sex == 1, by: [sampleweight]}])",
                            "r.yaml");
  auto design = BuildDesign(table, recipe->design, "t.csv");
  auto prepared = PrepareRecipe(*recipe, table, nullptr);
  const auto rows = EstimateIndicators(table, *design, *prepared, Options());
  ASSERT_FALSE(rows.has_value());
  EXPECT_NE(rows.error().message.find("indicator 'Q': by variable 'sampleweight' has 1500 distinct "
                                      "values"),
            std::string::npos)
      << rows.error().message;
}

TEST(BuildDesign, NestsPsusInStrata) {
  Column w{"w", "", {1, 1, 1, 1}, false, {}};
  Column s{"s", "", {1, 1, 2, 2}, false, {}};
  Column p{"p", "", {1, 2, 1, 2}, false, {}};
  const auto design = BuildDesign(Table({w, s, p}, 4), Spec("w", "s", "p"), "t.csv");
  ASSERT_TRUE(design.has_value());
  EXPECT_EQ(design->psu_count(), 4u);
  EXPECT_EQ(design->strata_count(), 2u);
  EXPECT_TRUE(design->LonelyStrata().empty());
}

}  // namespace
}  // namespace inspire::survey
