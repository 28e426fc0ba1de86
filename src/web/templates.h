// HTML pages from Mustache templates (src/web/assets/templates/*.mustache, built into the
// binary) rendered with kainjow::mustache: every {{value}} is HTML-escaped; only {{{value}}}
// (used for the SVG charts the server draws itself) is not. Views are JSON: objects, lists,
// strings, numbers and booleans; null and false skip a section. Every view also gets `t`, the
// UI strings (src/web/assets/strings/en.json: one place for every word a page shows, so that
// translations can be added). Pages render their main part first and the layout around it.
#ifndef INSPIRE_WEB_TEMPLATES_H_
#define INSPIRE_WEB_TEMPLATES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"

namespace inspire::web {

// Renders `name` with `view`. Errors: kNotFound (no such template), kInternal (a template
// that does not parse, with the reason).
core::Result<std::string> RenderTemplate(std::string_view name, const nlohmann::ordered_json& view);

// The UI strings.
const nlohmann::ordered_json& UiStrings();

}  // namespace inspire::web

#endif  // INSPIRE_WEB_TEMPLATES_H_
