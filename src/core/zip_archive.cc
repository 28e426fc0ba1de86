#include "core/zip_archive.h"

#include <fmt/format.h>
#include <zip.h>

namespace inspire::core {

struct ZipArchive::Handle {
  zip_t* archive = nullptr;
  ~Handle() {
    if (archive != nullptr) zip_discard(archive);
  }
};

Result<ZipArchive> ZipArchive::Open(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source != nullptr) zip_source_free(source);
    return Fail(ErrorCode::kParse, "not a ZIP archive");
  }
  auto handle = std::make_shared<Handle>();
  handle->archive = archive;
  return ZipArchive(std::move(handle));
}

bool ZipArchive::Has(const std::string& name) const {
  return zip_name_locate(handle_->archive, name.c_str(), 0) >= 0;
}

Result<std::string> ZipArchive::Read(const std::string& name, size_t max_bytes) const {
  zip_stat_t stat;
  if (zip_stat(handle_->archive, name.c_str(), 0, &stat) != 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("no part {}", name));
  }
  const auto too_large = [&] {
    return Fail(ErrorCode::kTooLarge,
                fmt::format("part {} is over {} MiB unpacked", name, max_bytes >> 20));
  };
  if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > max_bytes) return too_large();
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
      zip_fopen(handle_->archive, name.c_str(), 0), &zip_fclose);
  if (file == nullptr) return Fail(ErrorCode::kParse, fmt::format("part {} cannot be read", name));
  std::string out;
  char buffer[65536];
  zip_int64_t got = 0;
  while ((got = zip_fread(file.get(), buffer, sizeof buffer)) > 0) {
    if (out.size() + static_cast<size_t>(got) > max_bytes) return too_large();  // stated wrongly
    out.append(buffer, static_cast<size_t>(got));
  }
  if (got < 0) return Fail(ErrorCode::kParse, fmt::format("part {} cannot be read", name));
  return out;
}

}  // namespace inspire::core
