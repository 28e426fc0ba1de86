#include "hub/password_policy.h"

#include <crack.h>
#include <fmt/format.h>

#include <cctype>
#include <mutex>

#include "core/ascii_case.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::FailField;

size_t CodePoints(const std::string& text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

// The password without the ASCII digits, punctuation and spaces at either end.
std::string Core(const std::string& password) {
  const auto decoration = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && (std::isdigit(u) || std::ispunct(u) || std::isspace(u));
  };
  size_t begin = 0;
  size_t end = password.size();
  while (begin < end && decoration(password[begin])) ++begin;
  while (end > begin && decoration(password[end - 1])) --end;
  return password.substr(begin, end - begin);
}

// cracklib's verdict: empty if it finds nothing wrong.
core::Result<std::string> Cracklib(const std::string& text) {
  static std::mutex lock;  // cracklib keeps its open dictionary in static state
  const std::scoped_lock hold(lock);
  char message[256] = {};
  if (__DEBIAN_SPECIFIC__SafeFascistCheck(text.c_str(), GetDefaultCracklibDict(), message,
                                          sizeof message) == 0) {
    return core::Fail(ErrorCode::kInternal,
                      fmt::format("cannot read cracklib's dictionary {} (install cracklib-runtime)",
                                  GetDefaultCracklibDict()));
  }
  return std::string(message);
}

}  // namespace

core::Result<void> CheckNewPassword(const std::string& password, const std::string& email) {
  if (CodePoints(password) < kMinPasswordCharacters || password.size() > kMaxPasswordBytes) {
    return FailField(ErrorCode::kValidation, "password",
                     fmt::format("the password must have at least {} characters (and at most {} "
                                 "bytes); a few unrelated words make a good one",
                                 kMinPasswordCharacters, kMaxPasswordBytes));
  }
  INSPIRE_ASSIGN_OR_RETURN(const std::string whole, Cracklib(password));
  if (!whole.empty()) {
    return FailField(ErrorCode::kValidation, "password",
                     fmt::format("this password is too easy to guess: {}", whole));
  }
  const std::string core = Core(password);
  if (CodePoints(core) >= 4 && core.size() != password.size()) {
    INSPIRE_ASSIGN_OR_RETURN(const std::string verdict, Cracklib(core));
    if (verdict.find("dictionary") != std::string::npos ||
        verdict.find("simplistic") != std::string::npos ||
        verdict.find("DIFFERENT") != std::string::npos) {
      return FailField(ErrorCode::kValidation, "password",
                       "this password is too easy to guess: a common word or pattern with digits "
                       "or symbols added");
    }
  }
  const std::string name = core::AsciiLower(email.substr(0, email.find('@')));
  if (name.size() >= 4 && core::AsciiLower(password).find(name) != std::string::npos) {
    return FailField(ErrorCode::kValidation, "password",
                     "the password must not contain the name of the account's email");
  }
  return {};
}

}  // namespace inspire::hub
