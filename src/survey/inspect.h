// What a survey file holds, variable by variable, without a recipe: type, label, the values with
// their labels and counts, how many rows are missing and which codes the file declares missing.
// `inspire inspect` prints it; `inspire recipe check` uses it for the variables a recipe needs.
#ifndef INSPIRE_SURVEY_INSPECT_H_
#define INSPIRE_SURVEY_INSPECT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "survey/table.h"

namespace inspire::survey {

struct ValueCount {
  double value = 0;
  std::string label;  // the value label, empty if none (text variables: the text)
  size_t rows = 0;
};

struct VariableSummary {
  std::string name;
  std::string label;
  bool is_text = false;
  size_t rows = 0;
  size_t missing = 0;  // rows with no value (system missing and declared missing together)
  std::vector<DeclaredMissing> declared_missing;
  size_t distinct = 0;             // distinct non-missing values, counted up to max_values + 1
  bool more_values = false;        // more than max_values distinct values: `values` is empty
  std::vector<ValueCount> values;  // ascending by value, when at most max_values distinct
  double min = 0;                  // NaN when every row is missing (or the variable is text)
  double max = 0;
  size_t value_labels = 0;  // labels the file gives the variable's values
};

// Summarises `column` (rows: the table's). One pass over the rows; memory bounded by max_values.
VariableSummary Summarize(const Column& column, size_t rows, size_t max_values = 30);

// Every loaded column of `table`, in file order.
std::vector<VariableSummary> SummarizeTable(const Table& table, size_t max_values = 30);

// The summary as JSON: name, label, type ("numeric"/"text"), rows, missing, declared_missing
// [{code, rows}], distinct, more_values, values [{value, label, rows}], min, max, value_labels.
nlohmann::ordered_json SummaryJson(const VariableSummary& summary);

// "1 Male (740), 2 Female (760)", at most `limit` values then "…"; "12 values, 1.5-87.25" when
// there are too many to list.
std::string ValuesText(const VariableSummary& summary, size_t limit);

// "12: 8 (5), 9 (7)" or "0".
std::string MissingText(const VariableSummary& summary);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_INSPECT_H_
