// The sign-in rate limit, kept in the database (table login_attempts) so that several servers on
// one PostgreSQL share it. An attempt is recorded as a failure *before* its password is checked,
// and only then counted, so concurrent attempts cannot all slip under the limit: of any number
// sent at once, at most kMaxFailedSignIns per address get their password checked.
//
// Two rules, both answered with kRateLimited and a Retry-After:
// - per address: kMaxFailedSignIns failures within kAttemptWindowSeconds, then no more checks
//   from that address until the oldest failure leaves the window;
// - per account: after kMaxFailedSignIns failures within the window (from anywhere), each further
//   attempt waits for a delay that doubles from 1 s up to kMaxAccountDelaySeconds after the
//   previous one. Guessing stays slow, but nobody can lock the real user out for longer than
//   that delay; a successful sign-in clears the account's failures.
// Refused attempts are not counted, so hammering does not lengthen anyone's wait.
#ifndef INSPIRE_HUB_SIGN_IN_THROTTLE_H_
#define INSPIRE_HUB_SIGN_IN_THROTTLE_H_

#include <cstdint>
#include <string>

#include "core/error.h"
#include "store/database.h"

namespace inspire::hub {

inline constexpr int kMaxFailedSignIns = 10;
inline constexpr int kAttemptWindowSeconds = 15 * 60;
inline constexpr int kMaxAccountDelaySeconds = 60;

// An attempt under way: its two rows in login_attempts.
struct AttemptTicket {
  std::string account_key;
  int64_t account_row = 0;
  int64_t address_row = 0;
};

// Records an attempt for the account `email` (lower case) from `address` and decides whether its
// password may be checked. kRateLimited (retry_after_seconds set, nothing left recorded) if not.
// Must run outside a transaction, so that other servers and threads see the attempt at once.
core::Result<AttemptTicket> BeginSignInAttempt(store::Connection& db, const std::string& email,
                                               const std::string& address);

// Settles the attempt: a failure stays recorded; a success removes it and the account's
// failures (not the address's: signing in to one's own account must not reset a guesser).
core::Result<void> FinishSignInAttempt(store::Connection& db, const AttemptTicket& ticket,
                                       bool succeeded);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_SIGN_IN_THROTTLE_H_
