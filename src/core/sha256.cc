#include "core/sha256.h"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <vector>

namespace inspire::core {
namespace {

// OpenSSL's SHA-256 uses the CPU's SHA extensions where present: about five times the speed of
// portable code on the survey files whose hash goes into every provenance block.
using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::string Hex(const unsigned char* digest, unsigned size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<size_t>(size) * 2);
  for (unsigned i = 0; i < size; ++i) {
    out += kDigits[digest[i] >> 4];
    out += kDigits[digest[i] & 0xF];
  }
  return out;
}

DigestContext NewContext() {
  DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (context == nullptr || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) {
    return DigestContext(nullptr, &EVP_MD_CTX_free);
  }
  return context;
}

Result<std::string> Final(EVP_MD_CTX* context) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned size = 0;
  if (EVP_DigestFinal_ex(context, digest, &size) != 1) {
    return Fail(ErrorCode::kInternal, "SHA-256: OpenSSL failed to finish the digest");
  }
  return Hex(digest, size);
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  const DigestContext context = NewContext();
  if (context == nullptr || EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) != 1) {
    return {};
  }
  auto hex = Final(context.get());
  return hex ? *hex : std::string();
}

Result<std::string> Sha256File(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, path.string() + ": cannot open");
  const DigestContext context = NewContext();
  if (context == nullptr) {
    return Fail(ErrorCode::kInternal, "SHA-256: OpenSSL could not start a digest");
  }
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got > 0 && EVP_DigestUpdate(context.get(), buffer.data(), static_cast<size_t>(got)) != 1) {
      return Fail(ErrorCode::kInternal, "SHA-256: OpenSSL failed to update the digest");
    }
  }
  if (in.bad()) return Fail(ErrorCode::kIo, path.string() + ": read failed");
  return Final(context.get());
}

}  // namespace inspire::core
