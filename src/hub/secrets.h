// Secrets from libsodium (its only adapter): random tokens and Argon2id password hashes
// (libsodium's string form, which carries its own salt and cost), and the cost new hashes take.
#ifndef INSPIRE_HUB_SECRETS_H_
#define INSPIRE_HUB_SECRETS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"

namespace inspire::hub {

// `bytes` random bytes from libsodium as lowercase hex.
std::string RandomHex(size_t bytes);

// A uniformly random whole number from 0 to `bound` - 1 (`bound` > 0).
uint32_t RandomBelow(uint32_t bound);

// How much work one Argon2id hash takes: passes over `memory_bytes` of memory.
struct PasswordHashCost {
  unsigned long long operations = 0;
  size_t memory_bytes = 0;
};

// libsodium's interactive cost (2 passes over 64 MiB, about 0.15 s on one core): the cost of
// every hash the server and the CLI make.
PasswordHashCost InteractivePasswordHashCost();

// libsodium's smallest cost (1 pass over 8 KiB). For test binaries only, where thousands of
// sign-ins would otherwise spend most of the suite's time in Argon2.
PasswordHashCost MinimumPasswordHashCost();

// Sets the cost of every hash made afterwards in this process, DummyHash() included. Contract:
// called only by test binaries, before they start a server (tests/support/cheap_password_hash.cc);
// nothing in src/ calls it, so the server and the CLI always hash at the interactive cost. Hashes
// already stored keep the cost they were made with: VerifyPassword reads it from the hash.
void SetPasswordHashCost(PasswordHashCost cost);

// The Argon2id hash of `password` at the current cost, with a fresh random salt. kInternal if
// the memory the cost asks for cannot be had.
core::Result<std::string> HashPassword(const std::string& password);

// The hash of a random password nobody knows, at the current cost (made once per cost):
// verified when an email is unknown, so that the answer costs what a wrong password costs.
std::string DummyHash();

// Whether `password` is the one `hash` was made from. False for a malformed hash.
bool VerifyPassword(const std::string& hash, const std::string& password);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_SECRETS_H_
