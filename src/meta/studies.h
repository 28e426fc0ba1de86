// A studies file (CSV) for `inspire meta`: a `study` column, the columns of one layout (events,
// means, or yi with vi or sei; see effect_size.h), and any other columns, which are kept as
// descriptors (country, design, year, approach...) for display and subgroups.
#ifndef INSPIRE_META_STUDIES_H_
#define INSPIRE_META_STUDIES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "meta/effect_size.h"

namespace inspire::meta {

struct Study {
  std::string name;
  size_t line = 0;  // in the file (the header is line 1)
  Reported reported;
  Effect effect;
  std::vector<std::string> descriptors;  // one per StudySet::descriptor_columns
};

struct StudySet {
  Measure measure = Measure::kOr;
  Layout layout = Layout::kEvents;
  std::vector<std::string> descriptor_columns;
  std::vector<Study> studies;

  // The values of descriptor `column` (one per study), or nullopt if there is no such column.
  std::optional<std::vector<std::string>> Descriptor(std::string_view column) const;
  std::vector<double> Effects() const;
  std::vector<double> Variances() const;
};

// Parses a studies file and computes each study's effect size. Without `measure` it follows the
// columns: events -> OR, means -> SMD, yi -> GEN. Column names match in any case. Errors
// (kParse, kValidation) name the file, line, study and column: a missing column, an empty or
// non-numeric cell, a value that breaks the measure's rules, fewer than two studies.
core::Result<StudySet> ParseStudies(std::string_view text, std::string_view file_name,
                                    std::optional<Measure> measure);

// A number as the studies file holds it: decimal, optional sign and exponent, spaces around
// allowed; anything else (empty, "NA", "1,5", "12 children") is an error.
std::optional<double> ParseNumber(std::string_view text);

}  // namespace inspire::meta

#endif  // INSPIRE_META_STUDIES_H_
