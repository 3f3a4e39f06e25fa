// The exact path on its own, so that tests and fuzzers can hold the fast
// paths to it.
#pragma once

#include <simdjson.h>

#include "tfschema/validator.hpp"

namespace tfschema::detail {

// validator.validate(body) without the stream walker: the body is parsed
// the way the server's JSON parser reads it and the rules walk that tree.
Result validate_on_tree(Validator& validator, simdjson::padded_string_view body);

}  // namespace tfschema::detail
