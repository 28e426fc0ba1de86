// What a new password must be: long enough, not a common or dictionary-based one (cracklib, with
// its Debian dictionary from cracklib-runtime), and not the account's own email. The only file
// that includes <crack.h>.
#ifndef INSPIRE_HUB_PASSWORD_POLICY_H_
#define INSPIRE_HUB_PASSWORD_POLICY_H_

#include <string>

#include "core/error.h"

namespace inspire::hub {

// Characters (UTF-8 code points) a password needs at least, and bytes it may have at most.
inline constexpr size_t kMinPasswordCharacters = 12;
inline constexpr size_t kMaxPasswordBytes = 1024;

// Succeeds if `password` may be set for the account `email`. Otherwise a kValidation error on
// the field "password" that says what is wrong in plain words (too short or long; cracklib's
// verdict on the whole password and on its core, the password without the digits and symbols
// at its ends, so that "password1234" is refused like "password"; the email's name in it).
// kInternal if cracklib's dictionary cannot be read. Thread-safe (cracklib is not: one lock).
core::Result<void> CheckNewPassword(const std::string& password, const std::string& email);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_PASSWORD_POLICY_H_
