// ZIP archives read from memory (libzip's only adapter): which parts an archive holds and the
// bytes of one part, never more than the caller allows. Office documents (XLSX, DOCX, ODT) are
// ZIP archives; what is inside them is read by their own readers.
#ifndef INSPIRE_CORE_ZIP_ARCHIVE_H_
#define INSPIRE_CORE_ZIP_ARCHIVE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace inspire::core {

class ZipArchive {
 public:
  // Opens the archive in `bytes`, which must outlive it. kParse when `bytes` is not a ZIP
  // archive (the message says so; callers name the file).
  static Result<ZipArchive> Open(std::string_view bytes);

  // True when the archive holds a part called exactly `name`.
  bool Has(const std::string& name) const;

  // The uncompressed bytes of part `name`: kNotFound when there is no such part, kTooLarge when
  // it unpacks to more than `max_bytes` (checked while reading, whatever the archive claims),
  // kParse when it cannot be read.
  Result<std::string> Read(const std::string& name, size_t max_bytes) const;

 private:
  struct Handle;
  explicit ZipArchive(std::shared_ptr<Handle> handle) : handle_(std::move(handle)) {}
  std::shared_ptr<Handle> handle_;
};

}  // namespace inspire::core

#endif  // INSPIRE_CORE_ZIP_ARCHIVE_H_
