// The signed-in user's own page, /account: who they are and what their role lets them change;
// their organisation's open actions (the overdue ones marked) and the support requests routed to
// it; and what they follow by e-mail (countries, approaches, topics, how often), with the form
// that changes it (POST /account/subscriptions).
#ifndef INSPIRE_WEB_ACCOUNT_PAGES_H_
#define INSPIRE_WEB_ACCOUNT_PAGES_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"
#include "web/http/message.h"
#include "web/pages.h"

namespace inspire::web {

// /account for `actor` (signed in), whose session token `csrf` goes into its forms; `notice`
// (a saved change, or a refusal) is shown at the top when not empty, as an error when `failed`.
core::Result<Page> AccountPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const hub::Actor& actor, const std::string& csrf,
                               const std::string& notice = "", bool failed = false);

// The digest settings the follow form sends (frequency; each of country, approach and topic
// repeated once per value), as hub::SetSubscriptions takes them.
nlohmann::ordered_json SubscriptionsFromForm(const http::Params& form);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_ACCOUNT_PAGES_H_
