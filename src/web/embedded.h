// Files built into the binary from src/web/assets/ (cmake/embed.cmake): the OpenAPI document,
// and the pages' templates, style sheet and script.
#ifndef INSPIRE_WEB_EMBEDDED_H_
#define INSPIRE_WEB_EMBEDDED_H_

#include <optional>
#include <string_view>

namespace inspire::web {

// The file at `path` under src/web/assets/ ("openapi.yaml"), or nullopt.
std::optional<std::string_view> EmbeddedFile(std::string_view path);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_EMBEDDED_H_
