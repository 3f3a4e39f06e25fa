// The few Unicode facts the coercions need. Input is valid UTF-8 (nlohmann
// checks every string it reads).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tfschema::reference::detail {

// The code point starting at text[at]; advances `at` past it.
uint32_t next_code_point(std::string_view text, size_t& at);

// Python's len() of the str.
size_t code_point_count(std::string_view text);

// Unicode's White_Space property: what Rust's str::trim removes and, beyond
// ASCII, what Python's str.isspace() is true for (Unicode 14 for both).
bool is_white_space(uint32_t cp);

// unicodedata.decimal(chr(cp)) on Python 3.11 (Unicode 14.0), or -1.
int python_decimal_value(uint32_t cp);

}  // namespace tfschema::reference::detail
