// What every benchmark reads: the bodies in bench/data and the JSON Schema the
// peers validate against. Loaded once, before any timing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "tfschema/profile.hpp"

namespace tfschema::bench {

struct Body {
  std::string name;  // file name without ".json": "small", "medium", ...
  std::string text;  // NUL-terminated (std::string), for peers that need it
  simdjson::padded_string padded;
  // Files named invalid*.json are rejected by every profile and every schema
  // peer; every other body is accepted by all of them.
  bool expect_valid = true;
  // What the body is: a request (bench/data), or in bench/data/response/ a
  // GetArtifactVersionResponse (response_*.json) or an HTTPValidationError
  // (error_*.json).
  Schema schema = Schema::kRequest;
};

// Prints the message and exits with status 2: a benchmark that cannot set
// itself up must never report a number.
[[noreturn]] void fatal(std::string_view message);

// Every *.json in `dir`: small, medium, large, invalid first (the SPEC's
// bodies, in that order), then any others by name.
std::vector<Body> load_bodies(const std::string& dir);

// One body by name (looked up in `dir`) or by path.
Body load_body(const std::string& dir, const std::string& name_or_path);

// The OpenAPI document's ApplyArtifactRequest as a draft-07 JSON Schema that
// RapidJSON and valijson read: components.schemas become `definitions`, refs
// are rewritten, OpenAPI-only keywords (discriminator, nullable, example,
// x-*) are dropped. Built at run time so that it cannot drift from
// schema/artifact-versions.openapi.json.
std::string json_schema_from_openapi(const std::string& openapi_path);

}  // namespace tfschema::bench
