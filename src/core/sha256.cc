#include "core/sha256.h"

#include <sodium.h>

#include <fstream>
#include <vector>

namespace inspire::core {
namespace {

std::string Hex(const unsigned char* digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(crypto_hash_sha256_BYTES * 2);
  for (size_t i = 0; i < crypto_hash_sha256_BYTES; ++i) {
    out += kDigits[digest[i] >> 4];
    out += kDigits[digest[i] & 0xF];
  }
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return Hex(digest);
}

Result<std::string> Sha256File(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, path.string() + ": cannot open");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got > 0) {
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                static_cast<unsigned long long>(got));
    }
  }
  if (in.bad()) return Fail(ErrorCode::kIo, path.string() + ": read failed");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return Hex(digest);
}

}  // namespace inspire::core
