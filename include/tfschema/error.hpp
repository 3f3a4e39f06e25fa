// One validation error, as data that owns everything it refers to (but its
// type string, which is static). Result::errors() builds them on demand; the
// renderers of render.hpp work without them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tfschema {

// What went wrong, independent of the profile's wording. The profile maps
// each kind to its own `type` string and message (see Error::type, Error::msg).
enum class ErrorKind : unsigned char {
  kMissing,        // a required member is absent
  kModelType,      // a model slot got something that is not an object
  kStringType,     // a string was expected
  kStringUnicode,  // a constrained string holds a lone surrogate
  kStringTooLong,  // over maxLength code points
  kStringPatternMismatch,
  kIntType,                // an integer was expected (null, array, object)
  kIntParsing,             // a string that is not an integer
  kIntParsingSize,         // an integer too large to parse
  kIntFromFloat,           // a float with a fractional part
  kFiniteNumber,           // NaN or +-Infinity where an integer was expected
  kGreaterThanEqual,       // below `minimum`
  kLiteral,                // not the one allowed constant
  kDictType,               // an object was expected (metadata)
  kListType,               // an array was expected (paths)
  kUnionTagNotFound,       // `source` has no `type`
  kUnionTagInvalid,        // `source.type` names no variant
  kJsonInvalid,            // the body is not JSON the server's parser accepts
  kBodyMissing,            // the body is empty or JSON null
  kNoneNotAllowed,         // null where the field does not allow it (pydantic-v1)
  kKeywordsMustBeStrings,  // a model built from pairs with non-string names (pydantic-v1)
  kUnhashable,             // a list or object where a Literal is looked up (pydantic-v1)
  kDuplicateKey,           // a member name repeated in one object (strict)
  kEnum,                   // not one of an enum's strings (response: subjectType)
  kDateTimeParsing,        // not an RFC 3339 date-time (response: created_at, updated_at)
};

// One element of an error's location: a member name or an array index.
struct LocItem {
  std::string key;  // when !is_index
  int64_t index = 0;
  bool is_index = false;

  friend bool operator==(const LocItem&, const LocItem&) = default;
};

struct Error {
  ErrorKind kind = ErrorKind::kMissing;
  // The profile's type string, e.g. "string_too_long". It views static
  // storage (the library's own string literals, NUL-terminated), never the
  // Result: it stays valid after the Result, the Validator and the body are
  // gone.
  std::string_view type;
  // Starts with "body", as FastAPI reports it; with "response" for the
  // response and error schemas (Options::schema), as FastAPI's
  // ResponseValidationError does.
  std::vector<LocItem> loc;
  std::string msg;  // the profile's message, e.g. "Field required"
  // The offending value re-serialised as the server would echo it (JSON
  // text); empty when the profile echoes no input.
  std::string input_json;
  // The error's context as a JSON object text (e.g. {"max_length":256});
  // empty when the error has none.
  std::string ctx_json;
  // Byte offset of the offending value in the body (for a missing member,
  // the object that lacks it).
  uint64_t byte_offset = 0;
  // True when the real server could not render this error (it answers 500:
  // NaN/Infinity or a lone surrogate in the echoed input). tfschema renders it
  // anyway, as well-formed JSON (see render.hpp).
  bool server_cannot_render = false;
};

}  // namespace tfschema
