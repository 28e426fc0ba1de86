// The files of the library: each item keeps every version of its document (PDF, DOCX, XLSX or
// ODT, told apart by content, never by name or declared type), numbered from 1, with the date it
// was added and a note on what changed; the latest is shown first. Files are kept in the
// database. A PDF's text is read (core/pdf_text.h) for the full-text search.
#ifndef INSPIRE_HUB_LIBRARY_FILES_H_
#define INSPIRE_HUB_LIBRARY_FILES_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// What a file is, by its content.
struct DocumentType {
  std::string extension;   // "pdf", "docx", "xlsx" or "odt"
  std::string media_type;  // its IANA media type
};

// The type of `bytes`: a PDF ("%PDF-" first), or a ZIP archive laid out as a Word document, an
// Excel workbook or an OpenDocument text. kValidation naming field "file" for anything else
// (HTML, scripts, images, other archives), whatever its name says.
core::Result<DocumentType> DocumentTypeOf(std::string_view bytes);

// A file as someone sends it.
struct Upload {
  std::string file_name;  // as named on the sender's machine (any path is dropped)
  std::string bytes;
  std::string note;  // what changed in this version ("" for a first version)
};

// Adds `upload` as the next version of item `item_id`, for who may write the item (kNotFound when
// `actor` may not see it, kForbidden or kUnauthenticated when they may not write it). Refused
// with kValidation naming "file" when it is empty, not one of the four types by content, or a
// PDF that cannot be read; kTooLarge naming "file" when over `max_bytes`; kValidation naming
// "note" when the note is over 2000 bytes. Returns the version as listed in the item's
// "versions". Callers run it inside hub::Write.
core::Result<Json> AddLibraryVersion(store::Connection& db, const Actor& actor, int64_t item_id,
                                     const Upload& upload, size_t max_bytes);

// The versions of item `item_id`, the latest first: {number, added_at, note, file_name,
// media_type, size, sha256, download (its path under /api/v1)}. No check of who asks: callers
// show them with the item.
core::Result<Json> LibraryVersions(store::Connection& db, int64_t item_id);

// The text of item `item_id`'s latest file ("" when it has none or it is not a PDF).
core::Result<std::string> LatestFileText(store::Connection& db, int64_t item_id);

// A file to hand out.
struct LibraryFile {
  std::string file_name;  // safe in a Content-Disposition header (no quotes, no controls)
  std::string media_type;
  std::string bytes;
};

// Version `number` of item `item_id`, for an actor who may see the item (kNotFound otherwise, or
// when there is no such version).
core::Result<LibraryFile> GetLibraryFile(store::Connection& db, const Actor& actor, int64_t item_id,
                                         int64_t number);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_LIBRARY_FILES_H_
