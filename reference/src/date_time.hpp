// `format: date-time` as the strict profile's yardstick, ajv-formats 3.0.1
// (full mode), reads it: written again from its source, independently of
// src/text/rfc3339.cpp, with RE2 for the grammar and plain arithmetic after.
#pragma once

#include <string_view>

namespace tfschema::reference::detail {

bool is_date_time(std::string_view text);

}  // namespace tfschema::reference::detail
