// The parts of a multipart/form-data body (RFC 7578), as a browser sends a form with a file:
// only what the hub's forms need, each part's field name and its bytes. Outside input: one
// linear pass over a body the HTTP layer has already bounded, no recursion, nothing decoded.
#ifndef INSPIRE_WEB_MULTIPART_H_
#define INSPIRE_WEB_MULTIPART_H_

#include <map>
#include <string>
#include <string_view>

#include "core/error.h"

namespace inspire::web {

// True when `content_type` is multipart/form-data.
bool IsMultipart(std::string_view content_type);

// One part of a form: a file's name as the browser sent it ("" for a plain field) and its bytes.
struct MultipartPart {
  std::string file_name;
  std::string bytes;
};

// The parts of `body` by field name (a repeated name keeps its first part). Errors:
// kInvalidArgument when `content_type` names no boundary or the body does not follow it, naming
// what is wrong; more than 64 parts is kTooLarge.
core::Result<std::map<std::string, MultipartPart>> MultipartParts(std::string_view content_type,
                                                                  std::string_view body);

// MultipartParts without the file names: each field's bytes.
core::Result<std::map<std::string, std::string>> MultipartFields(std::string_view content_type,
                                                                 std::string_view body);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_MULTIPART_H_
