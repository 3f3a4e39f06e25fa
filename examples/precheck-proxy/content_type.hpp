// Whether FastAPI parses a request body as JSON, judged from its headers.
#pragma once

#include <string_view>

namespace precheck {

// FastAPI 0.92 and 0.115 call json.loads on the body when the request has no
// (or an empty) Content-Type, or when the type is application/json or
// application/*+json after Python's email.message parsing. Only then does a
// tfschema answer equal the server's (for another type the server validates
// the raw bytes). This answers true for a conservative subset of those: the
// ASCII spellings; anything unusual (non-ASCII, control characters, odd
// whitespace) is "not sure", so the proxy forwards it and the server decides.
bool server_parses_as_json(std::string_view content_type) noexcept;

}  // namespace precheck
