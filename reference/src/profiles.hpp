// What the three profiles do differently, as data the interpreter consults:
// a row of switches, the fields the Pydantic models make Optional (the
// OpenAPI document cannot say so), and each problem's `type` string.
#pragma once

#include <cstdint>
#include <string_view>

#include "tfschema/profile.hpp"

namespace tfschema::reference::detail {

// What is wrong with a value, before a profile names it.
enum class Problem : uint8_t {
  kMissing,
  kNoneNotAllowed,  // v1: null where the field is not Optional
  kModelType,       // a model got something that is not an object
  kDictType,
  kListType,
  kStringType,
  kStringTooLong,
  kStringPatternMismatch,
  kIntType,
  kIntParsing,
  kIntParsingSize,
  kIntFromFloat,
  kFiniteNumber,  // NaN or an infinity (nlohmann reads neither: unreachable in judged bodies)
  kGreaterThanEqual,
  kLiteral,
  kUnhashable,             // v1: a list or object looked up as a Literal
  kKeywordsMustBeStrings,  // v1: a model built from pairs with names that are not str
  kUnionTagNotFound,
  kUnionTagInvalid,
  kDuplicateKey,     // strict
  kEnum,             // not one of a named enum's (a Python Enum class's) values
  kDateTimeParsing,  // not a `format: date-time` string
};

// How an integer field reads a value of another type.
enum class IntReading : uint8_t {
  kPydanticV2,  // pydantic-core 2.27: bools, whole floats in (-2^63, 2^63), str_as_int
  kPydanticV1,  // Python's int(): bools, floats truncated, int(str)
  kJsonSchema,  // a number with a zero fractional part, nothing else
};

// How a `pattern` is run.
enum class RegexRun : uint8_t {
  kSearch,       // Rust regex is_match (v2), ECMA-262 RegExp test (strict): `$` is the end of the text
  kPythonMatch,  // re.match (v1): anchored at the start; `$` also matches before a final "\n"
};

struct ProfilePolicy {
  tfschema::Profile profile;
  IntReading int_reading;
  RegexRun regex;
  bool honours_optional;           // Optional[...] fields accept null (the schema allows null nowhere)
  bool null_is_own_error;          // null elsewhere is none.not_allowed, checked first (v1), not one more wrong type
  bool str_from_scalars;           // str fields take str() of numbers and bools (v1)
  bool dict_from_pairs;            // models and dicts take dict() of lists of pairs and of "" (v1)
  bool union_needs_object;         // a non-object union input is model_attributes_type; v1 finds no tag in it
  bool literal_needs_hashable;     // a list or object as a Literal is Python's TypeError (v1)
  bool union_loc_is_title;         // the union member in loc: its title, the class name (v1), or its tag
  bool repeated_names_are_errors;  // a repeated member name anywhere is duplicate_key (strict)
  bool null_body_is_missing;       // FastAPI answers a null body as a missing one
  bool skips_bom;                  // Python's json.loads(bytes) skips one UTF-8 BOM; RFC 8259 has none
};

const ProfilePolicy& policy_for(tfschema::Profile profile);

// Whether `property` of the model `component` accepts null in this profile.
bool accepts_null(const ProfilePolicy& policy, std::string_view component, std::string_view property);

// The profile's `type` string for a problem.
std::string_view type_name(const ProfilePolicy& policy, Problem problem);

}  // namespace tfschema::reference::detail
