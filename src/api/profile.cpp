#include "tfschema/profile.hpp"

#include "rules/policy.hpp"

namespace tfschema {

std::string_view profile_name(Profile profile) noexcept { return rules::policy_for(profile).name; }

std::optional<Profile> profile_from_name(std::string_view name) noexcept {
  for (Profile p : kAllProfiles) {
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
  for (Schema s : kAllSchemas) {
    if (schema_name(s) == name) return s;
  }
  return std::nullopt;
}

// Which profiles validate the response schemas is a Policy switch
// (docs/response-schemas.md).
bool schema_implemented(Profile profile, Schema schema) noexcept {
  return profile_implemented(profile) && (schema == Schema::kRequest || rules::policy_for(profile).validates_responses);
}

}  // namespace tfschema
