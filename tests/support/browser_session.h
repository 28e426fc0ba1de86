// Signing in as a browser does, through the sign-in form without script: for page and form
// tests against the real server.
#ifndef INSPIRE_TESTS_SUPPORT_BROWSER_SESSION_H_
#define INSPIRE_TESTS_SUPPORT_BROWSER_SESSION_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <string>

#include "support/html_document.h"

namespace inspire::testing {

// The sign-in form as a browser gets it: its login cookie ("inspire_login=...") and the token
// in the form, which must come back together.
struct LoginForm {
  std::string cookie;
  std::string token;
};

// Opens /login; empty members when the page or its token is missing.
inline LoginForm OpenLoginForm(httplib::Client& client) {
  const auto page = client.Get("/login");
  if (!page) return {};
  const std::string set = page->get_header_value("Set-Cookie");
  const std::string token = HtmlDocument(page->body).Text("//input[@name='login_token']/@value");
  if (token.empty()) return {};
  return {set.substr(0, set.find(';')), token};
}

// Signs in with the form as `email` (URL-encoded, e.g. "sec%40example.org") and the tests'
// password "a long enough password"; returns the session cookie ("inspire_session=..."), a
// failure when the form does not answer 303.
inline std::string SignIn(httplib::Client& client, const std::string& email) {
  const LoginForm form = OpenLoginForm(client);
  const auto reply =
      client.Post("/login", {{"Cookie", form.cookie}},
                  "email=" + email + "&password=a+long+enough+password&login_token=" + form.token,
                  "application/x-www-form-urlencoded");
  EXPECT_TRUE(reply && reply->status == 303);
  if (!reply) return "";
  const std::string cookie = reply->get_header_value("Set-Cookie");
  return cookie.substr(0, cookie.find(';'));
}

// The CSRF token of the first form on a page (the layout's sign-out form when signed in).
inline std::string CsrfOf(const std::string& html) {
  return HtmlDocument(html).Text("//form//input[@name='csrf_token']/@value");
}

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_BROWSER_SESSION_H_
