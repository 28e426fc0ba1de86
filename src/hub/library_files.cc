#include "hub/library_files.h"

#include <fmt/format.h>

#include <optional>

#include "core/ascii_case.h"
#include "core/base64.h"
#include "core/pdf_text.h"
#include "core/sha256.h"
#include "core/zip_archive.h"
#include "hub/audit.h"
#include "hub/library.h"
#include "hub/library_search.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

constexpr size_t kMaxNoteBytes = 2000;
constexpr size_t kMaxFileNameBytes = 200;
// The most a part read to tell an archive's type may unpack to.
constexpr size_t kMaxProbeBytes = 1u << 16;

// The Office or OpenDocument type of the ZIP archive `bytes`, if it is one of the three.
std::optional<DocumentType> ArchiveType(std::string_view bytes) {
  auto archive = core::ZipArchive::Open(bytes);
  if (!archive) return std::nullopt;
  if (archive->Has("[Content_Types].xml") && archive->Has("word/document.xml")) {
    return DocumentType{"docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"};
  }
  if (archive->Has("[Content_Types].xml") && archive->Has("xl/workbook.xml")) {
    return DocumentType{"xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
  }
  const auto mimetype = archive->Read("mimetype", kMaxProbeBytes);
  if (mimetype && *mimetype == "application/vnd.oasis.opendocument.text" &&
      archive->Has("content.xml")) {
    return DocumentType{"odt", "application/vnd.oasis.opendocument.text"};
  }
  return std::nullopt;
}

// `name` without any path, control characters, quotes or backslashes, at most 200 bytes, ending
// in `extension` ("document.pdf" when nothing is left).
std::string SafeFileName(const std::string& name, const std::string& extension) {
  std::string base =
      name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  std::string clean;
  for (const char c : base) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || c == '"' || c == ';') continue;
    clean += c;
  }
  while (!clean.empty() && (clean.front() == '.' || clean.front() == ' ')) clean.erase(0, 1);
  const std::string suffix = "." + extension;
  const size_t dot = clean.rfind('.');
  if (dot != std::string::npos && core::AsciiLower(clean.substr(dot)) == suffix) {
    clean.resize(dot);
  }
  if (clean.size() > kMaxFileNameBytes) {
    size_t end = kMaxFileNameBytes;
    while (end > 0 && (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80) --end;
    clean.resize(end);
  }
  return (clean.empty() ? std::string("document") : clean) + suffix;
}

// The checks of an upload that need no database; the text of a PDF.
core::Result<std::string> CheckUpload(const Upload& upload, const DocumentType& type) {
  if (upload.note.size() > kMaxNoteBytes) {
    return FailField(ErrorCode::kValidation, "note",
                     fmt::format("note must be at most {} bytes", kMaxNoteBytes));
  }
  if (type.extension != "pdf") return std::string();
  auto text = core::PdfText(upload.bytes);
  if (!text) {
    return FailField(ErrorCode::kValidation, "file",
                     fmt::format("file '{}' is {}", upload.file_name, text.error().message));
  }
  return text;
}

core::Result<int64_t> NextNumber(store::Connection& db, int64_t item_id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto result,
      db.Query("SELECT COALESCE(MAX(number), 0) FROM library_versions WHERE item_id = ?",
               {item_id}));
  return result.rows[0].Int(0) + 1;
}

}  // namespace

core::Result<DocumentType> DocumentTypeOf(std::string_view bytes) {
  if (core::LooksLikePdf(bytes)) return DocumentType{"pdf", "application/pdf"};
  if (auto type = ArchiveType(bytes)) return *type;
  return FailField(ErrorCode::kValidation, "file",
                   "file must be a PDF, Word (.docx), Excel (.xlsx) or OpenDocument text (.odt) "
                   "document; its content is none of these");
}

core::Result<Json> AddLibraryVersion(store::Connection& db, const Actor& actor, int64_t item_id,
                                     const Upload& upload, size_t max_bytes) {
  INSPIRE_ASSIGN_OR_RETURN(const Json item, GetLibraryItem(db, actor, item_id));
  if (!MayWriteLibraryItem(actor, item)) return Deny(actor, "add a file to this library item");
  if (upload.bytes.size() > max_bytes) {
    return FailField(ErrorCode::kTooLarge, "file",
                     fmt::format("file '{}' is {} bytes; the most a file may be is {} MiB",
                                 upload.file_name, upload.bytes.size(), max_bytes >> 20));
  }
  if (upload.bytes.empty()) {
    return FailField(ErrorCode::kValidation, "file", "file is empty: choose a document to send");
  }
  INSPIRE_ASSIGN_OR_RETURN(const DocumentType type, DocumentTypeOf(upload.bytes));
  INSPIRE_ASSIGN_OR_RETURN(const std::string text, CheckUpload(upload, type));
  INSPIRE_ASSIGN_OR_RETURN(const int64_t number, NextNumber(db, item_id));
  const std::string now = store::NowUtc();
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "INSERT INTO library_versions (item_id, number, note, file_name, media_type, size_bytes, "
      "sha256, content, body_text, added_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {item_id, number, upload.note, SafeFileName(upload.file_name, type.extension),
       type.media_type, static_cast<int64_t>(upload.bytes.size()), core::Sha256Hex(upload.bytes),
       core::Base64Encode(upload.bytes), text, actor.email, now}));
  INSPIRE_RETURN_IF_ERROR(
      db.Query("UPDATE library_items SET updated_at = ? WHERE id = ?", {now, item_id}));
  INSPIRE_RETURN_IF_ERROR(IndexLibraryItem(db, item_id));
  INSPIRE_ASSIGN_OR_RETURN(const Json versions, LibraryVersions(db, item_id));
  INSPIRE_RETURN_IF_ERROR(RecordAudit(db, actor, "add_version", "library_item",
                                      std::to_string(item_id), Json(), versions.front()));
  return versions.front();
}

core::Result<Json> LibraryVersions(store::Connection& db, int64_t item_id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto result,
      db.Query("SELECT number, created_at, note, file_name, media_type, size_bytes, sha256 FROM "
               "library_versions WHERE item_id = ? ORDER BY number DESC",
               {item_id}));
  Json versions = Json::array();
  for (const auto& row : result.rows) {
    versions.push_back(
        {{"number", row.Int(0)},
         {"added_at", row.Text(1)},
         {"note", row.Text(2)},
         {"file_name", row.Text(3)},
         {"media_type", row.Text(4)},
         {"size", row.Int(5)},
         {"sha256", row.Text(6)},
         {"download", fmt::format("/api/v1/library/{}/versions/{}/file", item_id, row.Int(0))}});
  }
  return versions;
}

core::Result<std::string> LatestFileText(store::Connection& db, int64_t item_id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto result,
      db.Query("SELECT body_text FROM library_versions WHERE item_id = ? ORDER BY number DESC "
               "LIMIT 1",
               {item_id}));
  return result.rows.empty() ? std::string() : result.rows[0].Text(0);
}

core::Result<LibraryFile> GetLibraryFile(store::Connection& db, const Actor& actor, int64_t item_id,
                                         int64_t number) {
  INSPIRE_RETURN_IF_ERROR(GetLibraryItem(db, actor, item_id));
  INSPIRE_ASSIGN_OR_RETURN(
      const auto result,
      db.Query("SELECT file_name, media_type, content FROM library_versions WHERE item_id = ? "
               "AND number = ?",
               {item_id, number}));
  if (result.rows.empty()) {
    return core::Fail(ErrorCode::kNotFound,
                      fmt::format("library item {} has no version {}", item_id, number));
  }
  INSPIRE_ASSIGN_OR_RETURN(std::string bytes, core::Base64Decode(result.rows[0].Text(2)));
  return LibraryFile{result.rows[0].Text(0), result.rows[0].Text(1), std::move(bytes)};
}

}  // namespace inspire::hub
