#include "yaml/resolver.hpp"

#include <array>

namespace tfschema::yaml {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// A tiny cursor for writing the regular expressions as code.
struct Cursor {
  std::string_view s;
  size_t i = 0;

  bool end() const { return i == s.size(); }
  char peek() const { return i < s.size() ? s[i] : '\0'; }
  bool eat(char c) {
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
  bool eat_sign() { return eat('-') || eat('+'); }
  template <class Pred>
  size_t eat_while(Pred pred) {
    const size_t from = i;
    while (i < s.size() && pred(s[i])) ++i;
    return i - from;
  }
  bool eat_digit() {
    if (i < s.size() && digit(s[i])) {
      ++i;
      return true;
    }
    return false;
  }
};

bool digit_or_underscore(char c) { return digit(c) || c == '_'; }

// (?::[0-5]?[0-9])+ : one or more ":" groups of one digit, or two with the
// first at most 5.
bool sexagesimal_groups(Cursor& c) {
  size_t groups = 0;
  while (c.peek() == ':') {
    const size_t save = c.i;
    ++c.i;
    if (c.i + 1 < c.s.size() && c.s[c.i] >= '0' && c.s[c.i] <= '5' && digit(c.s[c.i + 1])) {
      c.i += 2;
    } else if (c.eat_digit()) {
    } else {
      c.i = save;
      break;
    }
    ++groups;
  }
  return groups > 0;
}

// (?:[eE][-+][0-9]+)?
void optional_exponent(Cursor& c) {
  const size_t save = c.i;
  if ((c.eat('e') || c.eat('E')) && c.eat_sign() && c.eat_while(digit) > 0) return;
  c.i = save;
}

bool is_float(std::string_view s) {
  {  // [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    Cursor c{s};
    c.eat_sign();
    if (c.eat_digit()) {
      c.eat_while(digit_or_underscore);
      if (c.eat('.')) {
        c.eat_while(digit_or_underscore);
        optional_exponent(c);
        if (c.end()) return true;
      }
    }
  }
  {  // \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    Cursor c{s};
    if (c.eat('.') && c.eat_digit()) {
      c.eat_while(digit_or_underscore);
      optional_exponent(c);
      if (c.end()) return true;
    }
  }
  {  // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    Cursor c{s};
    c.eat_sign();
    if (c.eat_digit()) {
      c.eat_while(digit_or_underscore);
      if (sexagesimal_groups(c) && c.eat('.')) {
        c.eat_while(digit_or_underscore);
        if (c.end()) return true;
      }
    }
  }
  {  // [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    std::string_view rest = s;
    const bool signed_ = !rest.empty() && (rest[0] == '-' || rest[0] == '+');
    if (signed_) rest.remove_prefix(1);
    if (rest == ".inf" || rest == ".Inf" || rest == ".INF") return true;
    if (!signed_ && (rest == ".nan" || rest == ".NaN" || rest == ".NAN")) return true;
  }
  return false;
}

bool is_int(std::string_view s) {
  Cursor start{s};
  start.eat_sign();
  const std::string_view body = s.substr(start.i);
  const auto all = [&](std::string_view t, auto pred) {
    if (t.empty()) return false;
    for (char ch : t) {
      if (!pred(ch)) return false;
    }
    return true;
  };
  // 0b[0-1_]+
  if (body.size() > 2 && body[0] == '0' && body[1] == 'b' &&
      all(body.substr(2), [](char ch) { return ch == '0' || ch == '1' || ch == '_'; }))
    return true;
  // 0[0-7_]+
  if (body.size() > 1 && body[0] == '0' &&
      all(body.substr(1), [](char ch) { return (ch >= '0' && ch <= '7') || ch == '_'; }))
    return true;
  // 0 | [1-9][0-9_]*
  if (body == "0") return true;
  if (!body.empty() && body[0] >= '1' && body[0] <= '9' &&
      (body.size() == 1 || all(body.substr(1), digit_or_underscore)))
    return true;
  // 0x[0-9a-fA-F_]+
  if (body.size() > 2 && body[0] == '0' && body[1] == 'x' && all(body.substr(2), [](char ch) {
        return digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') || ch == '_';
      }))
    return true;
  // [1-9][0-9_]*(?::[0-5]?[0-9])+
  Cursor c{body};
  if (!body.empty() && body[0] >= '1' && body[0] <= '9') {
    ++c.i;
    c.eat_while(digit_or_underscore);
    if (sexagesimal_groups(c) && c.end()) return true;
  }
  return false;
}

bool is_bool(std::string_view s) {
  static constexpr std::array<std::string_view, 18> kWords = {"yes",  "Yes",  "YES",  "no",    "No",    "NO",
                                                              "true", "True", "TRUE", "false", "False", "FALSE",
                                                              "on",   "On",   "ON",   "off",   "Off",   "OFF"};
  for (std::string_view word : kWords) {
    if (s == word) return true;
  }
  return false;
}

bool is_null(std::string_view s) { return s == "~" || s == "null" || s == "Null" || s == "NULL" || s.empty(); }

// The fields of construct_yaml_timestamp's regular expression (the implicit
// resolver's is stricter: a date alone needs two-digit month and day).
struct TimestampFields {
  std::string_view year, month, day, hour, minute, second, fraction, tz_sign, tz_hour, tz_minute;
  bool tz = false;
};

// [ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?) , optional as a whole.
void timezone_part(Cursor& c, TimestampFields& f) {
  const size_t save = c.i;
  c.eat_while([](char ch) { return ch == ' ' || ch == '\t'; });
  if (c.eat('Z')) {
    f.tz = true;
    return;
  }
  if (c.peek() == '-' || c.peek() == '+') {
    const size_t sign_at = c.i++;
    const size_t hour_at = c.i;
    if (c.eat_digit()) {
      c.eat_digit();
      f.tz = true;
      f.tz_sign = c.s.substr(sign_at, 1);
      f.tz_hour = c.s.substr(hour_at, c.i - hour_at);
      const size_t colon = c.i;
      if (c.eat(':') && c.eat_digit() && c.eat_digit()) {
        f.tz_minute = c.s.substr(colon + 1, 2);
      } else {
        c.i = colon;
      }
      return;
    }
  }
  c.i = save;
}

// Matches `s` entirely; `strict_date` is the resolver's date-only branch
// ([0-9]{4}-[0-9]{2}-[0-9]{2}), otherwise month and day take 1 or 2 digits.
bool match_timestamp(std::string_view s, bool resolver, TimestampFields& f) {
  Cursor c{s};
  const auto digits = [&](size_t min, size_t max, std::string_view& out) {
    const size_t from = c.i;
    while (c.i - from < max && c.eat_digit()) {
    }
    if (c.i - from < min) return false;
    out = s.substr(from, c.i - from);
    return true;
  };
  if (!digits(4, 4, f.year) || !c.eat('-') || !digits(1, 2, f.month) || !c.eat('-') || !digits(1, 2, f.day))
    return false;
  if (c.end()) return !resolver || (f.month.size() == 2 && f.day.size() == 2);
  // (?:[Tt]|[ \t]+)
  if (!c.eat('T') && !c.eat('t') && c.eat_while([](char ch) { return ch == ' ' || ch == '\t'; }) == 0) return false;
  if (!digits(1, 2, f.hour) || !c.eat(':') || !digits(2, 2, f.minute) || !c.eat(':') || !digits(2, 2, f.second))
    return false;
  if (c.eat('.')) {
    const size_t from = c.i;
    c.eat_while(digit);
    f.fraction = s.substr(from, c.i - from);
  }
  timezone_part(c, f);
  return c.end();
}

// re.match(r'^...$', s): `$` also matches before a final '\n'.
template <class Match>
bool python_full_match(std::string_view s, Match match) {
  if (match(s)) return true;
  return !s.empty() && s.back() == '\n' && match(s.substr(0, s.size() - 1));
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char ch : digits) v = v * 10 + (ch - '0');
  return v;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

}  // namespace

Tag resolve_plain_scalar(std::string_view value) {
  // PyYAML picks the resolvers registered for the first character, in the
  // order they were registered: bool, float, int, merge, null, timestamp, value, yaml.
  const char first = value.empty() ? '\0' : value[0];
  const auto matches = [&](auto predicate) { return python_full_match(value, predicate); };
  if (value.empty()) return Tag::kNull;
  switch (first) {
    case 'y':
    case 'Y':
    case 'n':
    case 'N':
    case 't':
    case 'T':
    case 'f':
    case 'F':
    case 'o':
    case 'O':
      if (matches(is_bool)) return Tag::kBool;
      if ((first == 'n' || first == 'N') && matches(is_null)) return Tag::kNull;
      return Tag::kStr;
    case '~':
      return matches(is_null) ? Tag::kNull : Tag::kStr;
    case '<':
      return matches([](std::string_view s) { return s == "<<"; }) ? Tag::kMerge : Tag::kStr;
    case '=':
      return matches([](std::string_view s) { return s == "="; }) ? Tag::kValue : Tag::kStr;
    case '!':
    case '&':
    case '*':
      return matches([](std::string_view s) { return s.size() == 1; }) ? Tag::kYaml : Tag::kStr;
    case '.':
      return matches(is_float) ? Tag::kFloat : Tag::kStr;
    case '-':
    case '+':
      if (matches(is_float)) return Tag::kFloat;
      return matches(is_int) ? Tag::kInt : Tag::kStr;
    default:
      break;
  }
  if (!digit(first)) return Tag::kStr;
  if (matches(is_float)) return Tag::kFloat;
  if (matches(is_int)) return Tag::kInt;
  TimestampFields fields;
  if (matches([&](std::string_view s) { return match_timestamp(s, true, fields); })) return Tag::kTimestamp;
  return Tag::kStr;
}

TimestampReading read_timestamp(std::string_view value) {
  TimestampFields f;
  if (!python_full_match(value, [&](std::string_view s) {
        f = TimestampFields{};
        return match_timestamp(s, false, f);
      }))
    return TimestampReading::kNoMatch;
  const int year = to_int(f.year), month = to_int(f.month), day = to_int(f.day);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1) return TimestampReading::kInvalidValue;
  if (day > kDays[month - 1] + (month == 2 && leap(year) ? 1 : 0)) return TimestampReading::kInvalidValue;
  if (f.hour.empty()) return TimestampReading::kDate;
  if (to_int(f.hour) > 23 || to_int(f.minute) > 59 || to_int(f.second) > 59) return TimestampReading::kInvalidValue;
  // datetime.timezone wants an offset strictly inside one day.
  if (!f.tz_sign.empty() && to_int(f.tz_hour) * 60 + to_int(f.tz_minute) >= 24 * 60)
    return TimestampReading::kInvalidValue;
  return TimestampReading::kDate;
}

}  // namespace tfschema::yaml
