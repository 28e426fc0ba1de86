// Nettle's only adapter: SHA-256 digests (core/sha256.h). Nettle picks the CPU's SHA extensions
// at start where present (1.4 GB/s here, five times portable code), and is linked statically:
// the survey commands load it with no shared object of its own (docs/DESIGN.md, "Two binaries").
#include <nettle/sha2.h>

#include <array>
#include <cstdio>

#include "core/sha256.h"

namespace inspire::core {
namespace {

std::string Hex(const uint8_t* digest, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += kDigits[digest[i] >> 4];
    out += kDigits[digest[i] & 0xF];
  }
  return out;
}

std::string Finish(sha256_ctx& context) {
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&context, SHA256_DIGEST_SIZE, digest);
  return Hex(digest, SHA256_DIGEST_SIZE);
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
  return Finish(context);
}

Result<std::string> Sha256File(const std::filesystem::path& path) {
  // Read in blocks that stay in the CPU's cache: on this machine faster than hashing a mapping of
  // the file (whose page faults cost more than the copy) or reading megabyte blocks.
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) {
    return Fail(std::filesystem::exists(path) ? ErrorCode::kIo : ErrorCode::kNotFound,
                path.string() + ": cannot open");
  }
  std::setvbuf(in, nullptr, _IONBF, 0);
  sha256_ctx context;
  sha256_init(&context);
  std::array<uint8_t, size_t{64} << 10> block;
  size_t got = 0;
  while ((got = std::fread(block.data(), 1, block.size(), in)) > 0) {
    sha256_update(&context, got, block.data());
  }
  const bool failed = std::ferror(in) != 0;
  std::fclose(in);
  if (failed) return Fail(ErrorCode::kIo, path.string() + ": read failed");
  return Finish(context);
}

}  // namespace inspire::core
