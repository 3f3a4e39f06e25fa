// Profiles: which server's idea of "valid" a Validator follows.
#pragma once

#include <optional>
#include <string_view>

namespace tfschema {

enum class Profile : unsigned char {
  kPydanticV2,  // FastAPI 0.115 + Pydantic 2.10 on CPython 3.13 (the default)
  kPydanticV1,  // FastAPI 0.92 + Pydantic 1.10 on CPython 3.11
  kStrict,      // the OpenAPI document read as JSON Schema 2020-12, RFC 8259 JSON
};

// "pydantic-v2", "pydantic-v1", "strict".
std::string_view profile_name(Profile profile) noexcept;

// The inverse of profile_name(); nullopt for an unknown name.
std::optional<Profile> profile_from_name(std::string_view name) noexcept;

// Whether this build implements the profile. Validators built for a profile
// that is not implemented reject every body with ErrorKind::kNotImplemented.
bool profile_implemented(Profile profile) noexcept;

}  // namespace tfschema
