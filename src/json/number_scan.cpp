#include "json/number_scan.hpp"

#include <charconv>
#include <limits>
#include <system_error>

namespace tfschema::json {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t skip_digits(std::string_view text, size_t pos) {
  while (pos < text.size() && is_digit(text[pos])) ++pos;
  return pos;
}

// Decimal exponent of the first significant digit of a finite, nonzero
// float literal (1.5e3 -> 3, 0.02 -> -2), saturated far beyond the double
// range. Only its sign matters: it tells overflow from underflow.
int64_t leading_exponent(std::string_view literal) {
  size_t i = literal[0] == '-' ? 1 : 0;
  const size_t int_begin = i;
  i = skip_digits(literal, i);
  const size_t int_end = i;
  int64_t exponent = 0;
  bool found = false;
  for (size_t k = int_begin; k < int_end; ++k) {
    if (literal[k] != '0') {
      exponent = static_cast<int64_t>(int_end - k) - 1;
      found = true;
      break;
    }
  }
  if (i < literal.size() && literal[i] == '.') {
    const size_t frac_begin = ++i;
    i = skip_digits(literal, i);
    for (size_t k = frac_begin; !found && k < i; ++k) {
      if (literal[k] != '0') {
        exponent = -static_cast<int64_t>(k - frac_begin) - 1;
        found = true;
      }
    }
  }
  if (i < literal.size() && (literal[i] == 'e' || literal[i] == 'E')) {
    ++i;
    bool negative = false;
    if (literal[i] == '+' || literal[i] == '-') negative = literal[i++] == '-';
    int64_t explicit_exponent = 0;
    constexpr int64_t kSaturation = int64_t{1} << 40;
    for (; i < literal.size(); ++i) {
      if (explicit_exponent < kSaturation) explicit_exponent = explicit_exponent * 10 + (literal[i] - '0');
    }
    exponent += negative ? -explicit_exponent : explicit_exponent;
  }
  return exponent;
}

}  // namespace

bool scan_number(std::string_view text, size_t pos, NumberToken* token) {
  const size_t n = text.size();
  size_t i = pos;
  if (i < n && text[i] == '-') ++i;
  if (i >= n) return false;
  const size_t int_begin = i;
  if (text[i] >= '1' && text[i] <= '9') {
    i = skip_digits(text, i + 1);
  } else if (text[i] == '0') {
    ++i;
  } else {
    return false;
  }
  token->int_digits = i - int_begin;
  token->is_float = false;
  // A fraction needs a digit right after the '.'.
  if (i + 1 < n && text[i] == '.' && is_digit(text[i + 1])) {
    token->is_float = true;
    i = skip_digits(text, i + 2);
  }
  // An exponent needs at least one digit; otherwise the 'e' is left for the
  // caller (who will report "Extra data" or a missing delimiter there).
  if (i + 1 < n && (text[i] == 'e' || text[i] == 'E')) {
    size_t k = i + 1;
    if (text[k] == '+' || text[k] == '-') ++k;
    const size_t digits_end = skip_digits(text, k);
    if (digits_end > k) {
      token->is_float = true;
      i = digits_end;
    }
  }
  token->end = i;
  return true;
}

double parse_float_literal(std::string_view literal) {
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
  (void)ptr;
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves the value alone when the exact result is beyond the
    // finite doubles or rounds to zero; Python's float() gives inf or 0.
    const bool negative = literal[0] == '-';
    const double magnitude = leading_exponent(literal) > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    value = negative ? -magnitude : magnitude;
  }
  return value;
}

bool parse_int64_literal(std::string_view literal, int64_t* value) {
  const auto [ptr, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), *value);
  return ec == std::errc() && ptr == literal.data() + literal.size();
}

}  // namespace tfschema::json
