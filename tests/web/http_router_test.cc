// The hub's router and URL parsing, without a network: which handler answers, what it is given,
// and what the error handler and default headers add.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "web/http/router.h"
#include "web/http/url.h"

namespace inspire::web::http {
namespace {

TEST(Url, DecodesEscapesAndPlusOnlyWhereAsked) {
  EXPECT_EQ(DecodeUrl("a%20b+c%2Fd", false), "a b+c/d");
  EXPECT_EQ(DecodeUrl("a%20b+c%2Fd", true), "a b c/d");
  EXPECT_EQ(DecodeUrl("100%", true), "100%");    // a lone % stays
  EXPECT_EQ(DecodeUrl("%zz%4", true), "%zz%4");  // so does a malformed escape
  EXPECT_EQ(DecodeUrl("%C3%A9", true), "\xC3\xA9");
}

TEST(Url, ParsesQueryPairsKeepingRepeatsAndEmptyValues) {
  Params params;
  ParseQuery("q=a+b&q=c&flag&&x=%3D1&=v", params);
  EXPECT_EQ(params.count("q"), 2u);
  EXPECT_EQ(params.find("q")->second, "a b");
  EXPECT_EQ(params.find("flag")->second, "");
  EXPECT_EQ(params.find("x")->second, "=1");
  EXPECT_EQ(params.find("")->second, "v");
  EXPECT_EQ(params.size(), 5u);
}

Request Make(const std::string& method, const std::string& path) {
  Request req;
  req.method = method;
  req.path = path;
  return req;
}

TEST(Router, MatchesLiteralCaptureAndChoiceSegments) {
  Router router;
  std::string seen;
  router.Get("/api/v1/items", [&](const Request&, Response& res) { res.body = "list"; });
  router.Get("/api/v1/items/([^/]+)", [&](const Request& req, Response& res) {
    seen = req.matches.at(1);
    res.body = "one";
  });
  router.Get("/api/v1/catalogue/(strategies|indicators)",
             [&](const Request& req, Response& res) { res.body = req.matches.at(1); });
  Response res;
  Request req = Make("GET", "/api/v1/items/42");
  router.Dispatch(req, res);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "one");
  EXPECT_EQ(seen, "42");

  res = {};
  req = Make("GET", "/api/v1/catalogue/indicators");
  router.Dispatch(req, res);
  EXPECT_EQ(res.body, "indicators");

  for (const char* path : {"/api/v1/catalogue/approaches", "/api/v1/items/", "/api/v1/items/1/x",
                           "/api/v1/itemsX", "/api/v1/items.json"}) {
    res = {};
    req = Make("GET", path);
    router.Dispatch(req, res);
    EXPECT_EQ(res.status, 404) << path;
  }
}

TEST(Router, HeadUsesGetAndOtherMethodsGet405WithAllow) {
  Router router;
  router.Get("/x", [](const Request&, Response& res) { res.body = "x"; });
  router.Post("/x", [](const Request&, Response& res) { res.status = 201; });
  Response res;
  Request req = Make("HEAD", "/x");
  router.Dispatch(req, res);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "x");  // the transport sends the length without the body

  res = {};
  req = Make("DELETE", "/x");
  router.Dispatch(req, res);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.get_header_value("Allow"), "GET, POST");
}

TEST(Router, ErrorHandlerWritesEmptyErrorBodiesAndKeepsTheStatus) {
  Router router;
  router.Get("/boom", [](const Request&, Response&) { throw std::runtime_error("boom"); });
  router.Get("/own", [](const Request&, Response& res) {
    res.status = 404;
    res.body = "mine";
  });
  router.set_error_handler([](const Request&, Response& res) {
    res.body = "error " + std::to_string(res.status);
    res.status = 418;  // ignored: the status stays what it was
  });
  Headers defaults;
  defaults.emplace("X-Frame-Options", "DENY");
  router.set_default_headers(defaults);

  Response res;
  Request req = Make("GET", "/boom");
  router.Dispatch(req, res);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body, "error 500");
  EXPECT_EQ(res.get_header_value("x-frame-options"), "DENY");

  res = {};
  req = Make("GET", "/own");
  router.Dispatch(req, res);
  EXPECT_EQ(res.body, "mine");

  res = {};
  router.Refuse(413, Make("POST", "/own"), res);
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(res.body, "error 413");
}

TEST(Router, RefusesPatternsItCannotMatchWithoutARegexEngine) {
  Router router;
  EXPECT_THROW(router.Get("/a/(.*)", [](const Request&, Response&) {}), std::invalid_argument);
  EXPECT_THROW(router.Get("relative", [](const Request&, Response&) {}), std::invalid_argument);
  EXPECT_THROW(router.Get("/a/b+", [](const Request&, Response&) {}), std::invalid_argument);
}

TEST(Router, LongHostilePathsCostLinearWork) {
  Router router;
  router.Get("/api/v1/items/([^/]+)", [](const Request&, Response& res) { res.body = "one"; });
  Response res;
  Request req = Make("GET", "/api/v1/items/" + std::string(1 << 20, 'a'));
  router.Dispatch(req, res);
  EXPECT_EQ(res.status, 200);
  res = {};
  req = Make("GET", std::string(1 << 20, '/'));
  router.Dispatch(req, res);
  EXPECT_EQ(res.status, 404);
}

}  // namespace
}  // namespace inspire::web::http
