// Errors as values. Every failure a user can cause (bad file, bad request, bad recipe) travels
// as an `Error` inside a `Result<T>`; exceptions never cross module boundaries.
#ifndef INSPIRE_CORE_ERROR_H_
#define INSPIRE_CORE_ERROR_H_

#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace inspire::core {

// What kind of failure an error is. Callers branch on the code, people read the message.
// The web layer maps codes to HTTP statuses in one place.
enum class ErrorCode {
  kInvalidArgument,  // a command-line flag or parameter with a wrong value
  kNotFound,         // a file, id or record that does not exist
  kParse,            // input that is not well formed (YAML, CSV, JSON, expression)
  kValidation,       // well-formed input that breaks a rule (unknown link, bad code)
  kIo,               // the operating system refused a read or write
  kConflict,         // a duplicate id or a concurrent change
  kUnsupported,      // a format or feature this build does not handle
  kInternal,         // a broken invariant; a bug, reported instead of crashing
  kUnauthenticated,  // the action needs a signed-in user (or a valid token)
  kForbidden,        // the signed-in user's role does not allow the action
  kRateLimited,      // too many attempts in a short time (sign-in)
  kTooLarge,         // a request or upload over the size limit
  kUnavailable,      // the database does not answer for now (down, restarting): try again soon
};

// A failure: its kind and a message that names the file, line, field and what was expected.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;            // the input field at fault, if one is (API error bodies name it)
  int retry_after_seconds = 0;  // kRateLimited, kUnavailable: when to try again (Retry-After)
};

template <typename T>
using Result = tl::expected<T, Error>;

// Shorthand for `tl::unexpected(Error{code, message})`.
inline tl::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message), {}});
}

// The same with the input field at fault.
inline tl::unexpected<Error> FailField(ErrorCode code, std::string field, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(field)});
}

// A stable lower-case name for the code ("invalid_argument", "not_found", ...), used in JSON.
std::string_view ErrorCodeName(ErrorCode code);

}  // namespace inspire::core

// Early-return helpers in the style of absl's status macros, for code that calls many fallible
// functions in a row. `lhs` may be a declaration: INSPIRE_ASSIGN_OR_RETURN(auto rows, Read(f));
// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` may be a declaration, which cannot be wrapped.
#define INSPIRE_CONCAT_INNER_(a, b) a##b
#define INSPIRE_CONCAT_(a, b) INSPIRE_CONCAT_INNER_(a, b)
#define INSPIRE_ASSIGN_OR_RETURN(lhs, expr) \
  INSPIRE_ASSIGN_OR_RETURN_IMPL_(INSPIRE_CONCAT_(inspire_result_, __LINE__), lhs, expr)
#define INSPIRE_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr)        \
  auto result = (expr);                                          \
  if (!result) return tl::unexpected(std::move(result.error())); \
  lhs = std::move(*result)
#define INSPIRE_RETURN_IF_ERROR(expr)                            \
  do {                                                           \
    if (auto inspire_status_ = (expr); !inspire_status_) {       \
      return tl::unexpected(std::move(inspire_status_.error())); \
    }                                                            \
  } while (false)
// NOLINTEND(bugprone-macro-parentheses)

#endif  // INSPIRE_CORE_ERROR_H_
