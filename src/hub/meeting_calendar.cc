#include "hub/meeting_calendar.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/time_zone.h"
#include "core/version.h"
#include "store/database.h"

namespace inspire::hub {
namespace {

// RFC 5545 3.3.11: backslash, semicolon and comma escaped, line breaks as \n.
std::string EscapeText(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      out += ' ';  // other control characters are not allowed in a TEXT value
    } else {
      out += c;
    }
  }
  return out;
}

// One content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence.
std::string Line(const std::string& line) {
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < line.size();) {
    size_t length = 1;
    const auto lead = static_cast<unsigned char>(line[i]);
    if (lead >= 0xF0)
      length = 4;
    else if (lead >= 0xE0)
      length = 3;
    else if (lead >= 0xC0)
      length = 2;
    length = std::min(length, line.size() - i);
    if (width + length > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line, i, length);
    width += length;
    i += length;
  }
  return out + "\r\n";
}

// "YYYYMMDDTHHMMSSZ" of a UTC timestamp in the stored form or of starts_utc.
std::string Basic(const std::string& utc) {
  if (utc.size() < 19) return "19700101T000000Z";
  return utc.substr(0, 4) + utc.substr(5, 2) + utc.substr(8, 2) + "T" + utc.substr(11, 2) +
         utc.substr(14, 2) + utc.substr(17, 2) + "Z";
}

// The UTC end of the meeting, from its start and length (60 minutes when none is given).
std::string End(const Json& meeting) {
  const auto start = store::UtcSeconds(meeting["starts_utc"].get<std::string>());
  const double minutes =
      meeting["duration_minutes"].is_number() ? meeting["duration_minutes"].get<double>() : 60;
  if (!start) return Basic(meeting["starts_utc"]);
  return Basic(core::UtcText(*start + static_cast<int64_t>(minutes * 60)));
}

std::string Event(const Json& meeting, const std::string& base_url, const std::string& host) {
  const int64_t id = meeting["id"];
  const std::string status = meeting["status"] == "cancelled" ? "CANCELLED" : "CONFIRMED";
  std::string location = meeting["location"];
  std::string event = Line("BEGIN:VEVENT");
  event += Line(fmt::format("UID:meeting-{}@{}", id, host));
  event += Line("DTSTAMP:" + Basic(meeting["updated_at"]));
  event += Line("LAST-MODIFIED:" + Basic(meeting["updated_at"]));
  event += Line("DTSTART:" + Basic(meeting["starts_utc"]));
  event += Line("DTEND:" + End(meeting));
  event += Line("SUMMARY:" + EscapeText(meeting["title"]));
  if (!meeting["agenda"].get<std::string>().empty()) {
    event += Line("DESCRIPTION:" + EscapeText(meeting["agenda"]));
  }
  if (!location.empty()) event += Line("LOCATION:" + EscapeText(location));
  event += Line(fmt::format("URL:{}/meetings/{}", base_url, id));
  event += Line("STATUS:" + status);
  event += Line("CATEGORIES:" + EscapeText(meeting["kind"]));
  return event + Line("END:VEVENT");
}

}  // namespace

std::string MeetingsCalendar(const Json& meetings, const std::string& name,
                             const std::string& base_url, const std::string& host) {
  std::string calendar = Line("BEGIN:VCALENDAR");
  calendar += Line("VERSION:2.0");
  calendar += Line(fmt::format("PRODID:-//INSPIRE Hub//{}//EN", core::kVersion));
  calendar += Line("CALSCALE:GREGORIAN");
  calendar += Line("METHOD:PUBLISH");
  calendar += Line("X-WR-CALNAME:" + EscapeText(name));
  for (const Json& meeting : meetings) calendar += Event(meeting, base_url, host);
  return calendar + Line("END:VCALENDAR");
}

}  // namespace inspire::hub
