// The rules of ApplyArtifactRequest, written once for every way of reading
// a body. `A` is a walker (walk/stream_walker.hpp: simdjson On-Demand, the
// fast path; walk/tree_walker.hpp: the Python-faithful tree, the exact path)
// that provides:
//   Value, Object, Array              handles to values
//   kind(Value&) -> json::Kind        reads scalars; unknown input -> a kind no rule accepts
//   string(Value&) -> string_view     the unescaped string (WTF-8)
//   int_value / big_negative / float_value(Value&)   the number read by kind()
//   as_object(Value&, Object&), as_array(Value&, Array&)
//   visit_model(Object&, ModelSpec, f(int field, Value* value_or_null) -> bool)
//   for_each_item(Array&, f(int64_t index, Value&) -> bool)
//   find_member(Object&, key, Value&) -> bool; rewind(Object&)
//   walk_any(Value&) -> bool          checks every byte of a value nobody constrains
//   report(kind, Value&, path, Detail), report_missing(Object&, path),
//   report_tag_invalid(Object&, Value& tag, path)
// Each check returns false to stop: the walker decides whether an error
// stops the walk (fast yes/no) or is recorded and the walk goes on
// (diagnostics).
#pragma once

#include <string_view>

#include "json/document.hpp"
#include "rules/lax_int.hpp"
#include "rules/path.hpp"
#include "rules/patterns.hpp"
#include "rules/policy.hpp"
#include "rules/schema.hpp"
#include "text/utf8.hpp"
#include "tfschema/error.hpp"

namespace tfschema::rules {

// Parameters an error's message and context are built from.
struct Detail {
  int64_t limit = 0;                // max_length or ge
  std::optional<Pattern> pattern;   // string_pattern_mismatch
};

using json::Kind;

// A str field (#/.../properties/<name> with type: string).
template <class A>
bool check_string(A& a, typename A::Value& v, const Path& path, const StringRule& rule) {
  const Kind kind = a.kind(v);
  if (kind == Kind::kNull && rule.nullable) return true;
  if (kind != Kind::kString) return a.report(ErrorKind::kStringType, v, path, {});
  const std::string_view s = a.string(v);
  const Policy& policy = a.policy();
  if (rule.constrained() && policy.rejects_lone_surrogates_in_constrained_strings && text::has_lone_surrogate(s)) {
    return a.report(ErrorKind::kStringUnicode, v, path, {});
  }
  if (rule.max_length != 0 && text::code_point_count(s) > rule.max_length) {
    return a.report(ErrorKind::kStringTooLong, v, path, {rule.max_length, std::nullopt});
  }
  if (rule.pattern && !matches(*rule.pattern, policy.regex, s)) {
    return a.report(ErrorKind::kStringPatternMismatch, v, path, {0, rule.pattern});
  }
  return true;
}

// An int field with `minimum` (version, step), with the profile's coercions.
template <class A>
bool check_int(A& a, typename A::Value& v, const Path& path, const IntRule& rule) {
  IntCoercion c;
  const Kind kind = a.kind(v);
  switch (kind) {
    case Kind::kNull:
      if (rule.nullable) return true;
      return a.report(ErrorKind::kIntType, v, path, {});
    case Kind::kFalse:
    case Kind::kTrue:
      c.ok = true;
      c.value = IntValue::of(kind == Kind::kTrue ? 1 : 0);
      break;
    case Kind::kInt:
      c.ok = true;
      c.value = IntValue::of(a.int_value(v));
      break;
    case Kind::kBigInt:
      c.ok = true;
      c.value = IntValue{true, a.big_negative(v), 0};
      break;
    case Kind::kFloat:
      c = v2_int_from_float(a.float_value(v));
      break;
    case Kind::kString: {
      const std::string_view s = a.string(v);
      if (text::has_lone_surrogate(s)) return a.report(ErrorKind::kStringUnicode, v, path, {});
      c = v2_int_from_string(s);
      break;
    }
    default:
      return a.report(ErrorKind::kIntType, v, path, {});
  }
  if (!c.ok) return a.report(c.error, v, path, {});
  if (!c.value.at_least(rule.minimum)) return a.report(ErrorKind::kGreaterThanEqual, v, path, {rule.minimum, {}});
  return true;
}

// A Literal[...] field: only the exact string.
template <class A>
bool check_literal(A& a, typename A::Value& v, const Path& path, std::string_view literal) {
  if (a.kind(v) == Kind::kString && a.string(v) == literal) return true;
  return a.report(ErrorKind::kLiteral, v, path, {});
}

// #/components/schemas/ArtifactManifest/properties/metadata: any object.
template <class A>
bool check_metadata(A& a, typename A::Value& v, const Path& path) {
  if (a.kind(v) != Kind::kObject) return a.report(ErrorKind::kDictType, v, path, {});
  return a.walk_any(v);
}

// #/components/schemas/ArtifactPath
template <class A>
bool check_artifact_path(A& a, typename A::Value& v, Path& path) {
  typename A::Object object;
  if (!a.as_object(v, object)) return a.report(ErrorKind::kModelType, v, path, {});
  return a.visit_model(object, ModelSpec{kArtifactPathFields}, [&](int field, typename A::Value* value) {
    PathScope scope(path, kArtifactPathFields[field]);
    if (field == kPathSrc) return value ? check_string(a, *value, path, kSrcRule) : a.report_missing(object, path);
    return value ? check_string(a, *value, path, kDestRule) : true;
  });
}

// #/components/schemas/LocalArtifactSource/properties/paths
template <class A>
bool check_paths(A& a, typename A::Value& v, Path& path) {
  typename A::Array array;
  if (!a.as_array(v, array)) return a.report(ErrorKind::kListType, v, path, {});
  return a.for_each_item(array, [&](int64_t index, typename A::Value& item) {
    PathScope scope(path, index);
    return check_artifact_path(a, item, path);
  });
}

// One member of the source union, chosen by its tag; its errors carry the
// tag (or class name) in their location.
template <class A>
bool check_source_variant(A& a, typename A::Object& object, Path& path, int variant) {
  const SourceVariant& spec = kSourceVariants[variant];
  PathScope scope(path, a.policy().union_loc_is_class_name ? spec.class_name : spec.tag);
  return a.visit_model(object, spec.spec, [&](int field, typename A::Value* value) {
    PathScope field_scope(path, spec.spec.fields[field]);
    if (field == kSourceType) return value ? check_literal(a, *value, path, spec.tag) : a.report_missing(object, path);
    switch (variant) {
      case kTrueFoundry:
        return value ? check_string(a, *value, path, kOptionalUriRule) : true;
      case kExternal:
        return value ? check_string(a, *value, path, kRequiredUriRule) : a.report_missing(object, path);
      default:
        return value ? check_paths(a, *value, path) : a.report_missing(object, path);
    }
  });
}

// #/components/schemas/ArtifactManifest/properties/source: oneOf with
// discriminator `type`.
template <class A>
bool check_source(A& a, typename A::Value& v, Path& path) {
  typename A::Object object;
  if (!a.as_object(v, object)) return a.report(ErrorKind::kModelType, v, path, {});
  typename A::Value tag;
  if (!a.find_member(object, kDiscriminator, tag)) return a.report(ErrorKind::kUnionTagNotFound, v, path, {});
  int variant = -1;
  if (a.kind(tag) == Kind::kString) {
    const std::string_view name = a.string(tag);
    for (int i = 0; i < static_cast<int>(kSourceVariants.size()); ++i) {
      if (kSourceVariants[i].tag == name) variant = i;
    }
  }
  if (variant < 0) return a.report_tag_invalid(object, tag, path);
  a.rewind(object);
  return check_source_variant(a, object, path, variant);
}

// #/components/schemas/ArtifactManifest
template <class A>
bool check_manifest(A& a, typename A::Value& v, Path& path) {
  typename A::Object object;
  if (!a.as_object(v, object)) return a.report(ErrorKind::kModelType, v, path, {});
  return a.visit_model(object, ModelSpec{kManifestFields}, [&](int field, typename A::Value* value) {
    PathScope scope(path, kManifestFields[field]);
    switch (field) {
      case kManifestName:
        return value ? check_string(a, *value, path, kNameRule) : a.report_missing(object, path);
      case kManifestMetadata:
        return value ? check_metadata(a, *value, path) : a.report_missing(object, path);
      case kManifestMlRepo:
        return value ? check_string(a, *value, path, kMlRepoRule) : a.report_missing(object, path);
      case kManifestVersion:
        return value ? check_int(a, *value, path, kVersionRule) : true;
      case kManifestType:
        return value ? check_literal(a, *value, path, kManifestTypeLiteral) : true;
      case kManifestDescription:
        return value ? check_string(a, *value, path, kDescriptionRule) : true;
      case kManifestVersionAlias:
        return value ? check_string(a, *value, path, kVersionAliasRule) : true;
      case kManifestSource:
        return value ? check_source(a, *value, path) : a.report_missing(object, path);
      case kManifestStep:
        return value ? check_int(a, *value, path, kStepRule) : true;
      default:
        return value ? check_string(a, *value, path, kRunIdRule) : true;
    }
  });
}

// #/components/schemas/ApplyArtifactRequest, the body.
template <class A>
bool check_request(A& a, typename A::Value& v, Path& path) {
  typename A::Object object;
  if (!a.as_object(v, object)) return a.report(ErrorKind::kModelType, v, path, {});
  return a.visit_model(object, ModelSpec{kRequestFields}, [&](int field, typename A::Value* value) {
    PathScope scope(path, kRequestFields[field]);
    return value ? check_manifest(a, *value, path) : a.report_missing(object, path);
  });
}

}  // namespace tfschema::rules
