#include "hub/sign_in_throttle.h"

#include <fmt/format.h>

#include <algorithm>

namespace inspire::hub {
namespace {

using core::ErrorCode;

core::Result<int64_t> Record(store::Connection& db, const std::string& key,
                             const std::string& now) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto inserted,
      db.Query("INSERT INTO login_attempts (attempt_key, at) VALUES (?, ?) RETURNING id",
               {key, now}));
  return inserted.rows.at(0).Int(0);
}

// The failures recorded for `key` within the window (this attempt's own row included), the
// oldest of the others and the newest of the others (empty when there are none).
struct Window {
  int64_t count = 0;
  std::string oldest_other;
  std::string newest_other;
};

core::Result<Window> Count(store::Connection& db, const std::string& key, int64_t own_row) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query("SELECT COUNT(*), MIN(CASE WHEN id <> ? THEN at END), "
               "MAX(CASE WHEN id <> ? THEN at END) FROM login_attempts WHERE attempt_key = ? AND "
               "at > ?",
               {own_row, own_row, key, store::UtcFromNow(-kAttemptWindowSeconds)}));
  const store::Row& row = found.rows.at(0);
  return Window{row.Int(0), row.IsNull(1) ? "" : row.Text(1), row.IsNull(2) ? "" : row.Text(2)};
}

int64_t SecondsSince(const std::string& utc, int64_t now) {
  return now - store::UtcSeconds(utc).value_or(now);
}

// The wait before the next check for an account with `failures` earlier failures in the window.
int64_t AccountDelay(int64_t failures) {
  if (failures < kMaxFailedSignIns) return 0;
  const int64_t doublings = std::min<int64_t>(failures - kMaxFailedSignIns, 6);
  return std::min<int64_t>(int64_t{1} << doublings, kMaxAccountDelaySeconds);
}

core::Result<void> Forget(store::Connection& db, const AttemptTicket& ticket) {
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM login_attempts WHERE id IN (?, ?)",
                                   {ticket.account_row, ticket.address_row}));
  return {};
}

core::Error Limited(std::string message, int64_t retry_after) {
  return core::Error{ErrorCode::kRateLimited,
                     std::move(message),
                     {},
                     static_cast<int>(std::max<int64_t>(retry_after, 1))};
}

}  // namespace

core::Result<AttemptTicket> BeginSignInAttempt(store::Connection& db, const std::string& email,
                                               const std::string& address) {
  const std::string now = store::NowUtc();
  const int64_t now_seconds = store::UtcSeconds(now).value_or(0);
  AttemptTicket ticket;
  ticket.account_key = "email:" + email;
  INSPIRE_ASSIGN_OR_RETURN(ticket.address_row, Record(db, "address:" + address, now));
  INSPIRE_ASSIGN_OR_RETURN(ticket.account_row, Record(db, ticket.account_key, now));
  INSPIRE_ASSIGN_OR_RETURN(const Window by_address,
                           Count(db, "address:" + address, ticket.address_row));
  if (by_address.count > kMaxFailedSignIns) {
    INSPIRE_RETURN_IF_ERROR(Forget(db, ticket));
    const int64_t wait =
        kAttemptWindowSeconds - SecondsSince(by_address.oldest_other, now_seconds) + 1;
    return tl::unexpected(
        Limited(fmt::format("too many failed sign-ins from this address; try again in {} minutes",
                            (std::max<int64_t>(wait, 1) + 59) / 60),
                wait));
  }
  INSPIRE_ASSIGN_OR_RETURN(const Window by_account,
                           Count(db, ticket.account_key, ticket.account_row));
  const int64_t delay = AccountDelay(by_account.count - 1);
  const int64_t waited = SecondsSince(by_account.newest_other, now_seconds);
  if (delay > 0 && waited < delay) {
    INSPIRE_RETURN_IF_ERROR(Forget(db, ticket));
    return tl::unexpected(
        Limited(fmt::format("too many failed sign-ins for this account; try again in {} seconds",
                            delay - waited),
                delay - waited));
  }
  return ticket;
}

core::Result<void> FinishSignInAttempt(store::Connection& db, const AttemptTicket& ticket,
                                       bool succeeded) {
  if (!succeeded) return {};
  INSPIRE_RETURN_IF_ERROR(Forget(db, ticket));
  INSPIRE_RETURN_IF_ERROR(
      db.Query("DELETE FROM login_attempts WHERE attempt_key = ? OR at < ?",
               {ticket.account_key, store::UtcFromNow(-kAttemptWindowSeconds)}));
  return {};
}

}  // namespace inspire::hub
