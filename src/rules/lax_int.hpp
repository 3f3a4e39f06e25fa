// Integer coercions of the pydantic profiles: what Pydantic accepts as an
// `int` when it is handed a Python str or float.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tfschema/error.hpp"

namespace tfschema::rules {

// An integer of any size, as far as the schema's bounds care: its sign and,
// when it fits, its value.
struct IntValue {
  bool big = false;  // outside int64_t; only `negative` is meaningful
  bool negative = false;
  int64_t small = 0;

  static IntValue of(int64_t v) { return {false, v < 0, v}; }
  bool at_least(int64_t bound) const { return big ? !negative : small >= bound; }
};

// Outcome of a coercion: ok, or the error Pydantic reports.
struct IntReading {
  bool ok = false;
  ErrorKind error = ErrorKind::kIntParsing;
  IntValue value;
};

// pydantic-core 2.27 str_as_int (jiter's strict integer grammar first, then
// the cleaned form: trimmed, one '+', leading zeros, ".000" and single
// underscores removed).
IntReading v2_int_from_string(std::string_view text);

// pydantic-core 2.27 float_as_int.
IntReading v2_int_from_float(double value);

}  // namespace tfschema::rules

namespace tfschema::rules {

// Pydantic 1.10's int_validator on a str: at most 4300 characters, then
// CPython 3.11's int(text): Unicode whitespace and decimal digits of any
// script, one sign, single underscores between digits.
IntReading v1_int_from_string(std::string_view text);

// int(float): truncation; NaN and the infinities fail.
IntReading v1_int_from_float(double value);

// CPython turns a non-ASCII str into ASCII before parsing it as an int or a
// float: whitespace becomes ' ', decimal digits their ASCII digit, any other
// non-ASCII character '?' (which then fails). The YAML reader's int() and
// float() use it too.
std::string python_int_ascii(std::string_view text);

// JSON Schema's integer: a number with a zero fractional part, of any size.
// A literal too large for a double (1e400) is a whole number too, as it is
// for ajv, which reads it as Infinity.
IntReading strict_int_from_float(double value);

}  // namespace tfschema::rules
