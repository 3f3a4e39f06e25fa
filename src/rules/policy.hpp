// What differs between profiles, as data the shared rules consult. A profile
// is these few switches plus an error dialect (render/), not a copy of the
// rules.
#pragma once

#include <cstdint>

#include "json/py_parser.hpp"
#include "rules/patterns.hpp"
#include "tfschema/profile.hpp"

namespace tfschema::rules {

enum class Coercion : uint8_t {
  kPydanticV2Lax,  // str->int, whole floats->int, bool->int; no ->str coercion
  kPydanticV1Lax,  // v1's int()/str() coercions
  kNone,           // JSON Schema types, no coercion
};

struct Policy {
  Profile profile;
  json::Dialect dialect;
  RegexSemantics regex;
  Coercion coercion;
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
