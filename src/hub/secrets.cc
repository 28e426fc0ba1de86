#include "hub/secrets.h"

#include <sodium.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <utility>

namespace inspire::hub {
namespace {

void InitSodiumOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable random source: nothing can be secure
  });
}

std::mutex cost_mutex;
PasswordHashCost current_cost = {crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE};

PasswordHashCost CurrentCost() {
  const std::lock_guard lock(cost_mutex);
  return current_cost;
}

core::Result<std::string> HashAtCost(const std::string& password, PasswordHashCost cost) {
  InitSodiumOnce();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), cost.operations,
                        cost.memory_bytes) != 0) {
    return core::Fail(core::ErrorCode::kInternal, "password hashing ran out of memory");
  }
  return std::string(hash);
}

}  // namespace

std::string RandomHex(size_t bytes) {
  InitSodiumOnce();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

uint32_t RandomBelow(uint32_t bound) {
  InitSodiumOnce();
  return randombytes_uniform(bound);
}

PasswordHashCost InteractivePasswordHashCost() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHashCost MinimumPasswordHashCost() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

void SetPasswordHashCost(PasswordHashCost cost) {
  const std::lock_guard lock(cost_mutex);
  current_cost = cost;
}

core::Result<std::string> HashPassword(const std::string& password) {
  return HashAtCost(password, CurrentCost());
}

std::string DummyHash() {
  static std::mutex mutex;
  static std::map<std::pair<unsigned long long, size_t>, std::string> made;
  const PasswordHashCost cost = CurrentCost();
  const std::lock_guard lock(mutex);
  std::string& hash = made[{cost.operations, cost.memory_bytes}];
  if (hash.empty()) {
    auto made_hash = HashAtCost(RandomHex(16), cost);
    if (!made_hash) std::abort();  // the memory could not be had once: nothing else would work
    hash = std::move(*made_hash);
  }
  return hash;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  InitSodiumOnce();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace inspire::hub
