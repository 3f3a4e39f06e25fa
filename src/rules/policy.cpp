#include "rules/policy.hpp"

namespace tfschema::rules {

namespace {

// Measured on the reference servers (tests/golden/README.md).
constexpr Policy kPydanticV2{
    .profile = Profile::kPydanticV2,
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

constexpr Policy kStrict{
    .profile = Profile::kStrict,
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

}  // namespace

const Policy& policy_for(Profile profile) {
  switch (profile) {
    case Profile::kPydanticV1:
      return kPydanticV1;
    case Profile::kStrict:
      return kStrict;
    case Profile::kPydanticV2:
      break;
  }
  return kPydanticV2;
}

}  // namespace tfschema::rules
