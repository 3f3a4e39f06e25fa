// The scalar constructors of PyYAML 6's SafeConstructor
// (construct_yaml_int/float/bool/binary), with the CPython 3.11 semantics
// they lean on: int(text, base) and float(text) (Unicode digits and
// whitespace, the 4,300-digit limit on decimal strings), Python's
// arbitrary-size integers and their float conversion.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tfschema::yaml {

// CPython's limit on int <-> decimal str conversions (sys.get_int_max_str_digits()).
inline constexpr size_t kMaxStrDigits = 4300;

// A Python int as json.dumps would print it.
struct PyInt {
  // Over 4,300 decimal digits: int.__repr__, hence json.dumps, raises ValueError.
  bool too_long = false;
  std::string decimal;  // "-123", "0"; empty when too_long
};

// construct_yaml_int(value); false when it raises (ValueError, IndexError),
// with `why` set.
bool construct_int(std::string_view value, PyInt& out, std::string& why);

// construct_yaml_float(value); false when it raises (ValueError,
// OverflowError, IndexError), with `why` set. `shared_nan` tells that the
// value is SafeConstructor.nan_value, the one float object every `.nan`
// returns (so two `.nan` keys are one dict key; float('nan') makes new ones).
bool construct_float(std::string_view value, double& out, bool& shared_nan, std::string& why);

// construct_yaml_bool(value): bool_values[value.lower()]; false on KeyError.
bool construct_bool(std::string_view value, bool& out);

// base64.decodebytes(value.encode('ascii')) succeeds.
bool base64_decodes(std::string_view value, std::string& why);

// The decimal digits of the integer value of a finite, whole double
// ("-0.0" -> "0"), for comparing dict keys as Python does (1 == 1.0 == True).
std::string whole_double_decimal(double value);

}  // namespace tfschema::yaml
