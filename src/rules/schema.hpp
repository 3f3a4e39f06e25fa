// The request schema, ApplyArtifactRequest, as tables (rules/model.hpp): one
// per model, each field's name, requiredness and rule in declaration order
// (which is also the order errors are reported in).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "rules/model.hpp"
#include "rules/patterns.hpp"

namespace tfschema::rules {

// A str field's constraints.
struct StringRule {
  uint32_t max_length = 0;  // 0: none
  std::optional<Pattern> pattern = std::nullopt;
  bool nullable = false;  // Optional[str] in the Pydantic models
  // `format: date-time` (RFC 3339, read as ajv-formats does).
  bool date_time = false;
  // `nullable: true` in the document itself (OpenAPI 3.0 style): null is
  // accepted in every profile, strict included.
  bool nullable_in_schema = false;
  constexpr bool constrained() const { return max_length != 0 || pattern.has_value(); }
  friend constexpr bool operator==(const StringRule&, const StringRule&) = default;
};

// An int field's constraints.
struct IntRule {
  int64_t minimum = 0;
  bool nullable = false;
  friend constexpr bool operator==(const IntRule&, const IntRule&) = default;
};

// Dict[str, Any]: any object, every value read.
struct AnyObject {
  friend constexpr bool operator==(AnyObject, AnyObject) = default;
};

// #/components/schemas/ArtifactPath
inline constexpr Model kArtifactPath{
    Field{"src", kRequired, StringRule{}},
    Field{"dest", kOptional, StringRule{.nullable = true}},
};

// The members of the discriminated union #/.../ArtifactManifest/properties/source.
// #/components/schemas/TrueFoundryManagedSource
inline constexpr Model kTrueFoundrySource{
    Field{"type", kRequired, Literal{"truefoundry"}},
    Field{"uri", kOptional, StringRule{.pattern = Pattern::kUri, .nullable = true}},
};
// #/components/schemas/ExternalBlobStorageSource
inline constexpr Model kExternalSource{
    Field{"type", kRequired, Literal{"external"}},
    Field{"uri", kRequired, StringRule{.pattern = Pattern::kUri}},
};
// #/components/schemas/LocalArtifactSource
inline constexpr Model kLocalSource{
    Field{"type", kRequired, Literal{"local"}},
    Field{"paths", kRequired, ListOf{Nested<kArtifactPath>{}}},
};
inline constexpr TaggedUnion kSource{
    "type",
    UnionMember<kTrueFoundrySource>{"TrueFoundryManagedSource"},
    UnionMember<kExternalSource>{"ExternalBlobStorageSource"},
    UnionMember<kLocalSource>{"LocalArtifactSource"},
};

// #/components/schemas/ArtifactManifest
inline constexpr std::string_view kManifestTypeLiteral = "artifact-version";
inline constexpr Model kManifest{
    Field{"name", kRequired, StringRule{.max_length = 256, .pattern = Pattern::kName}},
    Field{"metadata", kRequired, AnyObject{}},
    Field{"ml_repo", kRequired, StringRule{.pattern = Pattern::kMlRepo}},
    Field{"version", kOptional, IntRule{.minimum = 1, .nullable = true}},
    Field{"type", kOptional, Literal{kManifestTypeLiteral}},
    Field{"description", kOptional, StringRule{.max_length = 512, .nullable = true}},
    Field{"version_alias", kOptional,
          StringRule{.max_length = 128, .pattern = Pattern::kVersionAlias, .nullable = true}},
    Field{"source", kRequired, Nested<kSource>{}},
    Field{"step", kOptional, IntRule{.minimum = 0}},
    Field{"run_id", kOptional, StringRule{.nullable = true}},
};

// #/components/schemas/ApplyArtifactRequest, the body.
inline constexpr Model kApplyArtifactRequest{
    Field{"manifest", kRequired, Nested<kManifest>{}},
};

// The source union's tags and class names, for messages.
struct SourceVariant {
  std::string_view tag;
  std::string_view class_name;
};
inline constexpr std::array<SourceVariant, kSource.kSize> kSourceVariants = [] {
  std::array<SourceVariant, kSource.kSize> variants{};
  for (size_t i = 0; i < variants.size(); ++i) variants[i] = {kSource.tags[i], kSource.class_names[i]};
  return variants;
}();

}  // namespace tfschema::rules
