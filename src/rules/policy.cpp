#include "rules/policy.hpp"

#include <array>
#include <cstddef>

namespace tfschema::rules {

namespace {

// Measured on the reference servers (tests/golden/README.md).
constexpr Policy kPydanticV2{
    .profile = Profile::kPydanticV2,
    .name = "pydantic-v2",
    .wording = Wording::kPydanticV2,
    .has_server = true,
    .validates_responses = false,
    .dialect = json::Dialect::kPython313,
    .python = json::PythonVersion::k3_13,
    .regex = RegexSemantics::kRust,
    .int_coercion = IntCoercion::kPydanticV2,
    .null_handling = NullHandling::kWrongType,
    .honours_optional = true,
    .coerces_scalars_to_str = false,
    .coerces_pairs_to_dict = false,
    .union_needs_object = true,
    .literal_needs_hashable = false,
    .reports_duplicate_keys = false,
    .null_body_is_missing = true,
    .echo_drops_sa_keys = true,
    .server_max_depth = 9994,
    .server_max_echo_depth = 974,
    .rejects_lone_surrogates_in_constrained_strings = true,
    .union_loc_is_class_name = false,
};

constexpr Policy kPydanticV1{
    .profile = Profile::kPydanticV1,
    .name = "pydantic-v1",
    .wording = Wording::kPydanticV1,
    .has_server = true,
    .validates_responses = false,
    .dialect = json::Dialect::kPython311,
    .python = json::PythonVersion::k3_11,
    .regex = RegexSemantics::kPythonMatch,
    .int_coercion = IntCoercion::kPydanticV1,
    .null_handling = NullHandling::kNoneNotAllowed,
    .honours_optional = true,
    .coerces_scalars_to_str = true,
    .coerces_pairs_to_dict = true,
    .union_needs_object = false,
    .literal_needs_hashable = true,
    .reports_duplicate_keys = false,
    .null_body_is_missing = true,
    .echo_drops_sa_keys = true,
    .server_max_depth = 970,
    .server_max_echo_depth = UINT32_MAX,
    .rejects_lone_surrogates_in_constrained_strings = false,
    .union_loc_is_class_name = true,
};

// The OpenAPI document read as JSON Schema 2020-12 (ajv 8 is its judge),
// worded as Pydantic v2 words the same errors.
constexpr Policy kStrict{
    .profile = Profile::kStrict,
    .name = "strict",
    .wording = Wording::kPydanticV2,
    .has_server = false,
    .validates_responses = true,
    .dialect = json::Dialect::kRfc8259,
    .python = json::PythonVersion::k3_13,
    .regex = RegexSemantics::kEcma262,
    .int_coercion = IntCoercion::kNone,
    .null_handling = NullHandling::kWrongType,
    .honours_optional = false,
    .coerces_scalars_to_str = false,
    .coerces_pairs_to_dict = false,
    .union_needs_object = true,
    .literal_needs_hashable = false,
    .reports_duplicate_keys = true,
    .null_body_is_missing = false,
    .echo_drops_sa_keys = false,
    // No server stands behind strict: a generous limit (the parser and the
    // echo keep their own stacks, so depth costs memory, not the C++ stack).
    .server_max_depth = 100000,
    .server_max_echo_depth = UINT32_MAX,
    .rejects_lone_surrogates_in_constrained_strings = true,
    .union_loc_is_class_name = false,
};

// One row per profile, in the order of kAllProfiles (= the enum's).
constexpr std::array<const Policy*, kAllProfiles.size()> kPolicies = {&kPydanticV2, &kPydanticV1, &kStrict};

consteval bool every_profile_has_its_row() {
  for (size_t i = 0; i < kAllProfiles.size(); ++i) {
    if (static_cast<size_t>(kAllProfiles[i]) != i || kPolicies[i]->profile != kAllProfiles[i]) return false;
    for (size_t j = 0; j < i; ++j) {
      if (kPolicies[j]->name == kPolicies[i]->name) return false;
    }
  }
  return true;
}
static_assert(every_profile_has_its_row(),
              "kPolicies must hold one row per profile, in the order of kAllProfiles, with distinct names");

}  // namespace

// An out-of-range value (a C caller's cast) reads as the default profile.
const Policy& policy_for(Profile profile) {
  const auto index = static_cast<size_t>(profile);
  return index < kPolicies.size() ? *kPolicies[index] : kPydanticV2;
}

}  // namespace tfschema::rules
