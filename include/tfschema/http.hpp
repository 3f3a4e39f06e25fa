// What a server in front of (or inside) the FastAPI app needs to know about
// the HTTP request before handing its body to a Validator.
#pragma once

#include <string_view>

#include "tfschema/export.h"

namespace tfschema {

// Whether FastAPI parses the request body as JSON, judged from the value of
// its Content-Type header ("" when the header is absent). FastAPI 0.92 and
// 0.115 call json.loads on the body when the header is missing or empty, or
// when the type is application/json or application/*+json after Python's
// email.message parsing; only then is a Validator's answer the server's (for
// another type the server validates the raw bytes as a string). This answers
// true for a conservative subset of those: the ASCII spellings. Anything
// unusual (bytes above 0x7F, control characters, odd whitespace) answers
// false, "not sure": a pre-check then lets the server decide. Never true
// where FastAPI would not parse JSON (fuzz/fuzz_content_type.cpp checks it
// against a model of FastAPI's reading).
TFSCHEMA_API bool server_parses_as_json(std::string_view content_type) noexcept;

}  // namespace tfschema
