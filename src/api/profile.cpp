#include "tfschema/profile.hpp"

#include "rules/policy.hpp"

namespace tfschema {

std::string_view profile_name(Profile profile) noexcept {
  switch (profile) {
    case Profile::kPydanticV1:
      return "pydantic-v1";
    case Profile::kStrict:
      return "strict";
    case Profile::kPydanticV2:
      break;
  }
  return "pydantic-v2";
}

std::optional<Profile> profile_from_name(std::string_view name) noexcept {
  for (Profile p : {Profile::kPydanticV2, Profile::kPydanticV1, Profile::kStrict}) {
    if (profile_name(p) == name) return p;
  }
  return std::nullopt;
}

bool profile_implemented(Profile) noexcept { return true; }

uint32_t server_max_depth(Profile profile) noexcept { return rules::policy_for(profile).server_max_depth; }

uint32_t server_max_echo_depth(Profile profile) noexcept { return rules::policy_for(profile).server_max_echo_depth; }

std::string_view schema_name(Schema schema) noexcept {
  switch (schema) {
    case Schema::kResponse:
      return "response";
    case Schema::kError:
      return "error";
    case Schema::kRequest:
      break;
  }
  return "request";
}

std::optional<Schema> schema_from_name(std::string_view name) noexcept {
  for (Schema s : {Schema::kRequest, Schema::kResponse, Schema::kError}) {
    if (schema_name(s) == name) return s;
  }
  return std::nullopt;
}

// Only strict validates the response schemas: no server validates them, so
// there is no Pydantic answer to reproduce (docs/response-schemas.md).
bool schema_implemented(Profile profile, Schema schema) noexcept {
  return profile_implemented(profile) && (schema == Schema::kRequest || profile == Profile::kStrict);
}

}  // namespace tfschema
