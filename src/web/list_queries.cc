#include "web/list_queries.h"

#include <fmt/format.h>

#include <charconv>
#include <string>

namespace inspire::web {
namespace {

// The parameter's text; empty when absent.
std::string Text(const http::Params& params, const char* name) {
  const auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

// Sets `field` to the parameter when it is given (keeping the query's default otherwise).
void TextIfGiven(const http::Params& params, const char* name, std::string& field) {
  if (params.count(name) > 0) field = Text(params, name);
}

}  // namespace

core::Result<int64_t> IntParam(const http::Params& params, const char* name, int64_t fallback) {
  if (params.count(name) == 0) return fallback;
  const std::string text = Text(params, name);
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return core::FailField(core::ErrorCode::kInvalidArgument, name,
                           fmt::format("{} must be a whole number, not '{}'", name, text));
  }
  return value;
}

core::Result<hub::ListQuery> OrganizationQueryFrom(const http::Params& params) {
  hub::ListQuery query;
  query.type = Text(params, "type");
  query.wg_role = Text(params, "wg_role");
  query.country = Text(params, "country");
  query.q = Text(params, "q");
  TextIfGiven(params, "sort", query.sort);
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

core::Result<hub::ActivityQuery> ActivityQueryFrom(const http::Params& params) {
  hub::ActivityQuery query;
  query.country = Text(params, "country");
  query.approach = Text(params, "approach");
  query.strategy = Text(params, "strategy");
  query.status = Text(params, "status");
  query.organization_type = Text(params, "organization_type");
  TextIfGiven(params, "sort", query.sort);
  INSPIRE_ASSIGN_OR_RETURN(query.organization, IntParam(params, "organization", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

core::Result<hub::CoordinationQuery> CoordinationQueryFrom(const http::Params& params) {
  hub::CoordinationQuery query;
  query.country = Text(params, "country");
  query.approach = Text(params, "approach");
  query.kind = Text(params, "kind");
  query.status = Text(params, "status");
  INSPIRE_ASSIGN_OR_RETURN(query.organization, IntParam(params, "organization", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

core::Result<hub::TargetQuery> TargetQueryFrom(const http::Params& params) {
  hub::TargetQuery query;
  query.country = Text(params, "country");
  query.indicator = Text(params, "indicator");
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

core::Result<hub::StudyQuery> StudyQueryFrom(const http::Params& params) {
  hub::StudyQuery query;
  query.approach = Text(params, "approach");
  query.outcome = Text(params, "outcome");
  query.country = Text(params, "country");
  query.design = Text(params, "design");
  query.q = Text(params, "q");
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

core::Result<hub::EstimateQuery> EstimateQueryFrom(const http::Params& params) {
  hub::EstimateQuery query;
  query.indicator = Text(params, "indicator");
  query.country = Text(params, "country");
  query.domain = Text(params, "domain");
  INSPIRE_ASSIGN_OR_RETURN(query.year, IntParam(params, "year", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.limit, IntParam(params, "limit", query.limit));
  INSPIRE_ASSIGN_OR_RETURN(query.offset, IntParam(params, "offset", query.offset));
  return query;
}

core::Result<hub::AuditQuery> AuditQueryFrom(const http::Params& params) {
  hub::AuditQuery query;
  query.entity = Text(params, "entity");
  query.entity_id = Text(params, "entity_id");
  INSPIRE_ASSIGN_OR_RETURN(query.limit, IntParam(params, "limit", query.limit));
  INSPIRE_ASSIGN_OR_RETURN(query.offset, IntParam(params, "offset", query.offset));
  if (query.limit < 1 || query.limit > 1000 || query.offset < 0) {
    return core::FailField(core::ErrorCode::kInvalidArgument, "limit",
                           "limit must be 1 to 1000 and offset at least 0");
  }
  return query;
}

core::Result<hub::ObjectiveQuery> ObjectiveQueryFrom(const http::Params& params) {
  hub::ObjectiveQuery query;
  query.status = Text(params, "status");
  query.workstream = Text(params, "workstream");
  query.approach = Text(params, "approach");
  query.country = Text(params, "country");
  INSPIRE_ASSIGN_OR_RETURN(query.organization, IntParam(params, "organization", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

core::Result<hub::MeetingQuery> MeetingQueryFrom(const http::Params& params) {
  hub::MeetingQuery query;
  query.kind = Text(params, "kind");
  query.country = Text(params, "country");
  query.when = Text(params, "when");
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

core::Result<hub::DecisionQuery> DecisionQueryFrom(const http::Params& params) {
  hub::DecisionQuery query;
  query.status = Text(params, "status");
  INSPIRE_ASSIGN_OR_RETURN(query.meeting, IntParam(params, "meeting", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

core::Result<hub::ActionQuery> ActionQueryFrom(const http::Params& params) {
  hub::ActionQuery query;
  query.status = Text(params, "status");
  const std::string overdue = Text(params, "overdue");
  if (!overdue.empty() && overdue != "true" && overdue != "false") {
    return core::FailField(core::ErrorCode::kInvalidArgument, "overdue",
                           fmt::format("overdue must be true or false, not '{}'", overdue));
  }
  query.overdue = overdue == "true";
  query.country = Text(params, "country");
  INSPIRE_ASSIGN_OR_RETURN(query.organization, IntParam(params, "organization", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.meeting, IntParam(params, "meeting", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.objective, IntParam(params, "objective", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.need, IntParam(params, "need", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

core::Result<hub::LibraryQuery> LibraryQueryFrom(const http::Params& params) {
  hub::LibraryQuery query;
  query.text = Text(params, "q");
  query.kind = Text(params, "kind");
  query.language = Text(params, "language");
  query.strategy = Text(params, "strategy");
  query.approach = Text(params, "approach");
  query.country = Text(params, "country");
  INSPIRE_ASSIGN_OR_RETURN(query.year, IntParam(params, "year", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.organization, IntParam(params, "organization", 0));
  INSPIRE_ASSIGN_OR_RETURN(query.page, IntParam(params, "page", query.page));
  INSPIRE_ASSIGN_OR_RETURN(query.per_page, IntParam(params, "per_page", query.per_page));
  return query;
}

}  // namespace inspire::web
