#include "web/http/router.h"

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string_view>

namespace inspire::web::http {

namespace {

// The segments of a path after its leading '/': "/a/b" gives {"a", "b"}, "/" gives {""}.
std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> parts;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  size_t at = 0;
  while (true) {
    const size_t end = path.find('/', at);
    if (end == std::string_view::npos) {
      parts.emplace_back(path.substr(at));
      return parts;
    }
    parts.emplace_back(path.substr(at, end - at));
    at = end + 1;
  }
}

constexpr std::string_view kAnyCapture = "([^/]+)";

bool PlainWord(std::string_view word) {
  if (word.empty()) return false;
  for (const char c : word) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::vector<Router::Segment> Router::Compile(const std::string& pattern) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  // The one capture with a '/' inside stands in as a single byte while the path is split.
  std::string marked;
  marked.reserve(pattern.size());
  for (size_t at = 0; at < pattern.size();) {
    if (pattern.compare(at, kAnyCapture.size(), kAnyCapture) == 0) {
      marked.push_back('\x01');
      at += kAnyCapture.size();
    } else {
      marked.push_back(pattern[at++]);
    }
  }
  std::vector<Segment> segments;
  for (const std::string& part : SplitPath(marked)) {
    Segment segment;
    if (part == "\x01") {
      segment.kind = Segment::Kind::kAny;
    } else if (part.size() > 2 && part.front() == '(' && part.back() == ')') {
      segment.kind = Segment::Kind::kOneOf;
      const std::string_view inner(part.data() + 1, part.size() - 2);
      size_t at = 0;
      while (at <= inner.size()) {
        size_t end = inner.find('|', at);
        if (end == std::string_view::npos) end = inner.size();
        segment.words.emplace_back(inner.substr(at, end - at));
        if (!PlainWord(segment.words.back())) {
          throw std::invalid_argument("route pattern choice is not a plain word: " + pattern);
        }
        at = end + 1;
      }
    } else if (part.empty() || PlainWord(part)) {
      segment.words.push_back(part);
    } else {
      throw std::invalid_argument("route pattern segment is not supported: " + pattern);
    }
    segments.push_back(std::move(segment));
  }
  return segments;
}

bool Router::Match(const Route& route, const std::vector<std::string>& parts,
                   std::vector<std::string>& captures) {
  if (parts.size() != route.segments.size()) return false;
  captures.clear();
  for (size_t i = 0; i < parts.size(); ++i) {
    const Segment& segment = route.segments[i];
    switch (segment.kind) {
      case Segment::Kind::kLiteral:
        if (parts[i] != segment.words.front()) return false;
        break;
      case Segment::Kind::kAny:
        if (parts[i].empty()) return false;
        captures.push_back(parts[i]);
        break;
      case Segment::Kind::kOneOf: {
        bool found = false;
        for (const std::string& word : segment.words) found = found || word == parts[i];
        if (!found) return false;
        captures.push_back(parts[i]);
        break;
      }
    }
  }
  return true;
}

void Router::Add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back({method, pattern, Compile(pattern), std::move(handler)});
}

void Router::Get(const std::string& pattern, Handler handler) {
  Add("GET", pattern, std::move(handler));
}
void Router::Post(const std::string& pattern, Handler handler) {
  Add("POST", pattern, std::move(handler));
}
void Router::Patch(const std::string& pattern, Handler handler) {
  Add("PATCH", pattern, std::move(handler));
}
void Router::Put(const std::string& pattern, Handler handler) {
  Add("PUT", pattern, std::move(handler));
}
void Router::Delete(const std::string& pattern, Handler handler) {
  Add("DELETE", pattern, std::move(handler));
}

void Router::set_error_handler(Handler handler) { error_handler_ = std::move(handler); }

void Router::set_default_headers(Headers headers) { default_headers_ = std::move(headers); }

void Router::Dispatch(Request& req, Response& res) const {
  const std::vector<std::string> parts = SplitPath(req.path);
  const std::string method = req.method == "HEAD" ? std::string("GET") : req.method;
  std::vector<std::string> captures;
  std::string allow;
  for (const Route& route : routes_) {
    if (!Match(route, parts, captures)) continue;
    if (route.method != method) {
      if (allow.find(route.method) == std::string::npos) {
        allow += allow.empty() ? route.method : ", " + route.method;
      }
      continue;
    }
    req.matches.clear();
    req.matches.reserve(captures.size() + 1);
    req.matches.push_back(req.path);
    req.matches.insert(req.matches.end(), captures.begin(), captures.end());
    try {
      route.handler(req, res);
      if (res.status == -1) res.status = 200;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "inspire serve: %s %s: %s\n", req.method.c_str(), req.path.c_str(),
                   e.what());
      res = Response{500, {}, {}};
    }
    return Finish(req, res);
  }
  res = Response{allow.empty() ? 404 : 405, {}, {}};
  if (!allow.empty()) res.set_header("Allow", allow);
  Finish(req, res);
}

void Router::Refuse(int status, const Request& req, Response& res) const {
  res = Response{status, {}, {}};
  Finish(req, res);
}

void Router::Finish(const Request& req, Response& res) const {
  if (res.status >= 400 && res.body.empty() && error_handler_) {
    const int status = res.status;
    try {
      error_handler_(req, res);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "inspire serve: error handler: %s\n", e.what());
    }
    res.status = status;
  }
  for (const auto& [name, value] : default_headers_) {
    if (res.headers.find(name) == res.headers.end()) res.headers.emplace(name, value);
  }
}

}  // namespace inspire::web::http
