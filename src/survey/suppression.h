// Disclosure control of one indicator's rows (DESIGN.md invariant 2): complementary suppression
// over the relations between its total, disaggregations and crossed tables, then every
// suppressed row emptied of its numbers, counts included, so that an estimate file can be shared.
#ifndef INSPIRE_SURVEY_SUPPRESSION_H_
#define INSPIRE_SURVEY_SUPPRESSION_H_

#include <span>

#include "core/error.h"
#include "survey/estimate.h"

namespace inspire::survey {

// `rows` are one indicator's, flagged (small cells kSuppressed with suppression kPrimary).
// Suppresses more cells where the tables' relations would give a suppressed one away
// (disclosure::SuppressComplementary with `min_n`), marking them kSuppressed and
// kComplementary, and sets every number of every suppressed row (counts, estimate, se, CI,
// deff, df) to missing. Errors: kValidation when two rows share a key or a code does not fit
// its domain (a recipe cannot cause either).
core::Result<void> ProtectSuppressedCells(std::span<EstimateRow> rows, double min_n);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_SUPPRESSION_H_
