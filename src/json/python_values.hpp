// Python's str() and repr() of the values json.loads builds, which the
// servers print inside messages and contexts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "json/document.hpp"

namespace tfschema::json {

// The server's Python. Its Unicode database decides which characters repr()
// escapes (those str.isprintable() rejects; the unassigned ones change with
// every Unicode version).
enum class PythonVersion : uint8_t {
  k3_11,  // the pydantic-v1 server (Unicode 14.0)
  k3_13,  // the pydantic-v2 server (Unicode 15.1)
};

// Python's str.isprintable() of one code point (surrogates included: never).
bool python_is_printable(uint32_t code_point, PythonVersion python);

// Python's repr() of a str given as WTF-8: 'text', quoted and escaped as
// CPython's unicode_repr does (\t \n \r \\ \' and \xNN \uNNNN \UNNNNNNNN for
// every non-printable character).
void append_python_str_repr(std::string_view text, PythonVersion python, std::string& out);

// Python's repr(): 'text' with Python's quoting, None, True, 1.5, [1, 'a'],
// {'k': 1} (what Pydantic v1 puts in a message).
void append_python_repr(const Document& doc, uint32_t node, PythonVersion python, std::string& out);

// Python's str(): the text itself for a string, repr() otherwise (what
// Pydantic v2 puts in a union error's `tag`).
void append_python_str(const Document& doc, uint32_t node, PythonVersion python, std::string& out);

// str() of a number, bool or null: "5", "1.5", "1e+16", "True", "None"
// (what Pydantic v1's str_validator makes of them).
void append_python_scalar_str(const Document& doc, uint32_t node, std::string& out);

}  // namespace tfschema::json
