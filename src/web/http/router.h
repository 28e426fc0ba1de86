// The route table of the hub's HTTP server: which handler answers a method and path. Patterns
// are paths whose segments are literal text, `([^/]+)` (any one non-empty segment, captured) or
// `(a|b|c)` (one of the listed words, captured); nothing else, so matching is a linear walk over
// the segments with no regular-expression engine (no backtracking, no recursion on the input).
#ifndef INSPIRE_WEB_HTTP_ROUTER_H_
#define INSPIRE_WEB_HTTP_ROUTER_H_

#include <functional>
#include <string>
#include <vector>

#include "web/http/message.h"

namespace inspire::web::http {

using Handler = std::function<void(const Request&, Response&)>;

class Router {
 public:
  // Register a handler; GET routes also answer HEAD. A pattern outside the forms above throws
  // std::invalid_argument (a programming error, found at start-up).
  void Get(const std::string& pattern, Handler handler);
  void Post(const std::string& pattern, Handler handler);
  void Patch(const std::string& pattern, Handler handler);
  void Put(const std::string& pattern, Handler handler);
  void Delete(const std::string& pattern, Handler handler);

  // Called for every answer of status 400 or more whose body is still empty, with the status
  // set: it writes the error body (and may change nothing else but headers and body).
  void set_error_handler(Handler handler);
  // Headers every answer carries unless its handler set them.
  void set_default_headers(Headers headers);

  // Answers `req`: the handler of the first route whose method and pattern match (captures go to
  // req.matches), else 405 with Allow when only the method differs, else 404. A handler that
  // throws gives 500. Then the error handler and the default headers as above.
  void Dispatch(Request& req, Response& res) const;

  // An answer the transport gives without a handler (400 malformed, 408 too slow, 413 too large,
  // 431 head too large, 503 too many connections): the error handler's body and default headers.
  void Refuse(int status, const Request& req, Response& res) const;

 private:
  struct Segment {
    enum class Kind { kLiteral, kAny, kOneOf } kind = Kind::kLiteral;
    std::vector<std::string> words;  // kLiteral: the text; kOneOf: the choices
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
  };
  void Add(const std::string& method, const std::string& pattern, Handler handler);
  static std::vector<Segment> Compile(const std::string& pattern);
  static bool Match(const Route& route, const std::vector<std::string>& parts,
                    std::vector<std::string>& captures);
  void Finish(const Request& req, Response& res) const;

  std::vector<Route> routes_;
  Handler error_handler_;
  Headers default_headers_;
};

}  // namespace inspire::web::http

#endif  // INSPIRE_WEB_HTTP_ROUTER_H_
