// The digest e-mails: for each user whose daily or weekly digest is due, what is new since the
// last one in what they follow (hub/news.h, public records only, the same for every reader),
// written as a plain-text message with a link to each item and the one link that unsubscribes.
#ifndef INSPIRE_HUB_DIGESTS_H_
#define INSPIRE_HUB_DIGESTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "core/smtp.h"
#include "store/database.h"

namespace inspire::hub {

// One digest to send.
struct Digest {
  int64_t user = 0;
  std::string email;
  std::string subject;
  std::string body;             // plain text
  std::string unsubscribe_url;  // for the List-Unsubscribe header as well
  int items = 0;
};

// The digests due at `now` (stored UTC form): users with a daily digest last sent a day or more
// before, weekly ones seven days or more, who follow something and whose account is enabled.
// A user with nothing new gets no message (and none is owed: MarkDigestSent moves the clock on).
// `site` is where the links point (e.g. "https://hub.example.org").
core::Result<std::vector<Digest>> DueDigests(store::Connection& db,
                                             const catalogue::Catalogue& catalogue,
                                             const std::string& now, const std::string& site);

// Records that `user`'s digest was dealt with at `now`.
core::Result<void> MarkDigestSent(store::Connection& db, int64_t user, const std::string& now);

// What one round of sending did.
struct DigestRun {
  int sent = 0;                       // messages the relay took
  int nothing = 0;                    // due digests with nothing new (no message)
  std::vector<std::string> failures;  // one line per message the relay did not take
};

// Sends every due digest through `relay` and marks each one sent (a digest the relay refused
// stays due, for the next round). kUnavailable only when the database fails.
core::Result<DigestRun> SendDueDigests(store::Connection& db, const catalogue::Catalogue& catalogue,
                                       const core::SmtpRelay& relay, const std::string& site);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_DIGESTS_H_
