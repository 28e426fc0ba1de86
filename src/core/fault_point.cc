#include "core/fault_point.h"

#include <signal.h>

#include <atomic>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace inspire::core {
namespace {

// The point and pass INSPIRE_FAULT names, read once; an unset or malformed variable arms nothing.
struct Armed {
  std::string name;
  int64_t pass = 0;
};

Armed ReadArmed() {
  const char* value = std::getenv("INSPIRE_FAULT");
  if (value == nullptr) return {};
  const std::string_view text = value;
  const size_t equals = text.find('=');
  if (equals == std::string_view::npos) return {};
  int64_t pass = 0;
  const std::string_view number = text.substr(equals + 1);
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), pass);
  if (error != std::errc() || end != number.data() + number.size() || pass < 1) return {};
  return Armed{std::string(text.substr(0, equals)), pass};
}

const Armed& ArmedPoint() {
  static const Armed armed = ReadArmed();
  return armed;
}

}  // namespace

void FaultPoint(std::string_view name) {
  const Armed& armed = ArmedPoint();
  if (armed.pass == 0 || name != armed.name) return;
  static std::atomic<int64_t> passes{0};
  if (passes.fetch_add(1, std::memory_order_relaxed) + 1 == armed.pass) ::raise(SIGKILL);
}

}  // namespace inspire::core
