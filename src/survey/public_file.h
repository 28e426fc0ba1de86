// A public-use file: the survey without its strata and PSU variables, with replicate weights
// in their place (survey/replicate_make.h), and the recipe design block that analyses it.
#ifndef INSPIRE_SURVEY_PUBLIC_FILE_H_
#define INSPIRE_SURVEY_PUBLIC_FILE_H_

#include <string>

#include "core/error.h"
#include "survey/design.h"
#include "survey/replicate_make.h"
#include "survey/table.h"

namespace inspire::survey {

// `table` without spec.strata and spec.psu, followed by `prefix`1 .. `prefix`R, each row's
// weight times its PSU's factor (combined weights, as public files carry them). Errors
// (kValidation): a replicate variable name the table already has.
core::Result<Table> PublicUseTable(const Table& table, const Design& design, const DesignSpec& spec,
                                   const MadeReplicates& made, const std::string& prefix);

// The recipe `design:` block for the public file: weight, replicates "prefix*", type, scale,
// rscales (one per replicate, 17 significant digits), mse false.
std::string ReplicateDesignYaml(const std::string& weight, const MadeReplicates& made,
                                const std::string& prefix);

// Writes `table` by the extension of `path`: .csv (numbers in their shortest exact form, text
// as text), .sav or .dta (survey/readstat_writer.h). Errors: kInvalidArgument for another
// extension; kIo; those of WriteStatFile. Nothing is left at `path` on failure.
core::Result<void> WriteSurvey(const std::string& path, const Table& table);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_PUBLIC_FILE_H_
