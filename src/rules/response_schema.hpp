// The response schemas as tables, like rules/schema.hpp for the request:
// GetArtifactVersionResponse (the 200 answer) and HTTPValidationError (the
// 422 answer). Field order is the document's.
#pragma once

#include <array>
#include <string_view>

#include "rules/model.hpp"
#include "rules/schema.hpp"

namespace tfschema::rules {

// An enum of strings, in the document's order (the enum error's message
// lists them so).
template <size_t N>
struct Enum {
  std::array<std::string_view, N> values;
  friend constexpr bool operator==(const Enum&, const Enum&) = default;
};
template <size_t N>
Enum(std::array<std::string_view, N>) -> Enum<N>;

// anyOf [string, integer] (ValidationError's loc items). When the value is
// neither, each branch's error is reported under the branch's name, as
// Pydantic names the members of a Union[str, int].
struct StrOrInt {
  std::string_view str_branch = "str";
  std::string_view int_branch = "int";
  friend constexpr bool operator==(const StrOrInt&, const StrOrInt&) = default;
};

inline constexpr StringRule kPlainStringRule{};
inline constexpr StringRule kDateTimeRule{.date_time = true};
inline constexpr StringRule kNullableStringRule{.nullable_in_schema = true};

// #/components/schemas/SubjectType
inline constexpr std::array<std::string_view, 6> kSubjectTypes = {
    "user", "team", "serviceaccount", "virtualaccount", "external-identity", "role"};

// #/components/schemas/Subject
inline constexpr Model kSubject{
    Field{"subjectId", kRequired, kPlainStringRule},
    Field{"subjectType", kRequired, Enum{kSubjectTypes}},
    Field{"subjectSlug", kOptional, kNullableStringRule},
    Field{"subjectDisplayName", kOptional, kNullableStringRule},
    Field{"subjectPatName", kOptional, kNullableStringRule},
    Field{"subjectControllerName", kOptional, kNullableStringRule},
    Field{"subjectExternalIdentitySlug", kOptional, kNullableStringRule},
};

// #/components/schemas/ArtifactVersion; its manifest is the request's
// ArtifactManifest, checked by the same rules.
inline constexpr Model kArtifactVersion{
    Field{"id", kRequired, kPlainStringRule},
    Field{"fqn", kRequired, kPlainStringRule},
    Field{"created_by_subject", kRequired, Nested<kSubject>{}},
    Field{"created_at", kOptional, kDateTimeRule},
    Field{"updated_at", kOptional, kDateTimeRule},
    Field{"manifest", kRequired, Nested<kManifest>{}},
    Field{"ml_repo_id", kRequired, kPlainStringRule},
    Field{"tags", kOptional, ListOf{kPlainStringRule}},
    Field{"version_alias", kOptional, kPlainStringRule},
    Field{"usage_code_snippet", kOptional, kPlainStringRule},
    Field{"artifact_id", kRequired, kPlainStringRule},
};

// #/components/schemas/GetArtifactVersionResponse, the 200 body.
inline constexpr Model kGetArtifactVersionResponse{
    Field{"data", kRequired, Nested<kArtifactVersion>{}},
};

// #/components/schemas/ValidationError
inline constexpr Model kValidationError{
    Field{"loc", kRequired, ListOf{StrOrInt{}}},
    Field{"msg", kRequired, kPlainStringRule},
    Field{"type", kRequired, kPlainStringRule},
};

// #/components/schemas/HTTPValidationError, the 422 body (`detail` is optional).
inline constexpr Model kHttpValidationError{
    Field{"detail", kOptional, ListOf{Nested<kValidationError>{}}},
};

}  // namespace tfschema::rules
