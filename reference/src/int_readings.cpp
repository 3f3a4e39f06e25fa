#include "int_readings.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "unicode.hpp"

namespace tfschema::reference::detail {

namespace {

constexpr double kTwoTo63 = 9223372036854775808.0;
constexpr size_t kMaxIntegerChars = 4300;  // CPython's int_max_str_digits, which jiter and Pydantic v1 apply too

IntResult problem(Problem p) { return {p, {}}; }
IntResult number(WholeNumber n) { return {std::nullopt, n}; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A run of ASCII digits (with a sign) as a WholeNumber.
WholeNumber from_digits(bool negative, std::string_view digits) {
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string_view::npos) return {};
  digits.remove_prefix(first);
  if (digits.size() > 19) return {true, negative, 0};
  uint64_t magnitude = 0;  // 19 digits always fit in 64 bits unsigned
  for (char c : digits) magnitude = magnitude * 10 + static_cast<uint64_t>(c - '0');
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (magnitude > limit) return {true, negative, 0};
  return {false, negative, negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude)};
}

// A whole double as a WholeNumber.
WholeNumber from_whole_double(double whole) {
  if (-kTwoTo63 <= whole && whole < kTwoTo63) return {false, whole < 0, static_cast<int64_t>(whole)};
  return {true, whole < 0, 0};
}

enum class JiterInt { kOk, kInvalid, kTooLong };

// jiter 0.7's NumberInt::try_from: the whole text must be -?(0|[1-9][0-9]*);
// a sign-and-digits run longer than 4300 characters is too long even when
// something else follows it.
JiterInt jiter_int(std::string_view s, WholeNumber& out) {
  const bool negative = !s.empty() && s[0] == '-';
  const size_t begin = negative ? 1 : 0;
  if (begin >= s.size()) return JiterInt::kInvalid;
  if (s[begin] == '0') {
    if (begin + 1 != s.size()) return JiterInt::kInvalid;
    out = {};
    return JiterInt::kOk;
  }
  if (s[begin] < '1' || s[begin] > '9') return JiterInt::kInvalid;
  size_t end = begin;
  while (end < s.size() && is_digit(s[end])) ++end;
  if (end > kMaxIntegerChars) return JiterInt::kTooLong;
  if (end != s.size()) return JiterInt::kInvalid;
  out = from_digits(negative, s.substr(begin));
  return JiterInt::kOk;
}

// Rust's str::trim.
std::string_view trim_white_space(std::string_view s) {
  size_t begin = 0;
  for (size_t at = 0; at < s.size();) {
    if (!is_white_space(next_code_point(s, at))) break;
    begin = at;
  }
  size_t end = s.size();
  while (end > begin) {
    size_t lead = end - 1;
    while (lead > begin && (static_cast<unsigned char>(s[lead]) & 0xC0) == 0x80) --lead;
    size_t at = lead;
    if (!is_white_space(next_code_point(s, at))) break;
    end = lead;
  }
  return s.substr(begin, end - begin);
}

// pydantic-core's strip_leading_zeros: one zero stays before a '.', and
// underscores among the leading zeros go with them.
std::optional<std::string_view> strip_leading_zeros(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s[0] != '0') return (s[0] >= '1' && s[0] <= '9') || s[0] == '-' ? std::optional(s) : std::nullopt;
  for (size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '0' || c == '_') continue;
    if ((c >= '1' && c <= '9') || c == '-') return s.substr(i);
    if (c == '.') return s.substr(i - 1);
    return std::nullopt;
  }
  return s.substr(s.size() - 1);
}

// pydantic-core's strip_underscores: only when underscores sit between
// other characters, one at a time.
std::optional<std::string> strip_underscores(std::string_view s) {
  if (s.empty() || s.front() == '_' || s.back() == '_' || s.find('_') == std::string_view::npos ||
      s.find("__") != std::string_view::npos) {
    return std::nullopt;
  }
  std::string out;
  for (char c : s) {
    if (c != '_') out.push_back(c);
  }
  return out;
}

// pydantic-core 2.27's clean_int_str: nullopt when the text cannot be
// cleaned or cleaning changes nothing.
std::optional<std::string> clean_int_str(std::string_view s) {
  const size_t length_before = s.size();
  s = trim_white_space(s);
  if (s.starts_with('+')) {
    if (s.substr(1).starts_with('-')) return std::nullopt;
    s.remove_prefix(1);
  }
  const bool negative = s.starts_with('-');
  if (negative) {
    if (s.substr(1).starts_with('-') || s.substr(1).starts_with('+')) return std::nullopt;
    s.remove_prefix(1);
  }
  const std::optional<std::string_view> stripped = strip_leading_zeros(s);
  if (!stripped) return std::nullopt;
  s = *stripped;
  if (const size_t dot = s.find('.'); dot != std::string_view::npos) {
    const std::string_view decimals = s.substr(dot + 1);
    if (!decimals.empty() && decimals.find_first_not_of('0') == std::string_view::npos) s = s.substr(0, dot);
  }
  const std::string sign = negative ? "-" : "";
  if (std::optional<std::string> without = strip_underscores(s)) return sign + *without;
  if (length_before == s.size()) return std::nullopt;
  return sign + std::string(s);
}

// CPython 3.11 int(str), base 10: beyond ASCII, white space becomes ' ' and
// decimal digits of any script their ASCII digit (anything else fails);
// then ASCII white space around one sign and digits with single
// underscores between them.
IntResult python_int_from_ascii(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string digits;
  bool after_digit = false;
  for (; i < s.size(); ++i) {
    if (is_digit(s[i])) {
      digits.push_back(s[i]);
      after_digit = true;
    } else if (s[i] == '_' && after_digit && i + 1 < s.size() && is_digit(s[i + 1])) {
      after_digit = false;
    } else {
      break;
    }
  }
  while (i < s.size() && is_space(s[i])) ++i;
  if (digits.empty() || i != s.size()) return problem(Problem::kIntParsing);
  return number(from_digits(negative, digits));
}

}  // namespace

IntResult pydantic_v2_int_from_str(std::string_view text) {
  WholeNumber n;
  switch (jiter_int(text, n)) {
    case JiterInt::kOk:
      return number(n);
    case JiterInt::kTooLong:
      return problem(Problem::kIntParsingSize);
    case JiterInt::kInvalid:
      break;
  }
  const std::optional<std::string> cleaned = clean_int_str(text);
  if (cleaned && jiter_int(*cleaned, n) == JiterInt::kOk) return number(n);
  return problem(Problem::kIntParsing);
}

IntResult pydantic_v2_int_from_float(double value) {
  if (std::isnan(value) || std::isinf(value)) return problem(Problem::kFiniteNumber);
  if (std::fmod(value, 1.0) != 0.0) return problem(Problem::kIntFromFloat);
  if (-kTwoTo63 < value && value < kTwoTo63) return number(from_whole_double(value));
  return problem(Problem::kIntParsingSize);
}

IntResult python_int_from_str(std::string_view text) {
  // Pydantic 1.10's int_validator refuses long strings before int() sees them.
  if (code_point_count(text) > kMaxIntegerChars) return problem(Problem::kIntParsing);
  std::string ascii;
  for (size_t at = 0; at < text.size();) {
    const uint32_t cp = next_code_point(text, at);
    if (cp < 0x80) {
      ascii.push_back(static_cast<char>(cp));
    } else if (is_white_space(cp)) {
      ascii.push_back(' ');
    } else if (const int digit = python_decimal_value(cp); digit >= 0) {
      ascii.push_back(static_cast<char>('0' + digit));
    } else {
      return problem(Problem::kIntParsing);
    }
  }
  return python_int_from_ascii(ascii);
}

IntResult python_int_from_float(double value) {
  if (std::isnan(value) || std::isinf(value)) return problem(Problem::kIntParsing);
  return number(from_whole_double(std::trunc(value)));
}

IntResult read_integer(const Json& value, IntReading reading) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() && value.get<uint64_t>() > uint64_t{std::numeric_limits<int64_t>::max()}) {
      return number({true, false, 0});
    }
    const int64_t v = value.get<int64_t>();
    return number({false, v < 0, v});
  }
  if (is_big_integer(value)) return number({true, big_integer_digits(value).starts_with('-'), 0});
  if (value.is_boolean() && reading != IntReading::kJsonSchema) {
    return number({false, false, value.get<bool>() ? 1 : 0});
  }
  if (value.is_number_float()) {
    const double v = value.get<double>();
    switch (reading) {
      case IntReading::kPydanticV2:
        return pydantic_v2_int_from_float(v);
      case IntReading::kPydanticV1:
        return python_int_from_float(v);
      case IntReading::kJsonSchema:
        // JSON Schema's integer: any number whose fractional part is zero.
        if (std::fmod(v, 1.0) != 0.0) return problem(Problem::kIntFromFloat);
        return number(from_whole_double(v));
    }
  }
  if (value.is_string() && reading != IntReading::kJsonSchema) {
    const std::string& text = value.get_ref<const std::string&>();
    return reading == IntReading::kPydanticV2 ? pydantic_v2_int_from_str(text) : python_int_from_str(text);
  }
  // null, arrays, objects (and, for JSON Schema, strings and bools). Pydantic
  // v1 words this like every other integer failure.
  return problem(Problem::kIntType);
}

}  // namespace tfschema::reference::detail
