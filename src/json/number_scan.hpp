// JSON numbers as CPython's json scanner reads them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tfschema::json {

struct NumberToken {
  size_t end = 0;         // one past the last character taken
  bool is_float = false;  // has a fraction or an exponent
  size_t int_digits = 0;  // digits before any '.', 'e' or 'E' (sign excluded)
};

// Scans the longest number CPython's scanner takes at text[pos]:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?, where a '.' or an exponent
// without digits after it is simply not taken ("1." is 1 followed by '.').
// Returns false when no number starts there (Python: "Expecting value").
bool scan_number(std::string_view text, size_t pos, NumberToken* token);

// The correctly rounded double for a float literal from scan_number, like
// Python's float(): overflow gives +-inf, underflow gives +-0 or a denormal.
double parse_float_literal(std::string_view literal);

// The value of an integer literal from scan_number if it fits int64_t.
bool parse_int64_literal(std::string_view literal, int64_t* value);

}  // namespace tfschema::json
