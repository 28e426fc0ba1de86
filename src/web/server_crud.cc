// The routes of a record kind: list, create, read, edit, delete, and bulk export and import.
#include "web/server_impl.h"

namespace inspire::web {

core::Result<std::pair<int, Json>> Export(const http::Request& req, http::Response& res, Json items,
                                          const std::vector<hub::BulkColumn>& columns,
                                          const std::string& file_name) {
  const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
  if (format == "csv") {
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"{}.csv\"", file_name));
    res.set_content(hub::RecordsToCsv(items, columns), "text/csv; charset=utf-8");
    return std::pair{200, Json()};
  }
  if (format == "xlsx") {
    INSPIRE_ASSIGN_OR_RETURN(const std::string workbook,
                             hub::RecordsToXlsx(items, columns, file_name));
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"{}.xlsx\"", file_name));
    res.set_content(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return std::pair{200, Json()};
  }
  if (format != "json") {
    return FailField(ErrorCode::kInvalidArgument, "format",
                     fmt::format("format must be csv, xlsx or json, not '{}'", format));
  }
  const size_t total = items.size();
  return std::pair{200, Json{{"items", std::move(items)}, {"total", total}}};
}

core::Result<hub::ImportRecords> ImportBody(const http::Request& req,
                                            const std::vector<hub::BulkColumn>& columns) {
  if (req.get_header_value("Content-Type").rfind("text/csv", 0) == 0) {
    return hub::RecordsFromCsv(req.body, columns, "the CSV body");
  }
  INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
  return hub::RecordsFromJson(body);
}

void Server::Impl::AddCrud(const std::string& base, const Crud& crud, const Bulk& bulk) {
  const std::string item = base + "/([^/]+)";
  if (bulk.columns != nullptr) {
    http.Get(base + "/export",
             Route(RouteKind::kRead,
                   [crud, bulk](store::Connection& db, const Actor& actor, const http::Request& req,
                                http::Response& res) -> Reply {
                     // Every page of the list with the request's filters.
                     http::Request paged = req;
                     paged.params.erase("page");
                     paged.params.erase("per_page");
                     paged.params.emplace("per_page", std::to_string(bulk.max_per_page));
                     Json items = Json::array();
                     for (int64_t page = 1;; ++page) {
                       paged.params.erase("page");
                       paged.params.emplace("page", std::to_string(page));
                       INSPIRE_ASSIGN_OR_RETURN(Json list, crud.list(db, actor, paged));
                       for (Json& record : list["items"]) items.push_back(std::move(record));
                       if (static_cast<int64_t>(items.size()) >= list["total"].get<int64_t>() ||
                           list["items"].empty()) {
                         break;
                       }
                     }
                     return Export(req, res, std::move(items), *bulk.columns, bulk.file_name);
                   }));
    http.Post(
        base + "/import",
        Route(RouteKind::kWrite,
              [crud, bulk](store::Connection& db, const Actor& actor, const http::Request& req,
                           http::Response&) -> Reply {
                INSPIRE_ASSIGN_OR_RETURN(const hub::ImportRecords records,
                                         ImportBody(req, *bulk.columns));
                INSPIRE_ASSIGN_OR_RETURN(
                    Json report,
                    hub::ApplyImport(
                        records, [&](const Json& fields) { return crud.create(db, actor, fields); },
                        [&](int64_t id, const Json& fields) {
                          return crud.update(db, actor, id, fields);
                        }));
                return std::pair{200, std::move(report)};
              }));
  }
  http.Get(base, Route(RouteKind::kCachedRead,
                       [crud](store::Connection& db, const Actor& actor, const http::Request& req,
                              http::Response&) -> Reply {
                         INSPIRE_ASSIGN_OR_RETURN(Json list, crud.list(db, actor, req));
                         return std::pair{200, std::move(list)};
                       }));
  http.Post(base, Route(RouteKind::kWrite,
                        [crud](store::Connection& db, const Actor& actor, const http::Request& req,
                               http::Response&) -> Reply {
                          INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                          INSPIRE_ASSIGN_OR_RETURN(Json created, crud.create(db, actor, body));
                          return std::pair{201, std::move(created)};
                        }));
  http.Get(item, Route(RouteKind::kCachedRead,
                       [crud](store::Connection& db, const Actor& actor, const http::Request& req,
                              http::Response&) -> Reply {
                         INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                         INSPIRE_ASSIGN_OR_RETURN(Json record, crud.get(db, actor, id));
                         return std::pair{200, std::move(record)};
                       }));
  http.Patch(item, Route(RouteKind::kWrite,
                         [crud](store::Connection& db, const Actor& actor, const http::Request& req,
                                http::Response&) -> Reply {
                           INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                           INSPIRE_ASSIGN_OR_RETURN(const Json body, Body(req));
                           INSPIRE_ASSIGN_OR_RETURN(Json record, crud.update(db, actor, id, body));
                           return std::pair{200, std::move(record)};
                         }));
  http.Delete(item, Route(RouteKind::kWrite,
                          [crud](store::Connection& db, const Actor& actor,
                                 const http::Request& req, http::Response&) -> Reply {
                            INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                            INSPIRE_RETURN_IF_ERROR(crud.remove(db, actor, id));
                            return std::pair{204, Json()};
                          }));
}

}  // namespace inspire::web
