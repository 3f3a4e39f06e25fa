// How each profile reads a JSON value as an integer: the Python-level
// coercions of Pydantic v2 and v1, and JSON Schema's `integer`.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "body_reader.hpp"
#include "profiles.hpp"

namespace tfschema::reference::detail {

// An integer of any size, as far as `minimum` cares.
struct WholeNumber {
  bool huge = false;  // outside int64_t: only `negative` is meaningful
  bool negative = false;
  int64_t value = 0;

  bool at_least(int64_t bound) const { return huge ? !negative : value >= bound; }
};

struct IntResult {
  std::optional<Problem> problem;  // why the value is not an integer to the profile
  WholeNumber number;              // the integer, when there is no problem
};

// `value` is not null (null is the caller's business: Optional or not).
IntResult read_integer(const Json& value, IntReading reading);

// The pieces, for tests: pydantic-core 2.27's str_as_int and float_as_int,
// Python 3.11's int() of a str and of a float.
IntResult pydantic_v2_int_from_str(std::string_view text);
IntResult pydantic_v2_int_from_float(double value);
IntResult python_int_from_str(std::string_view text);
IntResult python_int_from_float(double value);

}  // namespace tfschema::reference::detail
