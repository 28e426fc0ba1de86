// The hub's own HTTP request and answer, independent of the transport (web/http/server.h reads
// them off the socket with Boost.Beast; tests build them directly). The surface mirrors what the
// handlers need and nothing more: decoded path, query and form parameters, route captures,
// case-insensitive headers, and the client's address.
#ifndef INSPIRE_WEB_HTTP_MESSAGE_H_
#define INSPIRE_WEB_HTTP_MESSAGE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace inspire::web::http {

// Orders header names without regard to ASCII case (HTTP field names are case-insensitive).
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;
using Params = std::multimap<std::string, std::string>;

struct Request {
  std::string method;  // GET, HEAD, POST, PATCH, DELETE, ...
  std::string path;    // percent-decoded, without the query
  std::string target;  // as sent: path and query, still encoded
  Params params;       // the query's, then (form posts) the body's, decoded
  Headers headers;
  std::string body;
  std::string remote_addr;  // the client: the peer, or the trusted proxy's forwarded address
  std::vector<std::string> matches;  // [0] the whole path, then the route's captures

  bool has_header(std::string_view name) const;
  // The first value of the header, "" when absent.
  std::string get_header_value(std::string_view name) const;
  bool has_param(const std::string& name) const;
  // The first value of the parameter, "" when absent.
  std::string get_param_value(const std::string& name) const;
};

struct Response {
  int status = -1;  // -1: not set by the handler (the router makes it 200)
  Headers headers;
  std::string body;

  // Replaces every value of the header with `value`.
  void set_header(const std::string& name, const std::string& value);
  std::string get_header_value(std::string_view name) const;
  void set_content(std::string content, const std::string& content_type);
  // An answer that sends the client to `url` (303 See Other after a form post).
  void set_redirect(const std::string& url, int redirect_status = 302);
};

}  // namespace inspire::web::http

#endif  // INSPIRE_WEB_HTTP_MESSAGE_H_
