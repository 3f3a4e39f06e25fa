#include "text/rfc3339.hpp"

#include <charconv>
#include <cstdint>

#include "text/utf8.hpp"

namespace tfschema::text {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Two ASCII digits at s[at]; -1 when they are not there.
int two_digits(std::string_view s, size_t at) {
  if (at + 2 > s.size() || !is_digit(s[at]) || !is_digit(s[at + 1])) return -1;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

bool is_leap_year(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

// full-date: DDDD-DD-DD with a real month and day of that month.
bool is_full_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  const int century = two_digits(d, 0);
  const int year_in_century = two_digits(d, 2);
  const int month = two_digits(d, 5);
  const int day = two_digits(d, 8);
  if (century < 0 || year_in_century < 0 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int year = century * 100 + year_in_century;
  return day <= (month == 2 && is_leap_year(year) ? 29 : kDays[month]);
}

// ajv-formats splits on /t|\s/i: 't', 'T' or an ECMAScript WhiteSpace or
// LineTerminator code point.
bool is_separator(uint32_t c) {
  switch (c) {
    case 't':
    case 'T':
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

// time with a required offset:
// /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)$/i, then
// ajv-formats' range checks and leap-second arithmetic.
bool is_time(std::string_view t) {
  const int hour = two_digits(t, 0);
  const int minute = two_digits(t, 3);
  if (hour < 0 || minute < 0 || t[2] != ':' || t.size() < 8 || t[5] != ':') return false;
  if (two_digits(t, 6) < 0) return false;
  size_t i = 8;
  if (i < t.size() && t[i] == '.') {
    const size_t first = ++i;
    while (i < t.size() && is_digit(t[i])) ++i;
    if (i == first) return false;
  }
  // The seconds as JavaScript's Number() reads them: "59.99999999999999999"
  // rounds to 60, which ajv-formats then judges as a leap second.
  double second = 0;
  if (std::from_chars(t.data() + 6, t.data() + i, second).ec != std::errc()) return false;
  if (i >= t.size()) return false;  // the offset is required
  int sign = 1;
  int offset_hours = 0;
  int offset_minutes = 0;
  if (t[i] == 'z' || t[i] == 'Z') {
    if (i + 1 != t.size()) return false;
  } else if (t[i] == '+' || t[i] == '-') {
    sign = t[i] == '-' ? -1 : 1;
    offset_hours = two_digits(t, i + 1);
    if (offset_hours < 0) return false;
    size_t rest = i + 3;
    if (rest < t.size()) {
      if (t[rest] == ':') ++rest;
      offset_minutes = two_digits(t, rest);
      if (offset_minutes < 0 || rest + 2 != t.size()) return false;
    }
  } else {
    return false;
  }
  if (offset_hours > 23 || offset_minutes > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // A leap second: 23:59:60 in UTC, whatever the local time says.
  const int utc_minute = minute - offset_minutes * sign;
  const int utc_hour = hour - offset_hours * sign - (utc_minute < 0 ? 1 : 0);
  return (utc_hour == 23 || utc_hour == -1) && (utc_minute == 59 || utc_minute == -1) && second < 61;
}

}  // namespace

bool is_rfc3339_date_time(std::string_view s) noexcept {
  if (s.size() < 11 || !is_full_date(s.substr(0, 10))) return false;
  size_t after = 10;
  if (!is_separator(next_code_point(s, after))) return false;
  return is_time(s.substr(after));
}

}  // namespace tfschema::text
