#include "date_time.hpp"

#include <charconv>
#include <string>

#include <re2/re2.h>

namespace tfschema::reference::detail {

namespace {

// ajv-formats splits the text at /t|\s/i and wants exactly a date and a
// time: DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/ and, with the zone required,
// TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)$/i.
// \s is ECMAScript's WhiteSpace and LineTerminator.
constexpr const char* kDateTime =
    R"(^(\d\d\d\d)-(\d\d)-(\d\d))"
    R"((?:[tT]|[\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]))"
    R"((\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:[zZ]|([+-])(\d\d)(?::?(\d\d))?)$)";

int number(const std::string& digits) { return digits.empty() ? 0 : std::stoi(digits); }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  return month == 2 && leap ? 29 : kDays[month];
}

}  // namespace

bool is_date_time(std::string_view text) {
  static const RE2 kPattern(kDateTime);
  std::string year, month, day, hour, minute, second, sign, zone_hour, zone_minute;
  if (!RE2::FullMatch(text, kPattern, &year, &month, &day, &hour, &minute, &second, &sign, &zone_hour, &zone_minute)) {
    return false;
  }
  const int m = number(month);
  const int d = number(day);
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(number(year), m)) return false;
  // JavaScript's +"59.99999999999999999" (60): a correctly rounded double.
  double sec = 0;
  std::from_chars(second.data(), second.data() + second.size(), sec);
  const int h = number(hour);
  const int min = number(minute);
  const int tz_sign = sign == "-" ? -1 : 1;
  const int tz_hour = number(zone_hour);
  const int tz_minute = number(zone_minute);
  if (tz_hour > 23 || tz_minute > 59) return false;
  if (h <= 23 && min <= 59 && sec < 60) return true;
  // ajv-formats' leap second: 23:59:60 UTC, as it computes UTC.
  const int utc_minute = min - tz_minute * tz_sign;
  const int utc_hour = h - tz_hour * tz_sign - (utc_minute < 0 ? 1 : 0);
  return (utc_hour == 23 || utc_hour == -1) && (utc_minute == 59 || utc_minute == -1) && sec < 61;
}

}  // namespace tfschema::reference::detail
