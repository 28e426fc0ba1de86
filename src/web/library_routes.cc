// The routes of the community's library: its items (a record kind, searched with ?q=), the upload
// of a new version of an item's file, and the download of any version. A file is always handed
// out as an attachment of the type its content was found to be, never shown in the browser as a
// page (with nosniff from the security headers).
#include "hub/library.h"
#include "hub/library_files.h"
#include "web/list_queries.h"
#include "web/multipart.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

// The upload in `req`: a form (multipart/form-data with parts "file" and "note"), or the file's
// bytes as the body with ?file_name= and ?note=.
core::Result<hub::Upload> UploadOf(const http::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (!IsMultipart(type)) {
    hub::Upload upload{req.get_param_value("file_name"), req.body, req.get_param_value("note")};
    if (upload.file_name.empty()) {
      return core::FailField(core::ErrorCode::kValidation, "file_name",
                             "file_name is required: the name of the file sent as the body");
    }
    return upload;
  }
  INSPIRE_ASSIGN_OR_RETURN(auto parts, MultipartParts(type, req.body));
  hub::Upload upload;
  if (const auto file = parts.find("file"); file != parts.end()) {
    upload.file_name = file->second.file_name;
    upload.bytes = std::move(file->second.bytes);
  }
  if (const auto note = parts.find("note"); note != parts.end()) upload.note = note->second.bytes;
  return upload;
}

// "attachment" with the file's name, plain ASCII for every client and UTF-8 (RFC 6266/8187).
std::string Attachment(const std::string& file_name) {
  std::string ascii;
  std::string encoded;
  for (const char c : file_name) {
    const auto byte = static_cast<unsigned char>(c);
    ascii += byte < 0x80 && c != '\\' ? c : '_';
    if (std::isalnum(byte) != 0 || c == '.' || c == '-' || c == '_') {
      encoded += c;
    } else {
      encoded += fmt::format("%{:02X}", byte);
    }
  }
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, encoded);
}

}  // namespace

void Server::Impl::SetUpLibrary() {
  AddCrud("/api/v1/library",
          {[](store::Connection& db, const Actor& actor,
              const http::Request& req) -> core::Result<Json> {
             INSPIRE_ASSIGN_OR_RETURN(const auto query, LibraryQueryFrom(req.params));
             return hub::ListLibrary(db, actor, query);
           },
           hub::GetLibraryItem,
           [this](store::Connection& db, const Actor& actor, const Json& body) {
             return hub::CreateLibraryItem(db, *catalogue, actor, body);
           },
           [this](store::Connection& db, const Actor& actor, int64_t id, const Json& body) {
             return hub::UpdateLibraryItem(db, *catalogue, actor, id, body);
           },
           hub::DeleteLibraryItem});
  http.Post(R"(/api/v1/library/([^/]+)/versions)",
            Route(RouteKind::kWrite,
                  [this](store::Connection& db, const Actor& actor, const http::Request& req,
                         http::Response&) -> Reply {
                    INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                    INSPIRE_ASSIGN_OR_RETURN(const hub::Upload upload, UploadOf(req));
                    INSPIRE_ASSIGN_OR_RETURN(
                        Json version,
                        hub::AddLibraryVersion(db, actor, id, upload, options.max_file_bytes));
                    return std::pair{201, std::move(version)};
                  }));
  http.Get(R"(/api/v1/library/([^/]+)/versions/([^/]+)/file)",
           Route(RouteKind::kRead,
                 [](store::Connection& db, const Actor& actor, const http::Request& req,
                    http::Response& res) -> Reply {
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t id, PathId(req));
                   INSPIRE_ASSIGN_OR_RETURN(const int64_t number, PathId(req, 2));
                   INSPIRE_ASSIGN_OR_RETURN(const hub::LibraryFile file,
                                            hub::GetLibraryFile(db, actor, id, number));
                   res.set_header("Content-Disposition", Attachment(file.file_name));
                   res.set_header("Cache-Control", "private, max-age=0");
                   res.set_content(file.bytes, file.media_type);
                   return std::pair{200, Json()};
                 }));
}

}  // namespace inspire::web
