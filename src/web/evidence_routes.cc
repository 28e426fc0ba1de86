// The evidence: studies as records (/api/v1/studies, with bulk CSV/JSON import and export), the
// evidence map and analyses (/api/v1/evidence...), the forest plot as an SVG download, and the
// evidence map page.
#include "hub/evidence.h"
#include "hub/studies.h"
#include "web/evidence_pages.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

std::vector<std::pair<std::string, std::string>> Params(const http::Request& req) {
  return {req.params.begin(), req.params.end()};
}

}  // namespace

void Server::Impl::SetUpEvidence() {
  AddCrud("/api/v1/studies",
          {[](store::Connection& db, const Actor&, const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, StudyQueryFrom(req.params));
             return hub::ListStudies(db, query);
           },
           PublicGet<hub::GetStudy>,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateStudy(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateStudy(db, *catalogue, actor, id, body);
           },
           hub::DeleteStudy},
          {&hub::StudyColumns(), 1000, "studies"});

  http.Get("/api/v1/evidence",
           Route(RouteKind::kCachedRead,
                 [this](store::Connection& db, const Actor&, const http::Request& req,
                        http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const hub::StudyFilter filter,
                                            hub::StudyFilterFrom(*catalogue, Params(req)));
                   INSPIRE_ASSIGN_OR_RETURN(const Json studies, hub::AllStudies(db));
                   INSPIRE_ASSIGN_OR_RETURN(
                       Json map, hub::EvidenceMap(*catalogue,
                                                  hub::FilterStudies(*catalogue, studies, filter)));
                   return std::pair{200, std::move(map)};
                 }));
  // One analysis: ?approach=&outcome=[&measure=&method=&knha=&level=&subgroup=].
  const auto analyse = [this](store::Connection& db,
                              const http::Request& req) -> core::Result<meta::Analysis> {
    INSPIRE_ASSIGN_OR_RETURN(const hub::EvidenceRequest request,
                             hub::EvidenceRequestFrom(*catalogue, Params(req)));
    INSPIRE_ASSIGN_OR_RETURN(const Json studies, hub::AllStudies(db));
    return hub::AnalyseEvidence(*catalogue, studies, request);
  };
  http.Get("/api/v1/evidence/analysis",
           Route(RouteKind::kCachedRead,
                 [analyse](store::Connection& db, const Actor&, const http::Request& req,
                           http::Response&) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const meta::Analysis analysis, analyse(db, req));
                   return std::pair{200, meta::ReportJson(analysis)};
                 }));
  http.Get("/api/v1/evidence/forest.svg",
           Route(RouteKind::kCachedRead,
                 [analyse](store::Connection& db, const Actor&, const http::Request& req,
                           http::Response& res) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const meta::Analysis analysis, analyse(db, req));
                   res.set_header("Content-Disposition", "attachment; filename=\"forest.svg\"");
                   res.set_content(meta::ForestSvg(analysis) + "\n", "image/svg+xml");
                   return std::pair{200, Json()};
                 }));
  http.Get("/evidence", PageRoute(EvidencePage));
}

}  // namespace inspire::web
