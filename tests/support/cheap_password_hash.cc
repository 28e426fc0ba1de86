// Linked into the test binaries that create users: the users they store are hashed at
// libsodium's smallest Argon2id cost, since five users per test at the interactive cost took two
// thirds of the API tests' time. The servers they start are the real `inspire serve` and hash at
// the interactive cost; a user created through the API (as the timing test of sign-in does) is
// hashed there, and sign-in verifies each hash at the cost stored in it.
#include "hub/secrets.h"

namespace {

const bool kCheapHashes = [] {
  inspire::hub::SetPasswordHashCost(inspire::hub::MinimumPasswordHashCost());
  return true;
}();

}  // namespace
