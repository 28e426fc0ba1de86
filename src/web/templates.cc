#include "web/templates.h"

#include <fmt/format.h>

#include <kainjow/mustache.hpp>

#include "web/embedded.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;
using kainjow::mustache::mustache;
using kainjow::mustache::object;

data ToData(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      data out{data::type::object};
      for (const auto& [key, item] : value.items()) out.set(key, ToData(item));
      return out;
    }
    case Json::value_t::array: {
      data out{data::type::list};
      for (const auto& item : value) out.push_back(ToData(item));
      return out;
    }
    case Json::value_t::string:
      return data(value.get<std::string>());
    case Json::value_t::boolean:
      return data(value.get<bool>() ? data::type::bool_true : data::type::bool_false);
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return data(value.dump());
    case Json::value_t::number_float:
      return data(fmt::format("{}", value.get<double>()));
    case Json::value_t::null:
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  return data(data::type::bool_false);
}

}  // namespace

const Json& UiStrings() {
  static const Json strings = [] {
    const auto text = EmbeddedFile("strings/en.json");
    Json parsed = text ? Json::parse(*text, nullptr, false) : Json();
    return parsed.is_discarded() ? Json::object() : parsed;
  }();
  return strings;
}

core::Result<std::string> RenderTemplate(std::string_view name, const Json& view) {
  const auto text = EmbeddedFile(fmt::format("templates/{}.mustache", name));
  if (!text) {
    return core::Fail(core::ErrorCode::kNotFound, fmt::format("no template '{}'", name));
  }
  data root = ToData(view);
  root.set("t", ToData(UiStrings()));
  mustache compiled{std::string(*text)};
  if (!compiled.is_valid()) {
    return core::Fail(core::ErrorCode::kInternal,
                      fmt::format("template {}: {}", name, compiled.error_message()));
  }
  std::string out = compiled.render(root);
  if (!compiled.is_valid()) {
    return core::Fail(core::ErrorCode::kInternal,
                      fmt::format("template {}: {}", name, compiled.error_message()));
  }
  return out;
}

}  // namespace inspire::web
