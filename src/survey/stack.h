// Stacks survey files into one table, for indicators that combine files of one survey that share
// its clusters (MICS6: children 1-4 from "ch" and 5-14 from "fs"), as rbind() then svydesign()
// does in R.
#ifndef INSPIRE_SURVEY_STACK_H_
#define INSPIRE_SURVEY_STACK_H_

#include <vector>

#include "core/error.h"
#include "survey/table.h"

namespace inspire::survey {

// The name of the column StackTables adds: which file a row came from, 1, 2, ... in the order
// given, labelled with the file names. Recipes use it to tell the files apart.
inline constexpr const char* kFileColumn = "_file";

// Rows of every table, in order. Columns are the union of all tables' columns (first appearance
// order); a column a file lacks is missing on that file's rows. Text columns are recoded over all
// files (codes 1..k in sorted text order); value labels are merged (the first file's label wins
// for a code labelled differently). Errors: kValidation naming the column and both files when a
// column is text in one file and numeric in another.
core::Result<Table> StackTables(std::vector<Table> tables);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_STACK_H_
