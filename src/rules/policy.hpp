// What differs between profiles, as data the shared rules and the rest of
// the library consult. A profile is one row of these switches (policy.cpp)
// plus, if it words errors in a new way, that wording (render/); never a
// copy of the rules.
#pragma once

#include <cstdint>
#include <string_view>

#include "json/py_parser.hpp"
#include "json/python_values.hpp"
#include "rules/patterns.hpp"
#include "tfschema/profile.hpp"

namespace tfschema::rules {

// How an `int` field reads a value of another type.
enum class IntCoercion : uint8_t {
  kPydanticV2,  // str_as_int, whole floats, bools (pydantic-core 2.27)
  kPydanticV1,  // Python's int(): any str int() takes, floats truncated, bools
  kNone,        // JSON Schema: a number with a zero fractional part only
};

// What an explicit null is where the field does not allow one.
enum class NullHandling : uint8_t {
  kWrongType,       // one more wrong type: string_type, int_type, ... (v2, strict)
  kNoneNotAllowed,  // its own error, checked first: type_error.none.not_allowed (v1)
};

// How a profile words its errors: each kind's `type` and message, which
// members an error has and in which order (render/).
enum class Wording : uint8_t {
  kPydanticV2,  // pydantic-core 2.27 under FastAPI 0.115
  kPydanticV1,  // Pydantic 1.10 under FastAPI 0.92: no `input`, class names, its own types
};

struct Policy {
  Profile profile;
  // profile_name(): "pydantic-v2", the CLI's --profile value.
  std::string_view name;
  Wording wording;
  // A real server stands behind the profile: its answers are the goldens
  // (tests/golden/), and a body nested deeper than its parser goes gets the
  // server's 400. Without one (strict), that depth is tfschema's own limit
  // and answers 413.
  bool has_server;
  // Validates the response schemas too (Schema::kResponse, Schema::kError).
  bool validates_responses;
  json::Dialect dialect;
  // The Python whose repr() and str() the messages quote input with (strict
  // borrows v2's wording, so v2's Python).
  json::PythonVersion python;
  RegexSemantics regex;
  IntCoercion int_coercion;
  NullHandling null_handling;
  // Optional[...] fields of the Pydantic models accept null; the schema
  // itself allows null nowhere (strict reads only the schema).
  bool honours_optional;
  // v1's str_validator: str(5) == "5", str(True) == "True", str(1.5) == "1.5".
  bool coerces_scalars_to_str;
  // v1's dict(value) for models and Dict fields: [] and "" become {}, lists
  // of pairs become dicts.
  bool coerces_pairs_to_dict;
  // v2 checks that `source` is an object before looking for its tag
  // (model_attributes_type); v1 subscripts it and reports the tag missing.
  bool union_needs_object;
  // Pydantic 1.10.4 looks a Literal's input up in a dict, so a list or an
  // object fails with Python's TypeError ("unhashable type: 'list'").
  bool literal_needs_hashable;
  // A repeated member name anywhere is an error (strict) rather than
  // Python's silent last-wins merge.
  bool reports_duplicate_keys;
  // FastAPI answers a JSON null body as a missing body; JSON Schema sees a
  // null that is not an object.
  bool null_body_is_missing;
  // FastAPI's jsonable_encoder drops dict keys starting with "_sa" from echoes.
  bool echo_drops_sa_keys;
  // The server's own nesting limit: deeper bodies make it answer 400.
  uint32_t server_max_depth;
  // jsonable_encoder's Python recursion limit: echoing a value more levels
  // deep than this (a scalar or an empty container is one level) makes the
  // server answer 500.
  uint32_t server_max_echo_depth;
  // A lone surrogate in a constrained string is an error of its own (v2's
  // string_unicode), checked before length and pattern.
  bool rejects_lone_surrogates_in_constrained_strings;
  // The loc element naming the chosen union member: its tag ("local", v2)
  // or its class name ("LocalArtifactSource", v1).
  bool union_loc_is_class_name;
};

const Policy& policy_for(Profile profile);

}  // namespace tfschema::rules
