// The sections of an implementation round: laws (one answer per kind of law of the catalogue),
// approaches (one answer per INSPIRE approach), pathfinding milestones (one per milestone),
// national plans and prevalence surveys (lists). A section is read and saved whole: a long form
// saves one section at a time, so that nothing typed elsewhere is lost, and an answer that is
// not sent is an answer not given ("unknown" in the summaries). Callers run writes inside
// hub::Write.
#ifndef INSPIRE_HUB_IMPLEMENTATION_SECTIONS_H_
#define INSPIRE_HUB_IMPLEMENTATION_SECTIONS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// "laws", "approaches", "milestones", "plans", "surveys".
const std::vector<std::string>& SectionNames();
// The fields of one item of section `name` (LawAnswerFields, ...); nullptr for an unknown name.
const RecordFields* SectionFields(const std::string& name);

// The field that names a row of `section` ("law", "approach", "milestone"), each at most once a
// round; "" for the free lists (plans, surveys) and for an unknown section.
std::string SectionKeyField(const std::string& section);
// True when `field` names the rows of some section.
bool IsSectionKeyField(const std::string& field);

// The sections of round `round_id`, {"laws": [...], ...}, each item as sent (without ids or
// times), in the order saved. No visibility check: callers read the round through ReadRound.
core::Result<Json> ReadSections(store::Connection& db, int64_t round_id);
// The sections of each of `round_ids` (any number), by round id.
core::Result<std::map<int64_t, Json>> ReadSectionsOf(store::Connection& db,
                                                     const std::vector<int64_t>& round_ids);

// Replaces section `section` of round `round_id` with `items` (a list): the round must be
// editable by `actor` (see EditableRound: kNotFound, kForbidden, kConflict naming status); an
// unknown section is kNotFound naming section; each item is checked against its fields and the
// catalogue (kValidation naming "<section>[i].<field>"): a law kind of the catalogue and an
// INSPIRE approach id, each at most once per round (likewise milestones); end years not before
// start years, ages from 0 to 120 in order. Audited as a change of the round (the section
// before and after). Returns the section as saved.
core::Result<Json> SaveSection(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, int64_t round_id, const std::string& section,
                               const Json& items);

// Copies every section of round `from` into round `to` (which has none yet). For starting a
// round from an earlier one; the caller checked both rounds and audits the new one.
core::Result<void> CopySections(store::Connection& db, int64_t from, int64_t to);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_IMPLEMENTATION_SECTIONS_H_
