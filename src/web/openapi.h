// The API's OpenAPI 3 document (src/web/assets/openapi.yaml, built into the binary), as JSON.
#ifndef INSPIRE_WEB_OPENAPI_H_
#define INSPIRE_WEB_OPENAPI_H_

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/error.h"

namespace inspire::web {

// YAML text as JSON: mappings become objects (keys in order), sequences arrays; plain scalars
// that read as null, booleans, integers or numbers become those, quoted scalars stay strings.
// Anchors and aliases are resolved. Errors: kParse with the line.
core::Result<nlohmann::ordered_json> YamlToJson(std::string_view yaml, std::string_view name);

// The document, parsed once.
const nlohmann::ordered_json& OpenApiDocument();

}  // namespace inspire::web

#endif  // INSPIRE_WEB_OPENAPI_H_
