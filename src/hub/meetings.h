// Meetings: the working group's, the secretariat's, webinars for the community of practice and
// country consultations, each at a wall-clock time in a named time zone (its UTC instant kept for
// ordering, feeds and calendars), with an agenda, the organisations taking part and the minutes.
// A meeting is public or for members: a members' meeting, and the decisions and actions taken
// at it, exist only for signed-in users (kNotFound for a visitor, absent from every list). Staff
// (admin, secretariat) write meetings.
#ifndef INSPIRE_HUB_MEETINGS_H_
#define INSPIRE_HUB_MEETINGS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// The fields of a meeting, declared once (checks, forms, API schema).
const RecordFields& MeetingFields();

// Which meetings a list shows.
struct MeetingQuery {
  std::string kind;     // one kind of meeting ("" any)
  std::string country;  // meetings about this country (ISO3, "" any)
  // "upcoming": from now on (soonest first); "past": before now (latest first); "" all, latest
  // first.
  std::string when;
  int64_t page = 1;
  int64_t per_page = 50;  // at most 500
};

// The SQL condition (" AND ...") that keeps, of rows with a meeting column `column` (null: not
// from a meeting), those `actor` may see: for a visitor, only those of public meetings.
std::string VisibleMeetingCondition(const Actor& actor, const std::string& column);

// The lifecycle of meetings (as for every record kind, hub/record_kind.h), seen by `actor`:
// List pages through those it may see ({"items", "total", "page", "per_page"}; kValidation
// naming a bad filter); Get one (kNotFound, also for a members' meeting and a visitor); Create,
// Update and Delete are staff's, and deleting a meeting deletes its decisions and unlinks its
// actions. Each meeting comes with "starts_utc" ("YYYY-MM-DDTHH:MM:SSZ"); its "link" (to join
// online) is given to signed-in users only. Callers run writes
// inside hub::Write.
core::Result<Json> ListMeetings(store::Connection& db, const Actor& actor,
                                const MeetingQuery& query);
core::Result<Json> GetMeeting(store::Connection& db, const Actor& actor, int64_t id);
core::Result<Json> CreateMeeting(store::Connection& db, const catalogue::Catalogue& catalogue,
                                 const Actor& actor, const Json& fields);
core::Result<Json> UpdateMeeting(store::Connection& db, const catalogue::Catalogue& catalogue,
                                 const Actor& actor, int64_t id, const Json& fields);
core::Result<void> DeleteMeeting(store::Connection& db, const Actor& actor, int64_t id);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_MEETINGS_H_
