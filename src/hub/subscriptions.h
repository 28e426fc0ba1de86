// What a signed-in user follows (countries, approaches, topics of hub/news.h) and how often a
// digest of what is new in them is e-mailed (daily, weekly or never). Each user's settings carry
// a random unsubscribe token, put in every digest's link, that stops the digests without signing
// in. It is kept as it is (it can do nothing but unsubscribe), so that every link sent works.
#ifndef INSPIRE_HUB_SUBSCRIPTIONS_H_
#define INSPIRE_HUB_SUBSCRIPTIONS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The signed-in user's digest: {"frequency", "follows": [{"kind", "value"}], "last_sent_at"}
// (frequency "never" and no follows for a user who set nothing). kUnauthenticated for visitors.
core::Result<Json> GetSubscriptions(store::Connection& db, const Actor& actor);

// Replaces the signed-in user's digest settings with `settings` ({"frequency": "daily" |
// "weekly" | "never", "follows": [{"kind": "country" | "approach" | "topic", "value"}]}, at
// most 100 follows; countries as ISO3 or ISO2, approaches and topics as the catalogue and
// hub/news.h know them). kValidation naming the field at fault (e.g. "follows[2].value"). Audited.
core::Result<Json> SetSubscriptions(store::Connection& db, const catalogue::Catalogue& catalogue,
                                    const Actor& actor, const Json& settings);

// Stops the digests of the user whose unsubscribe token is `token` (frequency "never"); its
// e-mail, or kNotFound for an unknown token. Audited as that user's own change.
core::Result<std::string> Unsubscribe(store::Connection& db, const std::string& token);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_SUBSCRIPTIONS_H_
