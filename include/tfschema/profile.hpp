// Profiles: which server's idea of "valid" a Validator follows.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "tfschema/export.h"

namespace tfschema {

enum class Profile : unsigned char {
  kPydanticV2,  // FastAPI 0.115 + Pydantic 2.10 on CPython 3.13 (the default)
  kPydanticV1,  // FastAPI 0.92 + Pydantic 1.10 on CPython 3.11
  kStrict,      // the OpenAPI document read as JSON Schema 2020-12, RFC 8259 JSON
};

// Every profile, in the enum's order: loop over this list rather than
// writing the profiles out.
inline constexpr std::array<Profile, 3> kAllProfiles = {Profile::kPydanticV2, Profile::kPydanticV1, Profile::kStrict};

// "pydantic-v2", "pydantic-v1", "strict".
TFSCHEMA_API std::string_view profile_name(Profile profile) noexcept;

// The inverse of profile_name(); nullopt for an unknown name.
TFSCHEMA_API std::optional<Profile> profile_from_name(std::string_view name) noexcept;

// Which schema of the OpenAPI document a Validator checks. The request body
// is checked in every profile; the two response schemas only in strict (no
// server validates them, so there is no pydantic answer to reproduce).
enum class Schema : unsigned char {
  kRequest,   // ApplyArtifactRequest, the PUT body (the default)
  kResponse,  // GetArtifactVersionResponse, the 200 answer
  kError,     // HTTPValidationError, the 422 answer
};

// Every schema, in the enum's order.
inline constexpr std::array<Schema, 3> kAllSchemas = {Schema::kRequest, Schema::kResponse, Schema::kError};

// "request", "response", "error".
TFSCHEMA_API std::string_view schema_name(Schema schema) noexcept;

// The inverse of schema_name(); nullopt for an unknown name.
TFSCHEMA_API std::optional<Schema> schema_from_name(std::string_view name) noexcept;

// Whether this build validates `schema` in `profile`: the request in every
// profile, the response schemas in strict only (no server validates them,
// so there is no Pydantic answer to reproduce).
TFSCHEMA_API bool schema_implemented(Profile profile, Schema schema) noexcept;

// The deepest nesting of containers the profile's server parses; one level
// more and it answers 400 (strict has no server: it is tfschema's own limit,
// answered 413). Options::max_depth = 0 stands for this value.
TFSCHEMA_API uint32_t server_max_depth(Profile profile) noexcept;

// The deepest nesting the profile's server can echo as a 422's `input`; one
// level more and it fails to render its answer (500). UINT32_MAX when its
// echo has no such limit (pydantic-v1 echoes no input; strict has no server).
// Like server_max_depth, it is Python's recursion limit as measured under
// FastAPI's TestClient: a server under another stack (uvicorn) reaches both a
// level or so apart, so a pre-check in front of one leaves bodies nested near
// the smaller of the two to the server.
TFSCHEMA_API uint32_t server_max_echo_depth(Profile profile) noexcept;

// Whether this build implements the profile. Validators built for a profile
// that is not implemented answer Status::kUnsupported for every body.
TFSCHEMA_API bool profile_implemented(Profile profile) noexcept;

}  // namespace tfschema
