// Meetings as iCalendar (RFC 5545): one VEVENT per meeting, its start and end in UTC, the title,
// agenda, place and link, and whether it is cancelled; text escaped and lines folded at 75
// octets as the RFC asks, lines ended by CRLF.
#ifndef INSPIRE_HUB_MEETING_CALENDAR_H_
#define INSPIRE_HUB_MEETING_CALENDAR_H_

#include <nlohmann/json.hpp>
#include <string>

namespace inspire::hub {

using Json = nlohmann::ordered_json;

// A VCALENDAR of `meetings` (records as GetMeeting returns them), named `name` (X-WR-CALNAME).
// Each event's UID is "meeting-<id>@<host>" and its URL `base_url` + "/meetings/<id>"
// (`base_url` without a trailing slash, e.g. "https://hub.example.org").
std::string MeetingsCalendar(const Json& meetings, const std::string& name,
                             const std::string& base_url, const std::string& host);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_MEETING_CALENDAR_H_
