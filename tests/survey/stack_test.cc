#include "survey/stack.h"

#include <gtest/gtest.h>

#include "survey/csv_reader.h"
#include "survey/estimate.h"

namespace inspire::survey {
namespace {

Table Csv(std::string_view text, const std::string& file) {
  auto table = ParseCsv(text, file);
  EXPECT_TRUE(table.has_value()) << table.error().message;
  table->SetSource(file);
  return std::move(*table);
}

TEST(StackTables, TakesTheUnionOfColumnsAndFillsTheRestWithMissing) {
  std::vector<Table> tables;
  tables.push_back(Csv("a,b\n1,2\n3,4\n", "one.csv"));
  tables.push_back(Csv("b,c\n5,6\n", "two.csv"));
  const auto stacked = StackTables(std::move(tables));
  ASSERT_TRUE(stacked.has_value()) << stacked.error().message;
  ASSERT_EQ(stacked->rows(), 3u);
  EXPECT_EQ(stacked->Names(), (std::vector<std::string>{"a", "b", "c", kFileColumn}));
  EXPECT_EQ(stacked->Find("b")->values.ToVector(), (std::vector<double>{2, 4, 5}));
  EXPECT_TRUE(IsMissing(stacked->Find("a")->values[2]));
  EXPECT_TRUE(IsMissing(stacked->Find("c")->values[0]));
  EXPECT_EQ(stacked->Find(kFileColumn)->values.ToVector(), (std::vector<double>{1, 1, 2}));
  EXPECT_EQ(stacked->Find(kFileColumn)->LabelOf(2), "two.csv");
}

TEST(StackTables, RecodesTextOverAllFilesAndNamesTheFileOfARow) {
  std::vector<Table> tables;
  tables.push_back(Csv("region\nSouth\nNorth\n", "one.csv"));
  tables.push_back(Csv("region\nEast\nSouth\n", "two.csv"));
  const auto stacked = StackTables(std::move(tables));
  ASSERT_TRUE(stacked.has_value());
  const Column* region = stacked->Find("region");
  EXPECT_EQ(region->values.ToVector(), (std::vector<double>{3, 2, 1, 3}));
  EXPECT_EQ(region->LabelOf(1), "East");
  EXPECT_EQ(stacked->RowRef(3), "two.csv: row 2 (line 3)");
  EXPECT_EQ(stacked->RowRef(0), "one.csv: row 1 (line 2)");
}

// Rows moved (as GroupRowsByPsu moves them) keep their values together and their place in the
// files for messages, through two reorderings.
TEST(StackTables, ReorderedRowsKeepNamingTheirFileAndLine) {
  std::vector<Table> tables;
  tables.push_back(Csv("x,y\n1,100\n2,200\n", "one.csv"));
  tables.push_back(Csv("x,y\n3,300.5\n4,400\n", "two.csv"));
  auto stacked = StackTables(std::move(tables));
  ASSERT_TRUE(stacked.has_value());
  stacked->ReorderRows({3, 0, 2, 1}, 2);
  EXPECT_EQ(stacked->Find("x")->values.ToVector(), (std::vector<double>{4, 1, 3, 2}));
  EXPECT_EQ(stacked->Find("y")->values.ToVector(), (std::vector<double>{400, 100, 300.5, 200}));
  EXPECT_EQ(stacked->RowRef(0), "two.csv: row 2 (line 3)");
  EXPECT_EQ(stacked->RowRef(1), "one.csv: row 1 (line 2)");
  stacked->ReorderRows({1, 0, 3, 2}, 1);
  EXPECT_EQ(stacked->Find("x")->values.ToVector(), (std::vector<double>{1, 4, 2, 3}));
  EXPECT_EQ(stacked->SourceRow(3), 2u);
  EXPECT_EQ(stacked->RowRef(3), "two.csv: row 1 (line 2)");
}

TEST(StackTables, RefusesAVariableThatIsTextInOneFileAndNumericInAnother) {
  std::vector<Table> tables;
  tables.push_back(Csv("x\n1\n", "one.csv"));
  tables.push_back(Csv("x\nabc\n", "two.csv"));
  const auto stacked = StackTables(std::move(tables));
  ASSERT_FALSE(stacked.has_value());
  EXPECT_EQ(stacked.error().message,
            "variable 'x' is numeric in one.csv but text in two.csv; stacked files must agree");
}

// Splitting a file in two and stacking the parts gives back every estimate exactly.
TEST(StackTables, StackingTheTwoHalvesOfAFileChangesNoEstimate) {
  const std::string path = std::string(INSPIRE_TEST_DATA_DIR) + "/survey/vacs_small.csv";
  auto whole = ReadCsv(path);
  ASSERT_TRUE(whole.has_value());
  std::vector<Table> halves(2);
  const size_t cut = whole->rows() / 3;
  for (size_t part = 0; part < 2; ++part) {
    std::vector<Column> columns;
    for (const auto& column : whole->columns()) {
      Column copy = column;
      const std::vector<double> values = column.values.ToVector();
      copy.values = ColumnValues(
          std::vector<double>(values.begin() + (part == 0 ? 0 : static_cast<long>(cut)),
                              part == 0 ? values.begin() + static_cast<long>(cut) : values.end()));
      columns.push_back(std::move(copy));
    }
    const size_t rows = part == 0 ? cut : whole->rows() - cut;
    halves[part] = Table(std::move(columns), rows);
  }
  auto stacked = StackTables(std::move(halves));
  ASSERT_TRUE(stacked.has_value());
  auto recipe = ParseRecipe(R"yaml(design: {weight: sampleweight, strata: strata, psu: cluster}
missing: {"sv_*": [8, 9]}
indicators: [{id: A, name: A, numerator: "any(sv_touch18 == 1, sv_forced18 == 1)", by: [sex, region]
}]
)yaml",
                            "r.yaml");
  RunOptions options;
  options.estimate.lonely_psu = LonelyPsu::kAdjust;
  const auto run = [&](Table& table) {
    auto design = BuildDesign(table, recipe->design, "t.csv");
    auto prepared = PrepareRecipe(*recipe, table, nullptr);
    return EstimateIndicators(table, *design, *prepared, options);
  };
  const auto a = run(*whole);
  const auto b = run(*stacked);
  ASSERT_TRUE(a.has_value() && b.has_value());
  ASSERT_EQ(a->size(), b->size());
  for (size_t i = 0; i < a->size(); ++i) {
    EXPECT_DOUBLE_EQ((*a)[i].values.estimate, (*b)[i].values.estimate);
    EXPECT_DOUBLE_EQ((*a)[i].values.se, (*b)[i].values.se);
    EXPECT_DOUBLE_EQ((*a)[i].values.ci_low, (*b)[i].values.ci_low);
    EXPECT_EQ((*a)[i].values.df, (*b)[i].values.df);
  }
}

}  // namespace
}  // namespace inspire::survey
