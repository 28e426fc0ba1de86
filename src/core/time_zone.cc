#include "core/time_zone.h"

#include <fmt/format.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cctype>
#include <ctime>
#include <memory>
#include <optional>

namespace inspire::core {
namespace {

struct WallClock {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
};

// The number of `width` digits at `text[at]`, or -1.
int Digits(const std::string& text, size_t at, size_t width) {
  int value = 0;
  for (size_t i = at; i < at + width; ++i) {
    if (i >= text.size() || std::isdigit(static_cast<unsigned char>(text[i])) == 0) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool LeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && LeapYear(year) ? 29 : kDays[month - 1];
}

// The parts of "YYYY-MM-DDTHH:MM", or nothing when it is not one.
std::optional<WallClock> ParseWallClock(const std::string& text) {
  if (text.size() != 16 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':') {
    return std::nullopt;
  }
  const WallClock clock{Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2),
                        Digits(text, 11, 2), Digits(text, 14, 2)};
  if (clock.year < 1900 || clock.year > 2100 || clock.month < 1 || clock.month > 12 ||
      clock.day < 1 || clock.day > DaysInMonth(clock.year, clock.month) || clock.hour < 0 ||
      clock.hour > 23 || clock.minute < 0 || clock.minute > 59) {
    return std::nullopt;
  }
  return clock;
}

// ICU's zone called `zone`, or nullptr when ICU does not know it.
std::unique_ptr<icu::TimeZone> FindZone(const std::string& zone) {
  if (zone.empty() || zone.size() > 64) return nullptr;
  std::unique_ptr<icu::TimeZone> found(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
  if (found == nullptr || *found == icu::TimeZone::getUnknown()) return nullptr;
  return found;
}

}  // namespace

bool IsTimeZone(const std::string& zone) { return FindZone(zone) != nullptr; }

bool IsLocalDateTime(const std::string& text) { return ParseWallClock(text).has_value(); }

Result<int64_t> LocalToUtcSeconds(const std::string& local, const std::string& zone) {
  const auto clock = ParseWallClock(local);
  if (!clock) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not a date and time YYYY-MM-DDTHH:MM", local));
  }
  std::unique_ptr<icu::TimeZone> found = FindZone(zone);
  if (found == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not a time zone name such as Africa/Nairobi", zone));
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::GregorianCalendar calendar(found.release(), status);  // adopts the zone
  if (U_FAILURE(status)) return Fail(ErrorCode::kInternal, "ICU could not make a calendar");
  calendar.clear();
  calendar.set(clock->year, clock->month - 1, clock->day, clock->hour, clock->minute, 0);
  const UDate milliseconds = calendar.getTime(status);
  if (U_FAILURE(status)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' cannot be placed in {}", local, zone));
  }
  return static_cast<int64_t>(milliseconds / 1000.0);
}

std::string UtcText(int64_t seconds) {
  const auto when = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&when, &parts);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", parts.tm_year + 1900, parts.tm_mon + 1,
                     parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
}

}  // namespace inspire::core
