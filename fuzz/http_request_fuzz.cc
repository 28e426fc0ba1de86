// Fuzzes what the hub does with a raw request before any handler: Beast's parser with the hub's
// limits, then the decoding of the target and form body and the router's matching over the
// hub's route shapes. Nothing may crash, hang or take memory beyond the input's size.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "web/http/router.h"
#include "web/http/url.h"

namespace {

namespace bhttp = boost::beast::http;
using inspire::web::http::Request;
using inspire::web::http::Response;
using inspire::web::http::Router;

const Router& HubLikeRouter() {
  static const Router router = [] {
    Router r;
    const auto echo = [](const Request& req, Response& res) {
      for (const auto& match : req.matches) res.body += match;
    };
    r.Get("/", echo);
    r.Get("/api/v1/organizations", echo);
    r.Get("/api/v1/organizations/([^/]+)", echo);
    r.Patch("/api/v1/organizations/([^/]+)", echo);
    r.Post("/coordination/needs/([^/]+)/match", echo);
    r.Get("/api/v1/catalogue/(strategies|approaches|indicators|cross-cutting)", echo);
    r.set_error_handler([](const Request&, Response& res) { res.body = "error"; });
    return r;
  }();
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.body_limit(1 << 16);
  parser.header_limit(1 << 14);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_header_done()) return 0;
  const auto& msg = parser.get();
  Request req;
  req.method = std::string(msg.method_string());
  const std::string target(msg.target());
  const size_t question = target.find('?');
  req.path = inspire::web::http::DecodeUrl(target.substr(0, question), false);
  if (question != std::string::npos) {
    inspire::web::http::ParseQuery(target.substr(question + 1), req.params);
  }
  inspire::web::http::ParseQuery(msg.body(), req.params);
  Response res;
  HubLikeRouter().Dispatch(req, res);
  return 0;
}
