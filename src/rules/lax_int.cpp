#include "rules/lax_int.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "text/utf8.hpp"

namespace tfschema::rules {
namespace {
#include "rules/python_unicode_tables.inc"
}  // namespace
}  // namespace tfschema::rules

namespace tfschema::rules {
namespace {

constexpr size_t kMaxIntegerChars = 4300;  // CPython's int_max_str_digits, as jiter applies it

IntReading failure(ErrorKind kind) { return {false, kind, {}}; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

enum class StrictInt { kOk, kInvalid, kTooLong };

// jiter's NumberInt::try_from: the whole text must be -?(0|[1-9][0-9]*).
// A run of more than 4300 characters (sign included) fails as too long even
// when something invalid follows it.
StrictInt parse_strict_int(std::string_view s, IntValue& out) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && s[i] == '-') {
    negative = true;
    ++i;
  }
  if (i >= s.size()) return StrictInt::kInvalid;
  if (s[i] == '0') {
    if (i + 1 != s.size()) return StrictInt::kInvalid;
    out = IntValue::of(0);
    return StrictInt::kOk;
  }
  if (s[i] < '1' || s[i] > '9') return StrictInt::kInvalid;
  size_t digits_begin = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i > kMaxIntegerChars) return StrictInt::kTooLong;
  if (i != s.size()) return StrictInt::kInvalid;
  std::string_view digits = s.substr(digits_begin);
  // Up to 18 digits always fit; 19 may; more never do.
  if (digits.size() <= 19) {
    uint64_t magnitude = 0;
    for (char c : digits) magnitude = magnitude * 10 + static_cast<uint64_t>(c - '0');
    uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    if (digits.size() < 19 || magnitude <= limit) {
      out.big = false;
      out.negative = negative;
      out.small = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
      return StrictInt::kOk;
    }
  }
  out.big = true;
  out.negative = negative;
  out.small = 0;
  return StrictInt::kOk;
}

// Rust's char::is_whitespace (Unicode White_Space), which str::trim uses.
bool is_unicode_whitespace(uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

std::string_view trim_unicode_whitespace(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    size_t next = begin;
    if (!is_unicode_whitespace(text::next_code_point(s, next))) break;
    begin = next;
  }
  size_t end = s.size();
  while (end > begin) {
    size_t lead = end - 1;
    while (lead > begin && (static_cast<unsigned char>(s[lead]) & 0xC0) == 0x80) --lead;
    size_t probe = lead;
    if (!is_unicode_whitespace(text::next_code_point(s, probe))) break;
    end = lead;
  }
  return s.substr(begin, end - begin);
}

// pydantic-core's strip_leading_zeros: keeps one zero before a '.', and
// treats underscores among the leading zeros as part of them.
bool strip_leading_zeros(std::string_view& s) {
  if (s.empty()) return false;
  if (s[0] != '0') return (s[0] >= '1' && s[0] <= '9') || s[0] == '-';
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == '0' || c == '_') continue;
    if ((c >= '1' && c <= '9') || c == '-') {
      s = s.substr(i);
      return true;
    }
    if (c == '.') {
      s = s.substr(i - 1);
      return true;
    }
    return false;
  }
  s = s.substr(s.size() - 1);
  return true;
}

// pydantic-core's clean_int_str; false when the text cannot be cleaned or
// cleaning changed nothing.
bool clean_int_string(std::string_view s, std::string& out) {
  const size_t length_before = s.size();
  s = trim_unicode_whitespace(s);
  if (!s.empty() && s[0] == '+') {
    if (s.size() > 1 && s[1] == '-') return false;
    s = s.substr(1);
  }
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    if (s.size() > 1 && (s[1] == '-' || s[1] == '+')) return false;
    negative = true;
    s = s.substr(1);
  }
  if (!strip_leading_zeros(s)) return false;
  if (size_t dot = s.find('.'); dot != std::string_view::npos) {
    std::string_view decimals = s.substr(dot + 1);
    if (!decimals.empty() && decimals.find_first_not_of('0') == std::string_view::npos) s = s.substr(0, dot);
  }
  const bool has_underscore = s.find('_') != std::string_view::npos;
  const bool underscores_ok =
      has_underscore && s.front() != '_' && s.back() != '_' && s.find("__") == std::string_view::npos;
  out.clear();
  if (negative) out.push_back('-');
  if (underscores_ok) {
    for (char c : s) {
      if (c != '_') out.push_back(c);
    }
    return true;
  }
  if (length_before == s.size()) return false;
  out.append(s);
  return true;
}

// Python's str.isspace().
bool is_python_space(uint32_t cp) {
  for (const auto& range : kPythonSpaceRanges) {
    if (cp >= range[0] && cp <= range[1]) return true;
  }
  return false;
}

// unicodedata.decimal(chr(cp)), or -1.
int python_decimal(uint32_t cp) {
  for (uint32_t zero : kPythonDecimalZeros) {
    if (cp >= zero && cp < zero + 10) return static_cast<int>(cp - zero);
  }
  return -1;
}

}  // namespace

std::string python_int_ascii(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const uint32_t cp = text::next_code_point(text, i);
    if (is_python_space(cp)) {
      out.push_back(' ');
    } else if (const int digit = python_decimal(cp); digit >= 0) {
      out.push_back(static_cast<char>('0' + digit));
    } else {
      out.push_back(cp < 0x80 ? static_cast<char>(cp) : '?');
    }
  }
  return out;
}

namespace {

// The C locale's isspace, which PyLong_FromString skips around the number.
bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// PyLong_FromString(text, base 10) of CPython 3.11.
bool parse_python_int(std::string_view s, IntValue& out) {
  size_t i = 0;
  while (i < s.size() && is_ascii_space(s[i])) ++i;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string digits;
  bool previous_underscore = true;  // a leading '_' is as wrong as a doubled one
  for (; i < s.size(); ++i) {
    if (s[i] == '_') {
      if (previous_underscore) return false;
      previous_underscore = true;
    } else if (is_digit(s[i])) {
      digits.push_back(s[i]);
      previous_underscore = false;
    } else {
      break;
    }
  }
  if (digits.empty() || previous_underscore) return false;
  while (i < s.size() && is_ascii_space(s[i])) ++i;
  if (i != s.size()) return false;
  const size_t first = std::min(digits.find_first_not_of('0'), digits.size() - 1);
  std::string_view significant = std::string_view(digits).substr(first);
  std::string normalized = negative && significant != "0" ? "-" : "";
  normalized += significant;
  return parse_strict_int(normalized, out) == StrictInt::kOk;
}

}  // namespace

IntReading v1_int_from_string(std::string_view text) {
  constexpr size_t kMaxStrInt = 4300;  // pydantic.validators.max_str_int
  if (text::code_point_count(text) > kMaxStrInt) return failure(ErrorKind::kIntParsing);
  bool ascii = true;
  for (unsigned char c : text) ascii &= c < 0x80;
  IntReading result;
  result.ok = parse_python_int(ascii ? std::string(text) : python_int_ascii(text), result.value);
  if (!result.ok) result.error = ErrorKind::kIntParsing;
  return result;
}

IntReading v1_int_from_float(double value) {
  if (std::isnan(value) || std::isinf(value)) return failure(ErrorKind::kIntParsing);
  constexpr double kTwoTo63 = 9223372036854775808.0;
  IntReading result;
  result.ok = true;
  const double whole = std::trunc(value);
  if (-kTwoTo63 <= whole && whole < kTwoTo63) {
    result.value = IntValue::of(static_cast<int64_t>(whole));
  } else {
    result.value = IntValue{true, whole < 0, 0};
  }
  return result;
}

IntReading strict_int_from_float(double value) {
  if (std::isinf(value)) return IntReading{true, ErrorKind::kIntType, IntValue{true, value < 0, 0}};
  if (std::isnan(value) || std::fmod(value, 1.0) != 0.0) return failure(ErrorKind::kIntFromFloat);
  return v1_int_from_float(value);
}

IntReading v2_int_from_string(std::string_view text) {
  IntReading result;
  switch (parse_strict_int(text, result.value)) {
    case StrictInt::kOk:
      result.ok = true;
      return result;
    case StrictInt::kTooLong:
      return failure(ErrorKind::kIntParsingSize);
    case StrictInt::kInvalid:
      break;
  }
  std::string cleaned;
  if (!clean_int_string(text, cleaned)) return failure(ErrorKind::kIntParsing);
  if (parse_strict_int(cleaned, result.value) != StrictInt::kOk) return failure(ErrorKind::kIntParsing);
  result.ok = true;
  return result;
}

IntReading v2_int_from_float(double value) {
  if (std::isnan(value) || std::isinf(value)) return failure(ErrorKind::kFiniteNumber);
  if (std::fmod(value, 1.0) != 0.0) return failure(ErrorKind::kIntFromFloat);
  constexpr double kTwoTo63 = 9223372036854775808.0;
  if (-kTwoTo63 < value && value < kTwoTo63) {
    IntReading result;
    result.ok = true;
    result.value = IntValue::of(static_cast<int64_t>(value));
    return result;
  }
  return failure(ErrorKind::kIntParsingSize);
}

}  // namespace tfschema::rules
