// A round as a workbook to fill offline (slow or no connection): a sheet for the round's own
// answers, one per section (a row per law kind, approach and milestone; plans and surveys with
// room for more), drop-down lists for the allowed answers and a sheet listing them. The same
// workbook comes back filled: every sheet it holds replaces that part of the round, all or
// nothing, and a refusal names the sheet, the row and the column ("laws!C5").
#ifndef INSPIRE_HUB_IMPLEMENTATION_WORKBOOK_H_
#define INSPIRE_HUB_IMPLEMENTATION_WORKBOOK_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The workbook (XLSX bytes) of round `id` with its answers so far: kNotFound when the actor may
// not see the round; kIo when the workbook cannot be written.
core::Result<std::string> RoundWorkbook(store::Connection& db,
                                        const catalogue::Catalogue& catalogue, const Actor& actor,
                                        int64_t id);

// Applies a filled workbook to round `id` (editable by `actor`: errors as EditableRound): the
// sheet "round" changes the round's own fields, each section sheet replaces its section, other
// sheets are ignored. Errors: kParse or kTooLarge for a file that is not a workbook (core::
// ReadXlsx); kValidation with field "<sheet>!<column><row>" for an unknown column or an answer
// the hub refuses (its message prefixed with the place). Callers run it inside hub::Write so that
// a refusal changes nothing. Returns {"round": the round as GetRound gives it, "sheets": [names
// applied]}.
core::Result<Json> ApplyRoundWorkbook(store::Connection& db, const catalogue::Catalogue& catalogue,
                                      const Actor& actor, int64_t id, std::string_view bytes);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_IMPLEMENTATION_WORKBOOK_H_
