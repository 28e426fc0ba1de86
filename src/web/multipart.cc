#include "web/multipart.h"

#include <fmt/format.h>

#include "core/ascii_case.h"

namespace inspire::web {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr size_t kMaxParts = 64;

// The value of parameter `name` in a header value ("...; boundary=xyz"), quotes removed.
std::string Parameter(std::string_view header, std::string_view name) {
  const std::string lower = core::AsciiLower(header);
  const std::string key = std::string(name) + "=";
  size_t at = lower.find(key);
  while (at != std::string::npos && at > 0 && lower[at - 1] != ';' && lower[at - 1] != ' ') {
    at = lower.find(key, at + 1);
  }
  if (at == std::string::npos) return "";
  std::string_view value = header.substr(at + key.size());
  if (!value.empty() && value.front() == '"') {
    value.remove_prefix(1);
    return std::string(value.substr(0, value.find('"')));
  }
  return std::string(value.substr(0, value.find_first_of("; \t")));
}

}  // namespace

bool IsMultipart(std::string_view content_type) {
  return core::AsciiLower(content_type.substr(0, 19)) == "multipart/form-data";
}

core::Result<std::map<std::string, MultipartPart>> MultipartParts(std::string_view content_type,
                                                                  std::string_view body) {
  const std::string boundary = Parameter(content_type, "boundary");
  if (!IsMultipart(content_type) || boundary.empty() || boundary.size() > 70) {
    return Fail(ErrorCode::kInvalidArgument, "the form's body names no multipart boundary");
  }
  const std::string delimiter = "--" + boundary;
  std::map<std::string, MultipartPart> fields;
  size_t at = body.find(delimiter);
  for (size_t parts = 0; at != std::string_view::npos; ++parts) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return fields;  // the closing delimiter
    if (parts >= kMaxParts) return Fail(ErrorCode::kTooLarge, "a form of more than 64 parts");
    const size_t head_end = body.find("\r\n\r\n", at);
    const size_t next = body.find("\r\n" + delimiter, at);
    if (head_end == std::string_view::npos || next == std::string_view::npos || head_end > next) {
      break;
    }
    const std::string_view head = body.substr(at, head_end - at);
    const std::string name = Parameter(head, "name");
    if (!name.empty() && fields.count(name) == 0) {
      fields[name] = {Parameter(head, "filename"),
                      std::string(body.substr(head_end + 4, next - head_end - 4))};
    }
    at = next + 2;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "the form's body does not follow its multipart boundary");
}

core::Result<std::map<std::string, std::string>> MultipartFields(std::string_view content_type,
                                                                 std::string_view body) {
  INSPIRE_ASSIGN_OR_RETURN(auto parts, MultipartParts(content_type, body));
  std::map<std::string, std::string> fields;
  for (auto& [name, part] : parts) fields[name] = std::move(part.bytes);
  return fields;
}

}  // namespace inspire::web
