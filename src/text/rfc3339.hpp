// RFC 3339 `date-time` (section 5.6), read exactly as ajv-formats 3.0.1's
// "date-time" format in full mode, which the strict profile must agree with.
// Where that reading is looser than the RFC's grammar, it is followed (see
// docs/response-schemas.md): a JS whitespace character as the separator,
// offsets "+hh" and "+hhmm", and its leap-second arithmetic.
#pragma once

#include <string_view>

namespace tfschema::text {

// True when `s` (UTF-8) is a date-time ajv-formats accepts. No locale, no
// allocation.
bool is_rfc3339_date_time(std::string_view s) noexcept;

}  // namespace tfschema::text
