// Checks a real response against the hub's OpenAPI document: the path and method are
// documented, the status is one the operation lists (any error status must at least carry the
// common error body), and the body matches the status's JSON schema (type, nullable, enum,
// required, properties, additionalProperties: false, items, allOf, oneOf, minimum, maximum,
// minItems, maxItems, maxLength, pattern; $ref
// resolved within the document). An empty string means the response conforms.
#ifndef INSPIRE_TESTS_SUPPORT_OPENAPI_CHECK_H_
#define INSPIRE_TESTS_SUPPORT_OPENAPI_CHECK_H_

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

namespace inspire::testing {

class OpenApiCheck {
 public:
  using Json = nlohmann::ordered_json;
  explicit OpenApiCheck(Json document) : doc_(std::move(document)) {}

  // `path` without its query string.
  std::string Response(std::string method, const std::string& path, int status,
                       const std::string& body,
                       const std::string& content_type = "application/json") const {
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string where = method + " " + path + " -> " + std::to_string(status) + ": ";
    if (status >= 500) return where + "a server fault";
    const Json* item = FindPath(path);
    if (item == nullptr) {
      // Paths outside the API answer 404 with the error body.
      if (status != 404) return where + "the path is not documented";
      return CheckBody(where, Ref(doc_["components"]["schemas"]["Error"]), body);
    }
    if (!item->contains(method)) {
      if (status == 404 || status == 405) {
        return CheckBody(where, Ref(doc_["components"]["schemas"]["Error"]), body);
      }
      return where + "the method is not documented";
    }
    const Json& responses = (*item)[method]["responses"];
    const std::string code = std::to_string(status);
    if (!responses.contains(code)) {
      // Any operation may meet a bad token (401), a missing CSRF token (403), a malformed request
      // (400), a body over the limit (413) or a rate limit (429): all with the error body.
      if (status >= 400) {
        return CheckBody(where, Ref(doc_["components"]["schemas"]["Error"]), body);
      }
      return where + "the status is not documented";
    }
    const Json& response = Ref(responses[code]);
    if (!response.contains("content")) {
      return body.empty() ? "" : where + "a body where none is documented";
    }
    const Json& content = response["content"];
    if (content_type.rfind("application/json", 0) != 0) {
      const std::string type = content_type.substr(0, content_type.find(';'));
      return content.contains(type) ? ""
                                    : where + "the content type " + type + " is not documented";
    }
    if (!content.contains("application/json"))
      return where + "a JSON body where none is documented";
    return CheckBody(where, Ref(content["application/json"]["schema"]), body);
  }

  // Checks a JSON request body the server accepted against the operation's documented request
  // schema (nothing to check when the operation documents no JSON body). Empty: it conforms.
  std::string Request(std::string method, const std::string& path, const std::string& body) const {
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const Json* item = FindPath(path);
    if (item == nullptr || !item->contains(method)) return "";
    const Json& operation = (*item)[method];
    if (!operation.contains("requestBody")) return "";
    const Json& request = Ref(operation["requestBody"]);
    if (!request.contains("content") || !request["content"].contains("application/json")) {
      return "";
    }
    return CheckBody(
        method + " " + path + " request: ", request["content"]["application/json"]["schema"], body);
  }

  // Every "$ref" in the document resolves: empty, or the first that does not.
  std::string UnresolvedRef() const { return FindUnresolved(doc_); }

 private:
  const Json* FindPath(const std::string& path) const {
    const Json* best = nullptr;
    size_t fewest = SIZE_MAX;
    for (const auto& [pattern, item] : doc_["paths"].items()) {
      const size_t params = static_cast<size_t>(std::count(pattern.begin(), pattern.end(), '{'));
      const std::regex re("^" + std::regex_replace(pattern, std::regex(R"(\{[^}]+\})"), "[^/]+") +
                          "$");
      if (std::regex_match(path, re) && params < fewest) {
        best = &item;
        fewest = params;
      }
    }
    return best;
  }

  const Json& Ref(const Json& node) const {
    if (!node.is_object() || !node.contains("$ref")) return node;
    const std::string ref = node["$ref"];
    const Json* at = &doc_;
    size_t start = 2;  // after "#/"
    while (start <= ref.size()) {
      const size_t slash = std::min(ref.find('/', start), ref.size());
      at = &(*at)[ref.substr(start, slash - start)];
      start = slash + 1;
    }
    return Ref(*at);
  }

  std::string FindUnresolved(const Json& node) const {
    if (node.is_object()) {
      if (node.contains("$ref")) {
        std::string ref = node["$ref"];
        const Json* at = &doc_;
        size_t start = 2;
        while (start <= ref.size()) {
          const size_t slash = std::min(ref.find('/', start), ref.size());
          const std::string key = ref.substr(start, slash - start);
          if (!at->is_object() || !at->contains(key)) return ref;
          at = &(*at)[key];
          start = slash + 1;
        }
      }
      for (const auto& [key, value] : node.items()) {
        std::string found = FindUnresolved(value);
        if (!found.empty()) return found;
      }
    } else if (node.is_array()) {
      for (const auto& value : node) {
        std::string found = FindUnresolved(value);
        if (!found.empty()) return found;
      }
    }
    return "";
  }

  std::string CheckBody(const std::string& where, const Json& schema,
                        const std::string& body) const {
    const Json value = Json::parse(body, nullptr, false);
    if (value.is_discarded()) return where + "the body is not JSON: " + body.substr(0, 200);
    const std::string problem = Check(schema, value, "$");
    return problem.empty() ? "" : where + problem;
  }

  std::string Check(const Json& raw_schema, const Json& value, const std::string& at) const {
    const Json& schema = Ref(raw_schema);
    if (schema.contains("allOf")) {
      for (const Json& part : schema["allOf"]) {
        std::string problem = Check(part, value, at);
        if (!problem.empty()) return problem;
      }
    }
    if (schema.contains("oneOf")) {
      int fits = 0;
      std::string last;
      for (const Json& part : schema["oneOf"]) {
        std::string problem = Check(part, value, at);
        if (problem.empty()) {
          ++fits;
        } else {
          last = problem;
        }
      }
      if (fits != 1) {
        return at + ": fits " + std::to_string(fits) + " of the oneOf schemas (" + last + ")";
      }
    }
    if (value.is_null()) {
      if (!schema.contains("type") || schema.value("nullable", false)) return "";
      return at + ": null where " + schema["type"].get<std::string>() + " is required";
    }
    if (schema.contains("type")) {
      const std::string type = schema["type"];
      const bool ok =
          (type == "object" && value.is_object()) || (type == "array" && value.is_array()) ||
          (type == "string" && value.is_string()) ||
          (type == "integer" &&
           (value.is_number_integer() ||
            (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>()))) ||
          (type == "number" && value.is_number()) || (type == "boolean" && value.is_boolean());
      if (!ok) return at + ": " + value.dump().substr(0, 80) + " is not of type " + type;
    }
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
      return at + ": " + value.dump() + " is not one of " + schema["enum"].dump();
    }
    if (value.is_number()) {
      if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
        return at + ": " + value.dump() + " is below the minimum";
      }
      if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
        return at + ": " + value.dump() + " is above the maximum";
      }
    }
    if (value.is_string() && schema.contains("maxLength") &&
        value.get<std::string>().size() > schema["maxLength"].get<size_t>()) {
      return at + ": longer than maxLength";
    }
    if (value.is_string() && schema.contains("pattern") &&
        !std::regex_search(value.get<std::string>(),
                           std::regex(schema["pattern"].get<std::string>()))) {
      return at + ": " + value.dump() + " does not match " + schema["pattern"].dump();
    }
    if (value.is_object() && schema.value("additionalProperties", Json(true)) == Json(false)) {
      for (const auto& [name, unused] : value.items()) {
        if (!schema.contains("properties") || !schema["properties"].contains(name)) {
          std::string problem = at;
          problem += ": ";
          problem += name;
          return problem + " is not a documented property";
        }
      }
    }
    if (value.is_object()) {
      if (schema.contains("required")) {
        for (const Json& name : schema["required"]) {
          if (!value.contains(name.get<std::string>())) {
            return at + ": lacks the required " + name.get<std::string>();
          }
        }
      }
      if (schema.contains("properties")) {
        for (const auto& [name, property] : schema["properties"].items()) {
          if (!value.contains(name)) continue;
          std::string inner = at;
          inner += '.';
          inner += name;
          std::string problem = Check(property, value[name], inner);
          if (!problem.empty()) return problem;
        }
      }
    }
    if (value.is_array()) {
      if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>()) {
        return at + ": fewer items than minItems";
      }
      if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>()) {
        return at + ": more items than maxItems";
      }
      if (schema.contains("items")) {
        for (size_t i = 0; i < value.size(); ++i) {
          std::string problem =
              Check(schema["items"], value[i], at + '[' + std::to_string(i) + ']');
          if (!problem.empty()) return problem;
        }
      }
    }
    return "";
  }

  Json doc_;
};

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_OPENAPI_CHECK_H_
