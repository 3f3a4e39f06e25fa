#include "tfschema/profile.hpp"

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

}  // namespace tfschema
