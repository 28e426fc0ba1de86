// The demo's records go through the hub's checks like anyone's: one the hub refuses is a bug in
// the demo, told as such (kInternal) rather than as the reader's mistake.
#ifndef INSPIRE_CLI_DEMO_RULE_H_
#define INSPIRE_CLI_DEMO_RULE_H_

#include <fmt/format.h>

#include <string_view>

#include "core/error.h"

namespace inspire::cli {

// `done` as it is when it succeeded; otherwise kInternal "the demo data broke a rule (`what`):
// <the hub's message>".
template <typename T>
core::Result<T> DemoRule(core::Result<T> done, std::string_view what) {
  if (done) return done;
  return core::Fail(core::ErrorCode::kInternal,
                    fmt::format("the demo data broke a rule ({}): {}", what, done.error().message));
}

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_DEMO_RULE_H_
