#include "text/py_float.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

namespace tfschema::text {
namespace {

// The shortest round-trip decimal form of a finite double, split into its
// significant digits and the decimal exponent of the first digit:
// value = 0.d1d2d3... * 10^(exponent + 1), with d1 != 0 unless the value is 0.
struct ShortestDecimal {
  bool negative = false;
  char digits[20] = {};  // at most 17 significant digits
  int digit_count = 0;
  int exponent = 0;
};

int parse_exponent(std::string_view text) {
  int sign = 1;
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    sign = text[i] == '-' ? -1 : 1;
    ++i;
  }
  int value = 0;
  for (; i < text.size(); ++i) value = value * 10 + (text[i] - '0');
  return sign * value;
}

// std::to_chars without a precision yields the shortest representation that
// round-trips, which is also what Python's repr chooses (both pick the
// candidate nearest to the exact binary value). Its scientific form is easy to
// take apart, so we let it do the hard part and only reformat.
ShortestDecimal shortest_decimal(double x) {
  char buffer[64];
  const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));

  ShortestDecimal decimal;
  size_t i = 0;
  if (text[i] == '-') {
    decimal.negative = true;
    ++i;
  }
  for (; i < text.size() && text[i] != 'e'; ++i) {
    if (text[i] != '.') decimal.digits[decimal.digit_count++] = text[i];
  }
  decimal.exponent = parse_exponent(text.substr(i + 1));
  return decimal;
}

void append_zeros(int count, std::string& out) {
  if (count > 0) out.append(static_cast<size_t>(count), '0');
}

// Fixed notation always shows a fractional part: Python appends ".0" to
// integral values so that the text still reads back as a float.
void append_fixed(const ShortestDecimal& d, std::string& out) {
  const std::string_view digits(d.digits, static_cast<size_t>(d.digit_count));
  const int point = d.exponent + 1;  // digits before the decimal point
  if (point <= 0) {
    out += "0.";
    append_zeros(-point, out);
    out += digits;
  } else if (point < d.digit_count) {
    out += digits.substr(0, static_cast<size_t>(point));
    out += '.';
    out += digits.substr(static_cast<size_t>(point));
  } else {
    out += digits;
    append_zeros(point - d.digit_count, out);
    out += ".0";
  }
}

// Scientific notation: "d[.ddd]e<sign><at least two exponent digits>".
void append_scientific(const ShortestDecimal& d, std::string& out) {
  out += d.digits[0];
  if (d.digit_count > 1) {
    out += '.';
    out.append(d.digits + 1, static_cast<size_t>(d.digit_count - 1));
  }
  out += 'e';
  out += d.exponent < 0 ? '-' : '+';
  const int magnitude = d.exponent < 0 ? -d.exponent : d.exponent;
  if (magnitude < 10) out += '0';
  char buffer[8];
  const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, magnitude);
  out.append(buffer, result.ptr);
}

// CPython's float_repr_style "short" switches to scientific notation outside
// this window of decimal exponents.
constexpr int kMinFixedExponent = -4;
constexpr int kMaxFixedExponent = 15;

}  // namespace

void append_python_float_repr(double x, std::string& out) {
  if (std::isnan(x)) {
    out += "nan";  // CPython drops the sign of a NaN
    return;
  }
  if (std::isinf(x)) {
    out += x < 0 ? "-inf" : "inf";
    return;
  }
  const ShortestDecimal decimal = shortest_decimal(x);
  if (decimal.negative) out += '-';
  if (decimal.exponent >= kMinFixedExponent && decimal.exponent <= kMaxFixedExponent) {
    append_fixed(decimal, out);
  } else {
    append_scientific(decimal, out);
  }
}

}  // namespace tfschema::text
