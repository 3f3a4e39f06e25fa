#include "yaml/python_scalars.hpp"

#include <cmath>
#include <cstdlib>
#include <vector>

#include "rules/lax_int.hpp"

namespace tfschema::yaml {
namespace {

// A non-negative integer in base 10^9 limbs, least significant first: just
// what base conversion and sexagesimal arithmetic need.
class Magnitude {
 public:
  static constexpr uint32_t kBase = 1000000000;

  bool zero() const { return limbs_.empty(); }
  void mul_add(uint32_t factor, uint32_t addend) {
    uint64_t carry = addend;
    for (uint32_t& limb : limbs_) {
      const uint64_t v = uint64_t{limb} * factor + carry;
      limb = static_cast<uint32_t>(v % kBase);
      carry = v / kBase;
    }
    while (carry != 0) {
      limbs_.push_back(static_cast<uint32_t>(carry % kBase));
      carry /= kBase;
    }
  }
  int compare(const Magnitude& other) const {
    if (limbs_.size() != other.limbs_.size()) return limbs_.size() < other.limbs_.size() ? -1 : 1;
    for (size_t i = limbs_.size(); i-- > 0;) {
      if (limbs_[i] != other.limbs_[i]) return limbs_[i] < other.limbs_[i] ? -1 : 1;
    }
    return 0;
  }
  void add(const Magnitude& other) {
    if (limbs_.size() < other.limbs_.size()) limbs_.resize(other.limbs_.size(), 0);
    uint32_t carry = 0;
    for (size_t i = 0; i < limbs_.size(); ++i) {
      uint64_t v = uint64_t{limbs_[i]} + carry + (i < other.limbs_.size() ? other.limbs_[i] : 0);
      carry = v >= kBase;
      limbs_[i] = static_cast<uint32_t>(carry ? v - kBase : v);
    }
    if (carry) limbs_.push_back(1);
  }
  // *this -= other, where other <= *this.
  void subtract(const Magnitude& other) {
    int64_t borrow = 0;
    for (size_t i = 0; i < limbs_.size(); ++i) {
      int64_t v = int64_t{limbs_[i]} - borrow - (i < other.limbs_.size() ? int64_t{other.limbs_[i]} : 0);
      borrow = v < 0;
      limbs_[i] = static_cast<uint32_t>(borrow ? v + kBase : v);
    }
    trim();
  }
  size_t decimal_digits() const {
    if (limbs_.empty()) return 1;
    size_t digits = (limbs_.size() - 1) * 9;
    for (uint32_t top = limbs_.back(); top != 0; top /= 10) ++digits;
    return digits;
  }
  std::string decimal() const {
    if (limbs_.empty()) return "0";
    std::string out = std::to_string(limbs_.back());
    for (size_t i = limbs_.size() - 1; i-- > 0;) {
      const std::string part = std::to_string(limbs_[i]);
      out.append(9 - part.size(), '0');
      out += part;
    }
    return out;
  }

 private:
  void trim() {
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  }
  std::vector<uint32_t> limbs_;
};

struct SignedInt {
  bool negative = false;
  Magnitude magnitude;

  void add(const SignedInt& other) {
    if (negative == other.negative) {
      magnitude.add(other.magnitude);
      return;
    }
    if (magnitude.compare(other.magnitude) >= 0) {
      magnitude.subtract(other.magnitude);
    } else {
      Magnitude result = other.magnitude;
      result.subtract(magnitude);
      magnitude = result;
      negative = other.negative;
    }
    if (magnitude.zero()) negative = false;
  }
  std::string decimal() const { return (negative && !magnitude.zero() ? "-" : "") + magnitude.decimal(); }
};

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Bits a number written with `digits` significant digits in `base` (a power
// of two) needs at most; 4300 decimal digits take 14,285 bits.
constexpr uint64_t kBitsOf4300Digits = 14285;

// CPython 3.11's int(text, base) for base 2, 8, 10, 16 (underscores were
// removed by the caller). `too_long` is set, and the digits not computed,
// when the value certainly has more than 4,300 decimal digits (only for the
// power-of-two bases, which int() does not limit).
enum class IntParse { kOk, kInvalid, kTooManyDigits };
IntParse python_int(std::string_view text, int base, SignedInt& out, bool& too_long) {
  std::string ascii = rules::python_int_ascii(text);
  std::string_view s = ascii;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  out = SignedInt{};
  too_long = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    out.negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.size() >= 2 && s[0] == '0') {
    const char p = static_cast<char>(s[1] | 0x20);
    if ((base == 16 && p == 'x') || (base == 8 && p == 'o') || (base == 2 && p == 'b')) s.remove_prefix(2);
  }
  if (s.empty()) return IntParse::kInvalid;
  for (char c : s) {
    if (digit_value(c) >= base) return IntParse::kInvalid;
  }
  if (base == 10 && s.size() > kMaxStrDigits) return IntParse::kTooManyDigits;
  if (base != 10) {
    const size_t first = s.find_first_not_of('0');
    const int bits_per_digit = base == 16 ? 4 : base == 8 ? 3 : 1;
    if (first != std::string_view::npos && (s.size() - first) * uint64_t(bits_per_digit) > kBitsOf4300Digits + 4) {
      too_long = true;
      return IntParse::kOk;
    }
  }
  for (char c : s) out.magnitude.mul_add(static_cast<uint32_t>(base), static_cast<uint32_t>(digit_value(c)));
  if (out.magnitude.zero()) out.negative = false;
  return IntParse::kOk;
}

std::string without_underscores(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c != '_') out.push_back(c);
  }
  return out;
}

bool finish_int(const SignedInt& value, bool too_long, bool negate, PyInt& out) {
  out.too_long = too_long || value.magnitude.decimal_digits() > kMaxStrDigits;
  if (out.too_long) return true;
  SignedInt signed_value = value;
  if (negate && !signed_value.magnitude.zero()) signed_value.negative = !signed_value.negative;
  out.decimal = signed_value.decimal();
  return true;
}

const char* kInvalidLiteral = "invalid literal for int()";

// CPython's float(text): Unicode digits and whitespace, inf/infinity/nan in
// any case, a decimal literal with an optional exponent.
bool python_float(std::string_view text, double& out) {
  std::string ascii = rules::python_int_ascii(text);
  std::string_view s = ascii;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  std::string lower(body);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (lower == "inf" || lower == "infinity") {
    out = negative ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (lower == "nan") {
    out = negative ? -std::nan("") : std::nan("");
    return true;
  }
  size_t i = 0;
  const auto digits = [&] {
    const size_t from = i;
    while (i < lower.size() && lower[i] >= '0' && lower[i] <= '9') ++i;
    return i - from;
  };
  size_t mantissa = digits();
  if (i < lower.size() && lower[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < lower.size() && lower[i] == 'e') {
    ++i;
    if (i < lower.size() && (lower[i] == '+' || lower[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  if (i != lower.size()) return false;
  out = std::strtod(std::string(s).c_str(), nullptr);
  return true;
}

// float(60 ** k), correctly rounded as int.__float__ does; false when it
// overflows (OverflowError: int too large to convert to float).
bool power_of_60(size_t k, double& out) {
  // 60^k = 2^(2k) * 15^k; 15^k as decimal digits, rounded once by strtod.
  Magnitude fifteen_to_k;
  fifteen_to_k.mul_add(1, 1);
  for (size_t j = 0; j < k; ++j) fifteen_to_k.mul_add(15, 0);
  out = std::ldexp(std::strtod(fifteen_to_k.decimal().c_str(), nullptr), static_cast<int>(2 * k));
  return std::isfinite(out);
}

}  // namespace

bool construct_int(std::string_view raw, PyInt& out, std::string& why) {
  std::string value = without_underscores(raw);
  if (value.empty()) {
    why = "string index out of range";
    return false;
  }
  const bool negate = value[0] == '-';
  if (value[0] == '+' || value[0] == '-') value.erase(0, 1);
  SignedInt parsed;
  bool too_long = false;
  IntParse outcome;
  if (value == "0") {
    out = PyInt{false, "0"};
    return true;
  }
  if (value.rfind("0b", 0) == 0) {
    outcome = python_int(std::string_view(value).substr(2), 2, parsed, too_long);
  } else if (value.rfind("0x", 0) == 0) {
    outcome = python_int(std::string_view(value).substr(2), 16, parsed, too_long);
  } else if (value.empty()) {
    why = "string index out of range";
    return false;
  } else if (value[0] == '0') {
    outcome = python_int(value, 8, parsed, too_long);
  } else if (value.find(':') != std::string::npos) {
    // digits = [int(part) for part in value.split(':')], then the sum of
    // digit * 60**k: Horner's rule gives the same integer.
    SignedInt total;
    std::string_view rest = value;
    bool more = true;
    while (more) {
      const size_t colon = rest.find(':');
      more = colon != std::string_view::npos;
      const std::string_view part = rest.substr(0, colon);
      rest = more ? rest.substr(colon + 1) : std::string_view();
      SignedInt digit;
      bool unused = false;
      const IntParse part_outcome = python_int(part, 10, digit, unused);
      if (part_outcome != IntParse::kOk) {
        why = part_outcome == IntParse::kTooManyDigits ? "Exceeds the limit (4300 digits) for integer string conversion"
                                                       : kInvalidLiteral;
        return false;
      }
      if (too_long) continue;  // every part must still parse
      total.magnitude.mul_add(60, 0);
      total.add(digit);
      // |total| past 10^4302 cannot come back under 10^4300: each later
      // step multiplies by 60 and adds a part of at most 4,300 digits.
      too_long = total.magnitude.decimal_digits() > kMaxStrDigits + 2;
    }
    return finish_int(total, too_long, negate, out);
  } else {
    outcome = python_int(value, 10, parsed, too_long);
  }
  if (outcome != IntParse::kOk) {
    why = outcome == IntParse::kTooManyDigits ? "Exceeds the limit (4300 digits) for integer string conversion"
                                              : kInvalidLiteral;
    return false;
  }
  return finish_int(parsed, too_long, negate, out);
}

bool construct_float(std::string_view raw, double& out, bool& shared_nan, std::string& why) {
  shared_nan = false;
  std::string value = without_underscores(raw);
  for (char& c : value) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (value.empty()) {
    why = "string index out of range";
    return false;
  }
  const double sign = value[0] == '-' ? -1.0 : 1.0;
  if (value[0] == '+' || value[0] == '-') value.erase(0, 1);
  if (value == ".inf") {
    out = sign * HUGE_VAL;
    return true;
  }
  if (value == ".nan") {
    out = std::nan("");
    shared_nan = true;
    return true;
  }
  if (value.find(':') != std::string::npos) {
    std::vector<double> digits;
    std::string_view rest = value;
    for (bool more = true; more;) {
      const size_t colon = rest.find(':');
      more = colon != std::string_view::npos;
      double digit = 0;
      if (!python_float(rest.substr(0, colon), digit)) {
        why = "could not convert string to float";
        return false;
      }
      digits.push_back(digit);
      rest = more ? rest.substr(colon + 1) : std::string_view();
    }
    double total = 0.0;
    for (size_t k = 0; k < digits.size(); ++k) {
      double base = 0;
      if (!power_of_60(k, base)) {
        why = "int too large to convert to float";
        return false;
      }
      total += digits[digits.size() - 1 - k] * base;
    }
    out = sign * total;
    return true;
  }
  double parsed = 0;
  if (!python_float(value, parsed)) {
    why = "could not convert string to float";
    return false;
  }
  out = sign * parsed;
  return true;
}

bool construct_bool(std::string_view value, bool& out) {
  std::string lower(value);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (lower == "yes" || lower == "true" || lower == "on") {
    out = true;
    return true;
  }
  if (lower == "no" || lower == "false" || lower == "off") {
    out = false;
    return true;
  }
  return false;
}

bool base64_decodes(std::string_view value, std::string& why) {
  // binascii.a2b_base64 in its default (non-strict) mode: characters outside
  // the alphabet are skipped; enough '=' after 2 or 3 data characters ends
  // the input; otherwise the data characters must come in fours.
  int quad = 0;
  int pads = 0;
  size_t data = 0;
  for (unsigned char c : value) {
    if (c >= 0x80) {
      why = "failed to convert base64 data into ascii";
      return false;
    }
  }
  for (unsigned char c : value) {
    if (c == '=') {
      if (quad >= 2 && quad + ++pads >= 4) return true;
      continue;
    }
    const bool alphabet =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (!alphabet) continue;
    ++data;
    quad = (quad + 1) % 4;
  }
  if (quad == 0) return true;
  why = quad == 1 ? "failed to decode base64 data: Invalid base64-encoded string: number of data characters (" +
                        std::to_string(data) + ") cannot be 1 more than a multiple of 4"
                  : "failed to decode base64 data: Incorrect padding";
  return false;
}

std::string whole_double_decimal(double value) {
  int exponent = 0;
  const double mantissa = std::frexp(std::fabs(value), &exponent);  // value = mantissa * 2^exponent
  if (mantissa == 0) return "0";
  // As an integer: m * 2^(exponent - 53) with m < 2^53.
  uint64_t m = static_cast<uint64_t>(std::ldexp(mantissa, 53));
  int shift = exponent - 53;
  while (shift < 0 && (m & 1) == 0) {
    m >>= 1;
    ++shift;
  }
  Magnitude magnitude;
  for (char digit : std::to_string(m)) magnitude.mul_add(10, static_cast<uint32_t>(digit - '0'));
  for (int i = 0; i < shift; ++i) magnitude.mul_add(2, 0);
  return (value < 0 ? "-" : "") + magnitude.decimal();
}

}  // namespace tfschema::yaml
