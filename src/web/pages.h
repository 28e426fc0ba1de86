// The hub's HTML pages: each builds a view from the hub's public records and renders its
// template (web/templates.h); the layout goes around it. Pages read; forms that write come with
// the signed-in user's session (see server.cc).
#ifndef INSPIRE_WEB_PAGES_H_
#define INSPIRE_WEB_PAGES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"

namespace inspire::web {

struct PageInput {
  std::vector<std::string> path;                  // the path's captures, in order
  std::multimap<std::string, std::string> query;  // the query string
  bool signed_in = false;                         // pages then show links to the forms
  std::string csrf;                               // the session's CSRF token, for inline forms
  hub::Actor actor;  // who reads: a visitor, or the signed-in user (for records not all may see)
  std::string Param(const std::string& name) const {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
};

struct Page {
  int status = 200;
  std::string title;
  std::string main;  // the rendered main part
  std::string nav;   // which main-menu entry is current: home, members, activities, coordination
};

using PageBuilder = core::Result<Page> (*)(store::Connection&, const catalogue::Catalogue&,
                                           const PageInput&);

core::Result<Page> HomePage(store::Connection& db, const catalogue::Catalogue& catalogue,
                            const PageInput& input);
core::Result<Page> CountryPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const PageInput& input);
core::Result<Page> IndicatorPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                 const PageInput& input);
core::Result<Page> StrategyPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const PageInput& input);
core::Result<Page> ApproachPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const PageInput& input);
core::Result<Page> MembersPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const PageInput& input);
core::Result<Page> MemberPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const PageInput& input);
core::Result<Page> ActivitiesPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                  const PageInput& input);
core::Result<Page> CoordinationPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const PageInput& input);

// Staff only: users and the audit log.
core::Result<Page> AdminPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const PageInput& input, const hub::Actor& actor);

// The sign-in form, with an error message and the email typed so far (both may be empty), and
// the sign-in token that must come back with it (the login CSRF cookie's value).
core::Result<Page> LoginPage(const std::string& error, const std::string& email,
                             const std::string& login_token);
// A page for an error status (404...).
Page ErrorPage(int status, const std::string& message);

// name=value pairs as a URL's query string (after the "?"), values percent-encoded.
std::string UrlQuery(const std::vector<std::pair<std::string, std::string>>& params);

// Who reads a page: the signed-in user's email and the session's CSRF token (for the sign-out
// form of the layout); both empty when nobody is signed in.
struct Viewer {
  std::string email;
  std::string csrf;
};

// The whole document: the layout around `page` for `viewer`.
core::Result<std::string> RenderDocument(const Page& page, const Viewer& viewer);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_PAGES_H_
