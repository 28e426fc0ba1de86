// The browser forms of the library: an item (its fields, from the record's declaration) and the
// upload of the next version of its file (multipart/form-data). Each goes back to the item's
// page; a refused upload is told at the top of that page.
#include "hub/library.h"
#include "hub/library_files.h"
#include "web/library_pages.h"
#include "web/multipart.h"
#include "web/server_impl.h"

namespace inspire::web {
namespace {

std::string ItemPath(const Json& item) {
  return fmt::format("/library/{}", item["id"].get<int64_t>());
}

// The file and note of the upload form.
core::Result<hub::Upload> FormUpload(const http::Request& req) {
  INSPIRE_ASSIGN_OR_RETURN(auto parts,
                           MultipartParts(req.get_header_value("Content-Type"), req.body));
  hub::Upload upload;
  const auto file = parts.find("file");
  if (file == parts.end() || file->second.bytes.empty()) {
    return core::FailField(core::ErrorCode::kValidation, "file",
                           "choose the file to send (PDF, DOCX, XLSX or ODT)");
  }
  upload.file_name = file->second.file_name;
  upload.bytes = std::move(file->second.bytes);
  if (const auto note = parts.find("note"); note != parts.end()) upload.note = note->second.bytes;
  return upload;
}

}  // namespace

void Server::Impl::SetUpLibraryForms() {
  AddForms({"/library/new", R"(/library/([^/]+)/edit)",
            FormOf(hub::LibraryItemFields(), "form_library_item"),
            [this](store::Connection& db, const Actor& actor, const Json& fields) {
              return hub::CreateLibraryItem(db, *catalogue, actor, fields);
            },
            nullptr,
            [this](store::Connection& db, const Actor& actor, int64_t id, const Json& fields) {
              return hub::UpdateLibraryItem(db, *catalogue, actor, id, fields);
            },
            ItemPath, hub::GetLibraryItem});
  http.Post(R"(/library/([^/]+)/versions)",
            SignedInRoute([this](store::Connection& db, const BrowserUser& user,
                                 const http::Request& req, http::Response& res) {
              const auto id = PathId(req);
              if (!id) return SendHtml(res, tl::unexpected(id.error()), user.viewer());
              const auto done = Save(db, [&](store::Connection& c) -> core::Result<Json> {
                INSPIRE_ASSIGN_OR_RETURN(const hub::Upload upload, FormUpload(req));
                return hub::AddLibraryVersion(c, user.actor, *id, upload, options.max_file_bytes);
              });
              if (done) return res.set_redirect(fmt::format("/library/{}", *id), 303);
              const auto [shown, status] = FormError(res, done.error());
              auto page =
                  LibraryItemView(db, *catalogue, user.actor, *id, user.csrf, shown.message);
              if (page) page->status = status;
              SendHtml(res, page, user.viewer());
            }));
}

}  // namespace inspire::web
