// Python's str() and repr() of the values json.loads builds, which the
// servers print inside messages and contexts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "json/document.hpp"

namespace tfschema::json {

// Python's repr() of a str (WTF-8): 'text', or "text" when it holds a single
// quote and no double quote, with Python's backslash escapes.
void append_python_str_repr(std::string_view s, std::string& out);

// Python's repr(): 'text' with Python's quoting, None, True, 1.5, [1, 'a'],
// {'k': 1} (what Pydantic v1 puts in a message).
void append_python_repr(const Document& doc, uint32_t node, std::string& out);

// Python's str(): the text itself for a string, repr() otherwise (what
// Pydantic v2 puts in a union error's `tag`).
void append_python_str(const Document& doc, uint32_t node, std::string& out);

// str() of a number, bool or null: "5", "1.5", "1e+16", "True", "None"
// (what Pydantic v1's str_validator makes of them).
void append_python_scalar_str(const Document& doc, uint32_t node, std::string& out);

}  // namespace tfschema::json
