#include "web/http/message.h"

#include <algorithm>
#include <cctype>

namespace inspire::web::http {

namespace {
unsigned char Lower(char c) {
  return static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)));
}
}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return Lower(x) < Lower(y); });
}

bool Request::has_header(std::string_view name) const {
  return headers.find(std::string(name)) != headers.end();
}

std::string Request::get_header_value(std::string_view name) const {
  const auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string() : it->second;
}

bool Request::has_param(const std::string& name) const { return params.count(name) > 0; }

std::string Request::get_param_value(const std::string& name) const {
  const auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

void Response::set_header(const std::string& name, const std::string& value) {
  headers.erase(name);
  headers.emplace(name, value);
}

std::string Response::get_header_value(std::string_view name) const {
  const auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string() : it->second;
}

void Response::set_content(std::string content, const std::string& content_type) {
  body = std::move(content);
  set_header("Content-Type", content_type);
}

void Response::set_redirect(const std::string& url, int redirect_status) {
  status = redirect_status;
  set_header("Location", url);
}

}  // namespace inspire::web::http
