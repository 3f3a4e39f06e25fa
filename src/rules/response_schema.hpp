// The response schemas' shapes as tables, like rules/schema.hpp for the
// request: GetArtifactVersionResponse (the 200 answer) and
// HTTPValidationError (the 422 answer). Field order is the document's.
#pragma once

#include <array>
#include <string_view>

#include "rules/schema.hpp"

namespace tfschema::rules {

// #/components/schemas/GetArtifactVersionResponse
inline constexpr std::array<std::string_view, 1> kResponseFields = {"data"};

// #/components/schemas/ArtifactVersion
inline constexpr std::array<std::string_view, 11> kArtifactVersionFields = {
    "id",         "fqn",  "created_by_subject", "created_at",         "updated_at", "manifest",
    "ml_repo_id", "tags", "version_alias",      "usage_code_snippet", "artifact_id"};
enum ArtifactVersionField : int {
  kVersionId,
  kVersionFqn,
  kVersionCreatedBySubject,
  kVersionCreatedAt,
  kVersionUpdatedAt,
  kVersionManifest,
  kVersionMlRepoId,
  kVersionTags,
  kVersionVersionAlias,
  kVersionUsageCodeSnippet,
  kVersionArtifactId,
};

// #/components/schemas/Subject
inline constexpr std::array<std::string_view, 7> kSubjectFields = {"subjectId",
                                                                   "subjectType",
                                                                   "subjectSlug",
                                                                   "subjectDisplayName",
                                                                   "subjectPatName",
                                                                   "subjectControllerName",
                                                                   "subjectExternalIdentitySlug"};
enum SubjectField : int { kSubjectId, kSubjectType };  // the rest are nullable strings

// #/components/schemas/SubjectType, in the document's order (the enum
// error's message lists them so).
inline constexpr std::array<std::string_view, 6> kSubjectTypes = {
    "user", "team", "serviceaccount", "virtualaccount", "external-identity", "role"};

// #/components/schemas/HTTPValidationError
inline constexpr std::array<std::string_view, 1> kHttpValidationErrorFields = {"detail"};

// #/components/schemas/ValidationError
inline constexpr std::array<std::string_view, 3> kValidationErrorFields = {"loc", "msg", "type"};
enum ValidationErrorField : int { kValidationErrorLoc };  // msg and type are plain strings

// The loc element of each branch of `loc`'s items anyOf [string, integer],
// named as Pydantic names the members of a Union[str, int].
inline constexpr std::string_view kStrBranch = "str";
inline constexpr std::string_view kIntBranch = "int";

inline constexpr StringRule kPlainStringRule{};
inline constexpr StringRule kDateTimeRule{0, std::nullopt, false, true, false};
inline constexpr StringRule kNullableStringRule{0, std::nullopt, false, false, true};

}  // namespace tfschema::rules
