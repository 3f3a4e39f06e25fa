#include "profiles.hpp"

#include <array>

namespace tfschema::reference::detail {

namespace {

// FastAPI 0.115 + Pydantic 2.10 (tools/oracle/app_v2.py).
constexpr ProfilePolicy kPydanticV2{
    .profile = Profile::kPydanticV2,
    .int_reading = IntReading::kPydanticV2,
    .regex = RegexRun::kSearch,
    .honours_optional = true,
    .null_is_own_error = false,
    .str_from_scalars = false,
    .dict_from_pairs = false,
    .union_needs_object = true,
    .literal_needs_hashable = false,
    .union_loc_is_title = false,
    .repeated_names_are_errors = false,
    .null_body_is_missing = true,
    .skips_bom = true,
};

// FastAPI 0.92 + Pydantic 1.10 (tools/oracle/app_v1.py).
constexpr ProfilePolicy kPydanticV1{
    .profile = Profile::kPydanticV1,
    .int_reading = IntReading::kPydanticV1,
    .regex = RegexRun::kPythonMatch,
    .honours_optional = true,
    .null_is_own_error = true,
    .str_from_scalars = true,
    .dict_from_pairs = true,
    .union_needs_object = false,
    .literal_needs_hashable = true,
    .union_loc_is_title = true,
    .repeated_names_are_errors = false,
    .null_body_is_missing = true,
    .skips_bom = true,
};

// The document as JSON Schema 2020-12 over RFC 8259 JSON.
constexpr ProfilePolicy kStrict{
    .profile = Profile::kStrict,
    .int_reading = IntReading::kJsonSchema,
    .regex = RegexRun::kSearch,
    .honours_optional = false,
    .null_is_own_error = false,
    .str_from_scalars = false,
    .dict_from_pairs = false,
    .union_needs_object = true,
    .literal_needs_hashable = false,
    .union_loc_is_title = false,
    .repeated_names_are_errors = true,
    .null_body_is_missing = false,
    .skips_bom = false,
};

// The Optional[...] fields of app_v1.py and app_v2.py (the same in both).
struct OptionalField {
  std::string_view component;
  std::string_view property;
};
constexpr std::array<OptionalField, 6> kOptionalFields{{
    {"ArtifactManifest", "version"},
    {"ArtifactManifest", "description"},
    {"ArtifactManifest", "version_alias"},
    {"ArtifactManifest", "run_id"},
    {"TrueFoundryManagedSource", "uri"},
    {"ArtifactPath", "dest"},
}};

// Each problem's name: Pydantic v2's (pydantic-core's ErrorType, which the
// strict profile uses too) and Pydantic v1's (its errors' type_error.* /
// value_error.* codes). Empty where the profile never reports the problem.
struct TypeNames {
  Problem problem;
  std::string_view v2;
  std::string_view v1;
};
constexpr std::array<TypeNames, 22> kTypeNames{{
    {Problem::kMissing, "missing", "value_error.missing"},
    {Problem::kNoneNotAllowed, "", "type_error.none.not_allowed"},
    {Problem::kModelType, "model_attributes_type", "type_error.dict"},
    {Problem::kDictType, "dict_type", "type_error.dict"},
    {Problem::kListType, "list_type", "type_error.list"},
    {Problem::kStringType, "string_type", "type_error.str"},
    {Problem::kStringTooLong, "string_too_long", "value_error.any_str.max_length"},
    {Problem::kStringPatternMismatch, "string_pattern_mismatch", "value_error.str.regex"},
    {Problem::kIntType, "int_type", "type_error.integer"},
    {Problem::kIntParsing, "int_parsing", "type_error.integer"},
    {Problem::kIntParsingSize, "int_parsing_size", "type_error.integer"},
    {Problem::kIntFromFloat, "int_from_float", "type_error.integer"},
    {Problem::kFiniteNumber, "finite_number", "type_error.integer"},
    {Problem::kGreaterThanEqual, "greater_than_equal", "value_error.number.not_ge"},
    {Problem::kLiteral, "literal_error", "value_error.const"},
    {Problem::kUnhashable, "", "type_error"},
    {Problem::kKeywordsMustBeStrings, "", "type_error"},
    {Problem::kUnionTagNotFound, "union_tag_not_found", "value_error.discriminated_union.missing_discriminator"},
    {Problem::kUnionTagInvalid, "union_tag_invalid", "value_error.discriminated_union.invalid_discriminator"},
    {Problem::kDuplicateKey, "duplicate_key", ""},
    {Problem::kEnum, "enum", ""},
    {Problem::kDateTimeParsing, "datetime_parsing", ""},
}};

// type_name() indexes the table by Problem.
constexpr bool rows_in_problem_order() {
  for (size_t i = 0; i < kTypeNames.size(); ++i) {
    if (static_cast<size_t>(kTypeNames[i].problem) != i) return false;
  }
  return static_cast<size_t>(Problem::kDateTimeParsing) + 1 == kTypeNames.size();
}
static_assert(rows_in_problem_order());

}  // namespace

const ProfilePolicy& policy_for(Profile profile) {
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

bool accepts_null(const ProfilePolicy& policy, std::string_view component, std::string_view property) {
  if (!policy.honours_optional) return false;
  for (const OptionalField& field : kOptionalFields) {
    if (field.component == component && field.property == property) return true;
  }
  return false;
}

std::string_view type_name(const ProfilePolicy& policy, Problem problem) {
  const TypeNames& names = kTypeNames[static_cast<size_t>(problem)];
  return policy.profile == Profile::kPydanticV1 ? names.v1 : names.v2;
}

}  // namespace tfschema::reference::detail
