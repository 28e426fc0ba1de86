// OpenSSL libcrypto's only adapter: SHA-256 digests (core/sha256.h) and Base64 (core/base64.h).
#include <openssl/evp.h>

#include <climits>
#include <fstream>
#include <memory>
#include <vector>

#include "core/base64.h"
#include "core/sha256.h"

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

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(written));
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0 || text.size() > static_cast<size_t>(INT_MAX)) {
    return Fail(ErrorCode::kParse, "not Base64 text (its length is not a multiple of 4)");
  }
  std::string out(3 * (text.size() / 4), '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (written < 0) return Fail(ErrorCode::kParse, "not Base64 text");
  size_t padding = 0;  // EVP_DecodeBlock counts the padding as zero bytes
  if (!text.empty() && text.back() == '=') ++padding;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++padding;
  out.resize(static_cast<size_t>(written) - padding);
  return out;
}

}  // namespace inspire::core
