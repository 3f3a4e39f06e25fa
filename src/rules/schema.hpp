// The request schema's shapes as tables: field names in declaration order
// (which is also the order errors are reported in) and per-field rules.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "rules/patterns.hpp"

namespace tfschema::rules {

// An object's declared fields; visit order = declaration order.
struct ModelSpec {
  std::span<const std::string_view> fields;
};

// #/components/schemas/ApplyArtifactRequest
inline constexpr std::array<std::string_view, 1> kRequestFields = {"manifest"};
enum RequestField : int { kRequestManifest };

// #/components/schemas/ArtifactManifest
inline constexpr std::array<std::string_view, 10> kManifestFields = {
    "name", "metadata", "ml_repo", "version", "type", "description", "version_alias", "source", "step", "run_id"};
enum ManifestField : int {
  kManifestName,
  kManifestMetadata,
  kManifestMlRepo,
  kManifestVersion,
  kManifestType,
  kManifestDescription,
  kManifestVersionAlias,
  kManifestSource,
  kManifestStep,
  kManifestRunId,
};

// The three members of the discriminated union #/.../ArtifactManifest/properties/source.
inline constexpr std::array<std::string_view, 2> kTrueFoundrySourceFields = {"type", "uri"};
inline constexpr std::array<std::string_view, 2> kExternalSourceFields = {"type", "uri"};
inline constexpr std::array<std::string_view, 2> kLocalSourceFields = {"type", "paths"};
enum SourceField : int { kSourceType, kSourceUriOrPaths };

struct SourceVariant {
  std::string_view tag;         // the discriminator value
  std::string_view class_name;  // the Pydantic model's name (v1's loc)
  ModelSpec spec;
};
enum SourceVariantIndex : int { kTrueFoundry, kExternal, kLocal };
inline constexpr std::array<SourceVariant, 3> kSourceVariants = {{
    {"truefoundry", "TrueFoundryManagedSource", {kTrueFoundrySourceFields}},
    {"external", "ExternalBlobStorageSource", {kExternalSourceFields}},
    {"local", "LocalArtifactSource", {kLocalSourceFields}},
}};
inline constexpr std::string_view kDiscriminator = "type";

// #/components/schemas/ArtifactPath
inline constexpr std::array<std::string_view, 2> kArtifactPathFields = {"src", "dest"};
enum ArtifactPathField : int { kPathSrc, kPathDest };

inline constexpr std::string_view kManifestTypeLiteral = "artifact-version";

// A string field's constraints.
struct StringRule {
  uint32_t max_length = 0;  // 0: none
  std::optional<Pattern> pattern;
  bool nullable = false;  // Optional[str] in the Pydantic models
  // `format: date-time` (RFC 3339, read as ajv-formats does).
  bool date_time = false;
  // `nullable: true` in the document itself (OpenAPI 3.0 style): null is
  // accepted in every profile, strict included.
  bool nullable_in_schema = false;
  bool constrained() const { return max_length != 0 || pattern.has_value(); }
};

inline constexpr StringRule kNameRule{256, Pattern::kName, false};
inline constexpr StringRule kMlRepoRule{0, Pattern::kMlRepo, false};
inline constexpr StringRule kDescriptionRule{512, std::nullopt, true};
inline constexpr StringRule kVersionAliasRule{128, Pattern::kVersionAlias, true};
inline constexpr StringRule kRunIdRule{0, std::nullopt, true};
inline constexpr StringRule kOptionalUriRule{0, Pattern::kUri, true};
inline constexpr StringRule kRequiredUriRule{0, Pattern::kUri, false};
inline constexpr StringRule kSrcRule{0, std::nullopt, false};
inline constexpr StringRule kDestRule{0, std::nullopt, true};

// An integer field's constraints.
struct IntRule {
  int64_t minimum = 0;
  bool nullable = false;
};
inline constexpr IntRule kVersionRule{1, true};
inline constexpr IntRule kStepRule{0, false};

}  // namespace tfschema::rules
