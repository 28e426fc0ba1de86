// Studies of what works: one record per study and outcome, with where and how it was done
// (country, setting, design, risk of bias), the INSPIRE approaches it tested, the outcome it
// measured (linked to a catalogue indicator where one fits), and the numbers it reported, in the
// same columns `inspire meta` reads (ai, n1i, ci, n2i / m1i, sd1i, n1i, m2i, sd2i, n2i / yi with
// vi or sei). Each record is served with its effect size as metafor's escalc computes it.
// Anyone may read them; signed-in contributors (not viewers) add studies; staff edit any, others
// the studies they added. Every write is audited.
#ifndef INSPIRE_HUB_STUDIES_H_
#define INSPIRE_HUB_STUDIES_H_

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

// The choices of a study's fields and its columns, as stored and sent.
const std::vector<std::string>& StudyDesigns();      // "RCT", "cluster RCT", ...
const std::vector<std::string>& RisksOfBias();       // "low", "some concerns", "high", "unclear"
const std::vector<std::string>& StudyNumberNames();  // ai, n1i, ci, n2i, m1i, ..., yi, vi, sei
// The fields of a study, declared once (checks, bulk columns, forms, API schema).
const RecordFields& StudyFields();

// The confidence level of each study's own interval (its effect's ci_low and ci_high).
inline constexpr double kStudyIntervalLevel = 0.95;

struct StudyQuery {
  std::string approach;  // approach id
  std::string outcome;   // exact outcome, any case
  std::string country;   // ISO3
  std::string design;
  std::string q;  // words in study, citation, outcome or setting
  int64_t page = 1;
  int64_t per_page = 100;  // at most 1000
};

// The lifecycle of studies, alike for every record kind: List pages through them ({"items",
// "total", "page", "per_page"}; kValidation naming a bad filter or page); Get returns one
// (kNotFound); Create and Update check every field (kValidation naming it, nothing written) and
// the actor's right (kForbidden, kUnauthenticated for visitors), write the record and its audit
// entry with before and after, and return the record as Get does; Delete removes it, audited.
// Callers run writes inside hub::Write.
// Any signed-in contributor (not a viewer) adds studies; staff or the one who added a study
// change it. Each study's effect (and its interval at kStudyIntervalLevel) is computed from its
// reported numbers.
core::Result<Json> ListStudies(store::Connection& db, const StudyQuery& query);
core::Result<Json> GetStudy(store::Connection& db, int64_t id);
core::Result<Json> CreateStudy(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, const Json& fields);
core::Result<Json> UpdateStudy(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteStudy(store::Connection& db, const Actor& actor, int64_t id);

// Every study (for the evidence map and analyses; the hub holds hundreds, not millions).
core::Result<Json> AllStudies(store::Connection& db);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_STUDIES_H_
