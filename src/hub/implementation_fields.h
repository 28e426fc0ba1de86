// The fields of an implementation round and of the items of its sections, declared once (as
// hub/record_fields.h describes: checks, forms, bulk columns and API schemas derive from them),
// with the fixed lists their answers choose from. Used by the round's lifecycle
// (implementation_rounds), its sections (implementation_sections) and the views.
#ifndef INSPIRE_HUB_IMPLEMENTATION_FIELDS_H_
#define INSPIRE_HUB_IMPLEMENTATION_FIELDS_H_

#include <string>
#include <vector>

#include "hub/record_fields.h"

namespace inspire::hub {

// The forms of violence a plan or survey covers: maltreatment, bullying, youth-violence,
// partner-violence, sexual-violence, online-abuse.
const std::vector<std::string>& ViolenceForms();
// The pathfinding milestones, in the order a country usually reaches them: commitment,
// focal-point, stakeholder-group, data-analysed, costed-plan, plan-launched, children-consulted.
const std::vector<std::string>& Milestones();
// "draft", "submitted", "returned", "validated".
const std::vector<std::string>& RoundStatuses();

// A round: country, label, reference year, status (set only by ChangeRoundStatus), the round it
// was started from, who answered, the consensus meeting (held, date, sectors present), the data
// section's answers (homicide data, baselines and targets set) and notes.
const RecordFields& RoundFields();
// One answer of the laws section: the kind of law (catalogue law_kinds), in place (yes, partly,
// no, unknown), enforcement (not, partly, mostly, fully, unknown), year, citation, link.
const RecordFields& LawAnswerFields();
// One answer of the approaches section: the approach, government support (yes, no, unknown),
// reach of those who need it (none, few, some, most, all, unknown), scale (pilot, subnational,
// national, unknown), notes.
const RecordFields& ApproachAnswerFields();
// One answer of the milestones section: the milestone, its state (reached, in-progress,
// not-started) and the date it was reached.
const RecordFields& MilestoneFields();
// One national plan: title, years, forms of violence and strategies covered, funding (full,
// partial, none, unknown), costed, measurable targets, baselines, monitoring framework, link,
// notes.
const RecordFields& PlanFields();
// One national prevalence survey: name, year, ages covered, forms of violence, nationally
// representative, link.
const RecordFields& SurveyFields();

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_IMPLEMENTATION_FIELDS_H_
