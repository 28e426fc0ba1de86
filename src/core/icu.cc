// ICU's only adapter: time zones (core/time_zone.h) and text folded for search
// (core/text_fold.h).
#include <fmt/format.h>
#include <unicode/gregocal.h>
#include <unicode/normalizer2.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cctype>
#include <ctime>
#include <memory>
#include <optional>

#include "core/text_fold.h"
#include "core/time_zone.h"

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

namespace {

// `text` as NFD without its combining marks, case-folded, as NFC.
icu::UnicodeString Folded(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return {};
  const icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(
                         icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
                     status);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK && u_charType(c) != U_ENCLOSING_MARK) bare.append(c);
    i += U16_LENGTH(c);
  }
  bare.foldCase();
  icu::UnicodeString composed = nfc->normalize(bare, status);
  return U_FAILURE(status) ? icu::UnicodeString() : composed;
}

// The first at most 64 bytes of the UTF-8 `word`, never cut inside a character.
std::string Capped(std::string word) {
  constexpr size_t kMaxWordBytes = 64;
  if (word.size() <= kMaxWordBytes) return word;
  size_t end = kMaxWordBytes;
  while (end > 0 && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) --end;
  word.resize(end);
  return word;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  Folded(text).toUTF8String(out);
  return out;
}

std::vector<std::string> SearchWords(std::string_view text, size_t max_words) {
  const icu::UnicodeString folded = Folded(text);
  std::vector<std::string> words;
  icu::UnicodeString word;
  const auto flush = [&] {
    if (!word.isEmpty() && words.size() < max_words) {
      std::string utf8;
      word.toUTF8String(utf8);
      words.push_back(Capped(std::move(utf8)));
    }
    word.remove();
  };
  for (int32_t i = 0; i < folded.length() && words.size() < max_words;) {
    const UChar32 c = folded.char32At(i);
    if (u_isalnum(c) || u_charType(c) == U_COMBINING_SPACING_MARK) {
      word.append(c);
    } else {
      flush();
    }
    i += U16_LENGTH(c);
  }
  flush();
  return words;
}

}  // namespace inspire::core
