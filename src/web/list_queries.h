// The query string of each list, read once for the API and the pages alike: text filters as
// given, a parameter that must be a whole number and is not one refused with kInvalidArgument
// naming it. The hub then checks ranges and values (a page below 1, an unknown sort).
#ifndef INSPIRE_WEB_LIST_QUERIES_H_
#define INSPIRE_WEB_LIST_QUERIES_H_

#include <cstdint>

#include "core/error.h"
#include "hub/actions.h"
#include "hub/activities.h"
#include "hub/audit.h"
#include "hub/coordination.h"
#include "hub/decisions.h"
#include "hub/estimates.h"
#include "hub/library.h"
#include "hub/meetings.h"
#include "hub/organizations.h"
#include "hub/studies.h"
#include "hub/targets.h"
#include "hub/workplan.h"
#include "web/http/message.h"

namespace inspire::web {

// The whole-number parameter `name`, `fallback` when absent (the first if repeated).
core::Result<int64_t> IntParam(const http::Params& params, const char* name, int64_t fallback);

// /api/v1/organizations and /members: type, wg_role, country, q, sort, page, per_page.
core::Result<hub::ListQuery> OrganizationQueryFrom(const http::Params& params);
// /api/v1/activities and /activities: country, approach, strategy, status, organization,
// organization_type, sort, page, per_page.
core::Result<hub::ActivityQuery> ActivityQueryFrom(const http::Params& params);
// /api/v1/needs and /api/v1/offers: country, approach, kind, status, organization, page,
// per_page.
core::Result<hub::CoordinationQuery> CoordinationQueryFrom(const http::Params& params);
// /api/v1/targets: country, indicator, page, per_page.
core::Result<hub::TargetQuery> TargetQueryFrom(const http::Params& params);
// /api/v1/studies: approach, outcome, country, design, q, page, per_page.
core::Result<hub::StudyQuery> StudyQueryFrom(const http::Params& params);
// /api/v1/estimates and its export: indicator, country, domain, year, limit, offset.
core::Result<hub::EstimateQuery> EstimateQueryFrom(const http::Params& params);
// /api/v1/objectives: status, workstream, approach, country, organization, page, per_page.
core::Result<hub::ObjectiveQuery> ObjectiveQueryFrom(const http::Params& params);
// /api/v1/meetings: kind, country, when (upcoming, past), page, per_page.
core::Result<hub::MeetingQuery> MeetingQueryFrom(const http::Params& params);
// /api/v1/decisions: meeting, status, page, per_page.
core::Result<hub::DecisionQuery> DecisionQueryFrom(const http::Params& params);
// /api/v1/actions: status, overdue (true), organization, meeting, objective, need, country,
// page, per_page.
core::Result<hub::ActionQuery> ActionQueryFrom(const http::Params& params);
// /api/v1/library and /library: q, kind, language, strategy, approach, country, year,
// organization, page, per_page.
core::Result<hub::LibraryQuery> LibraryQueryFrom(const http::Params& params);
// /api/v1/audit: entity, entity_id, limit (1 to 1000), offset (at least 0).
core::Result<hub::AuditQuery> AuditQueryFrom(const http::Params& params);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_LIST_QUERIES_H_
