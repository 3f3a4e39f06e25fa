// The reference validator: a second, independent reading of
// PUT /api/ml/v1/artifact-versions request bodies, for tests, fuzzers and
// benchmarks only (the tfschema library never links it).
//
//   #include <tfschema_reference/reference.hpp>
//
//   tfschema::reference::Validator reference(tfschema::Profile::kPydanticV1);
//   tfschema::reference::RefResult r = reference.validate(R"({"manifest": 5})");
//   if (r.judged && !r.valid) {
//     // r.errors[0].loc == {"body", "manifest"}, r.errors[0].type == "type_error.dict"
//   }
//
// Where tfschema is hand-written for speed, this is written for being
// obviously right: nlohmann/json reads the body, the committed OpenAPI
// document (embedded at build time) is interpreted generically ($ref, allOf,
// oneOf + discriminator, anyOf, type, nullable, properties, required,
// maxLength, pattern with RE2, format date-time, minimum, enum, items), and
// each profile is a table of switches
// (reference/src/profiles.cpp). It answers the verdict and, per error, the
// location and the profile's `type` string, in the server's order; it does
// not word messages or echo inputs.
//
// Some bodies nlohmann/json cannot read the way the profile's parser does
// (NaN, lone surrogates, invalid UTF-8, UTF-16/32, numbers that overflow a
// double, syntax errors whose positions would have to match Python's, nesting
// deeper than 512). For those RefResult::judged is false and why_not_judged
// says why; every other body is judged.
//
// Nothing throws. A Validator is immutable after construction: validate() is
// const and may be called from several threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tfschema/profile.hpp"

namespace tfschema::reference {

// One element of an error's location: a member name or an array index.
using LocItem = std::variant<std::string, int64_t>;

struct RefError {
  std::vector<LocItem> loc;  // starts with "body", as FastAPI reports it
  std::string type;          // the profile's type string, e.g. "string_too_long"
};

struct RefResult {
  // False when the reference cannot read the body the way the profile's
  // server (or RFC 8259, for strict) does; valid and errors are then empty.
  bool judged = false;
  bool valid = false;
  std::vector<RefError> errors;  // in the order the server reports them
  std::string why_not_judged;
};

// The compiled OpenAPI document: which checks apply where. Immutable, shared
// by any number of Validators and threads.
class Schema;

// The OpenAPI document embedded at build time
// (schema/artifact-versions.openapi.json).
std::string_view embedded_openapi_json() noexcept;

// The embedded document, compiled once. Null (with *error set when error is
// not null) only if the embedded document cannot be interpreted, which the
// build's own test rules out.
std::shared_ptr<const Schema> embedded_schema(std::string* error = nullptr) noexcept;

// Compiles an OpenAPI document given as JSON text, or read from a file.
// Returns null and sets *error (when not null) if the text is not JSON, the
// request body of PUT /api/ml/v1/artifact-versions is not there, or a schema
// it or the operation's answers (200, 422) reach uses a keyword the interpreter does not implement (so that a
// changed document is never half-read).
std::shared_ptr<const Schema> parse_schema(std::string_view openapi_json, std::string* error = nullptr) noexcept;
std::shared_ptr<const Schema> load_schema_file(const std::string& path, std::string* error = nullptr) noexcept;

class Validator {
 public:
  // Uses the embedded document. `document` picks the root schema: the
  // request body, or the schema the document gives the operation's 200
  // answer (kResponse) or 422 answer (kError), whose errors' locations
  // start with "response". (tfschema validates those in strict only.)
  explicit Validator(tfschema::Profile profile, tfschema::Schema document = tfschema::Schema::kRequest) noexcept;
  // Uses `schema`; a null schema makes every body unjudged.
  Validator(tfschema::Profile profile, std::shared_ptr<const Schema> schema,
            tfschema::Schema document = tfschema::Schema::kRequest) noexcept;

  tfschema::Profile profile() const noexcept { return profile_; }

  // The profile's verdict and errors for one body (its exact bytes).
  RefResult validate(std::string_view body) const noexcept;

 private:
  tfschema::Profile profile_;
  tfschema::Schema document_;
  std::shared_ptr<const Schema> schema_;
  std::string schema_error_;
};

}  // namespace tfschema::reference
