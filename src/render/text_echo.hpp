// Echoes values straight from a body's JSON text, without a parsed tree: what
// the server echoes is json.dumps(ensure_ascii=False, separators=(",", ":"))
// of what json.loads made of the text, and for the bodies the stream walker
// reads whole (walk/stream_walker.hpp) that is a plain rewrite of the text:
// whitespace dropped, escapes that Python writes differently rewritten,
// numbers in Python's spelling.
//
// Precondition: `json` holds RFC 8259 JSON that simdjson validated (valid
// UTF-8, no lone surrogate escape, no NaN) with no repeated member name and
// every integer within 64 bits. Text that breaks it gives some output but
// never a read outside `json`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "json/document.hpp"

namespace tfschema::render {

class Writer;

// Appends the value starting at byte `offset` of `json` (whitespace may
// precede it) as the server echoes it; leaves out object members whose name
// starts with "_sa" when `drop_sa_keys` (FastAPI's jsonable_encoder).
void append_text_echo(std::string_view json, size_t offset, bool drop_sa_keys, std::string& out);
void append_text_echo(std::string_view json, size_t offset, bool drop_sa_keys, Writer& out);

// The string value whose opening quote is at `offset`, unescaped (UTF-8).
void append_unescaped_string(std::string_view json, size_t offset, std::string& out);

// The kind of the value at `offset`, from its first byte (kInt or kFloat
// for a number: a fraction or an exponent makes it a float, as in Python).
json::Kind text_value_kind(std::string_view json, size_t offset);

}  // namespace tfschema::render
