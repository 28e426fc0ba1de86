// Time zones by their IANA names, from ICU's time-zone data (ICU's only adapter): whether a name
// is known, and the UTC instant of a wall-clock time in a zone.
#ifndef INSPIRE_CORE_TIME_ZONE_H_
#define INSPIRE_CORE_TIME_ZONE_H_

#include <cstdint>
#include <string>

#include "core/error.h"

namespace inspire::core {

// True when `zone` is a time zone ICU knows by that name ("Africa/Nairobi", "America/La_Paz",
// "UTC"); false for anything else, the empty string included.
bool IsTimeZone(const std::string& zone);

// Seconds since 1970-01-01T00:00:00Z of the wall-clock time `local` ("YYYY-MM-DDTHH:MM", as
// kept by a date-time field) in `zone`. A time skipped by a change to summer time is read as the
// same time before the change (ICU's lenient rule); a repeated one as its first occurrence.
// kInvalidArgument naming `local` or `zone` when either is not what is expected.
Result<int64_t> LocalToUtcSeconds(const std::string& local, const std::string& zone);

// `seconds` since the epoch as "YYYY-MM-DDTHH:MM:SSZ".
std::string UtcText(int64_t seconds);

// True when `text` is a wall-clock time "YYYY-MM-DDTHH:MM" with a real date (years 1900-2100)
// and a time from 00:00 to 23:59.
bool IsLocalDateTime(const std::string& text);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_TIME_ZONE_H_
