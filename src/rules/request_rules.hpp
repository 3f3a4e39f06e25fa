// The rules of ApplyArtifactRequest, written once for every way of reading
// a body and every profile. `A` is a walker (walk/stream_walker.hpp: simdjson
// On-Demand, the fast path; walk/tree_walker.hpp: the Python-faithful tree,
// the exact path) that provides:
//   Value, Object, Array              handles to values
//   kStringsMayHoldLoneSurrogates     false when the reader rejects them itself
//   kVerdictOnly                      true when any error just means "not proved"
//   policy()                          the profile's switches (rules/policy.hpp)
//   kind(Value&) -> json::Kind        reads scalars; unreadable input -> a kind no rule accepts
//   string(Value&) -> string_view     the unescaped string (WTF-8)
//   python_str(Value&) -> string_view str() of a number or bool (v1 coercion)
//   int_value / big_negative / float_value(Value&)   the number read by kind()
//   open_model(Value&, Object&) -> ModelOpen         an object, or what v1's dict() made of it
//   open_dict(Value&) -> DictOpen                    a Dict[str, Any] field, fully read
//   as_array(Value&, Array&)
//   visit_model(Object&, ModelSpec, f(int field, Value* value_or_null) -> bool)
//   for_each_item(Array&, f(int64_t index, Value&) -> bool)
//   find_member(Object&, key, Value&) -> bool; rewind(Object&)
//   Path                              where errors are located (rules/path.hpp), or NoPath
//   report(kind, Value&, path, Detail), report_missing(Object&, path),
//   report_tag_invalid(Object&, Value& tag, path, Detail)
// A Detail (rules/detail.hpp) carries what an error's message quotes of its
// rule: limits, patterns, literals, tags.
// Each check returns false to stop: the walker decides whether an error
// stops the walk (fast yes/no) or is recorded and the walk goes on
// (diagnostics).
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "json/document.hpp"
#include "rules/detail.hpp"
#include "rules/lax_int.hpp"
#include "rules/path.hpp"
#include "rules/patterns.hpp"
#include "rules/policy.hpp"
#include "rules/schema.hpp"
#include "text/rfc3339.hpp"
#include "text/utf8.hpp"
#include "tfschema/error.hpp"

namespace tfschema::rules {

enum class ModelOpen : uint8_t { kOk, kNotADict, kNonStringKeys };
enum class DictOpen : uint8_t { kOk, kNotADict, kNoneKey };

using json::Kind;

// An explicit null: accepted by an Optional field, its own error in v1, or
// (nullopt) left to the type check that follows, as one more wrong type.
template <class A>
std::optional<bool> check_null(A& a, typename A::Value& v, const typename A::Path& path, Kind kind, bool nullable) {
  if (kind != Kind::kNull) return std::nullopt;
  const Policy& policy = a.policy();
  if (nullable && policy.honours_optional) return true;
  if (policy.null_handling == NullHandling::kNoneNotAllowed) return a.report(ErrorKind::kNoneNotAllowed, v, path, {});
  return std::nullopt;
}

// check_null for an object or array slot that does not allow null. A walker
// that only proves validity (kVerdictOnly) skips it: a null there fails when
// the container is opened, and which error it is does not matter to it.
template <class A>
std::optional<bool> check_null_container([[maybe_unused]] A& a, [[maybe_unused]] typename A::Value& v,
                                         [[maybe_unused]] const typename A::Path& path) {
  if constexpr (A::kVerdictOnly) {
    return std::nullopt;
  } else {
    return check_null(a, v, path, a.kind(v), false);
  }
}

// A str field (#/.../properties/<name> with type: string). Inlined: most
// strings pass, and a call costs more than checking an unconstrained one.
template <class A>
[[gnu::always_inline]] inline bool check_string(A& a, typename A::Value& v, const typename A::Path& path,
                                                const StringRule& rule) {
  const Kind kind = a.kind(v);
  if (kind == Kind::kNull && rule.nullable_in_schema) return true;
  if (auto done = check_null(a, v, path, kind, rule.nullable)) return *done;
  const Policy& policy = a.policy();
  std::string_view s;
  if (kind == Kind::kString) {
    s = a.string(v);
  } else if (policy.coerces_scalars_to_str && kind != Kind::kNull && kind != Kind::kArray && kind != Kind::kObject) {
    s = a.python_str(v);
  } else {
    return a.report(ErrorKind::kStringType, v, path, {});
  }
  if (A::kStringsMayHoldLoneSurrogates && rule.constrained() && policy.rejects_lone_surrogates_in_constrained_strings &&
      text::has_lone_surrogate(s)) {
    return a.report(ErrorKind::kStringUnicode, v, path, {});
  }
  // A string has at most as many code points as bytes: count only when the
  // bytes alone could exceed the limit.
  if (rule.max_length != 0 && s.size() > rule.max_length && text::code_point_count(s) > rule.max_length) {
    return a.report(ErrorKind::kStringTooLong, v, path, Detail::of_limit(rule.max_length));
  }
  if (rule.pattern && !matches(*rule.pattern, policy.regex, s)) {
    return a.report(ErrorKind::kStringPatternMismatch, v, path, Detail::of_pattern(*rule.pattern));
  }
  if (rule.date_time && !text::is_rfc3339_date_time(s)) return a.report(ErrorKind::kDateTimeParsing, v, path, {});
  return true;
}

// Reads a non-null value as an integer the way the profile's server does.
template <class A>
IntReading read_int(A& a, typename A::Value& v, Kind kind) {
  const IntCoercion coercion = a.policy().int_coercion;
  IntReading r;
  r.ok = true;
  switch (kind) {
    case Kind::kInt:
      r.value = IntValue::of(a.int_value(v));
      return r;
    case Kind::kBigInt:
      r.value = IntValue{true, a.big_negative(v), 0};
      return r;
    case Kind::kFalse:
    case Kind::kTrue:
      if (coercion == IntCoercion::kNone) break;
      r.value = IntValue::of(kind == Kind::kTrue ? 1 : 0);
      return r;
    case Kind::kFloat:
      if (coercion == IntCoercion::kPydanticV1) return v1_int_from_float(a.float_value(v));
      if (coercion == IntCoercion::kNone) return strict_int_from_float(a.float_value(v));
      return v2_int_from_float(a.float_value(v));
    case Kind::kString: {
      if (coercion == IntCoercion::kNone) break;
      const std::string_view s = a.string(v);
      if (coercion == IntCoercion::kPydanticV1) return v1_int_from_string(s);
      if (A::kStringsMayHoldLoneSurrogates && text::has_lone_surrogate(s)) {
        return IntReading{false, ErrorKind::kStringUnicode, {}};
      }
      return v2_int_from_string(s);
    }
    default:
      break;
  }
  // v1 words every failure "value is not a valid integer" (kIntParsing).
  return IntReading{false, coercion == IntCoercion::kPydanticV1 ? ErrorKind::kIntParsing : ErrorKind::kIntType, {}};
}

// An int field with `minimum` (version, step).
template <class A>
bool check_int(A& a, typename A::Value& v, const typename A::Path& path, const IntRule& rule) {
  const Kind kind = a.kind(v);
  if (auto done = check_null(a, v, path, kind, rule.nullable)) return *done;
  const IntReading r = read_int(a, v, kind);
  if (!r.ok) return a.report(r.error, v, path, {});
  if (!r.value.at_least(rule.minimum))
    return a.report(ErrorKind::kGreaterThanEqual, v, path, Detail::of_limit(rule.minimum));
  return true;
}

// A Literal[...] field with a default: only the exact string.
template <class A>
bool check_literal(A& a, typename A::Value& v, const typename A::Path& path, std::string_view literal) {
  const Kind kind = a.kind(v);
  if (auto done = check_null(a, v, path, kind, false)) return *done;
  if (kind == Kind::kString && a.string(v) == literal) return true;
  if (a.policy().literal_needs_hashable && (kind == Kind::kArray || kind == Kind::kObject)) {
    return a.report(ErrorKind::kUnhashable, v, path, {});
  }
  return a.report(ErrorKind::kLiteral, v, path, Detail::of_literal(literal));
}

// #/components/schemas/ArtifactManifest/properties/metadata: any object.
template <class A>
bool check_metadata(A& a, typename A::Value& v, typename A::Path& path) {
  if (auto done = check_null_container(a, v, path)) return *done;
  switch (a.open_dict(v)) {
    case DictOpen::kOk:
      return true;
    case DictOpen::kNoneKey: {
      PathScope scope(path, std::string_view("__key__"));
      return a.report(ErrorKind::kNoneNotAllowed, v, path, {});
    }
    case DictOpen::kNotADict:
      break;
  }
  return a.report(ErrorKind::kDictType, v, path, {});
}

// Opens a model slot: nullopt when `object` is open, otherwise the result of
// reporting why it is not a model.
template <class A>
[[gnu::always_inline]] inline std::optional<bool> open_model_or_report(A& a, typename A::Value& v,
                                                                       const typename A::Path& path,
                                                                       typename A::Object& object) {
  switch (a.open_model(v, object)) {
    case ModelOpen::kOk:
      return std::nullopt;
    case ModelOpen::kNonStringKeys:
      return a.report(ErrorKind::kKeywordsMustBeStrings, v, path, {});
    case ModelOpen::kNotADict:
      break;
  }
  return a.report(ErrorKind::kModelType, v, path, {});
}

// #/components/schemas/ArtifactPath
template <class A>
bool check_artifact_path(A& a, typename A::Value& v, typename A::Path& path) {
  if (auto done = check_null_container(a, v, path)) return *done;
  typename A::Object object;
  if (auto done = open_model_or_report(a, v, path, object)) return *done;
  return a.visit_model(object, ModelSpec{kArtifactPathFields}, [&](int field, typename A::Value* value) {
    PathScope scope(path, kArtifactPathFields[field]);
    if (field == kPathSrc) return value ? check_string(a, *value, path, kSrcRule) : a.report_missing(object, path);
    return value ? check_string(a, *value, path, kDestRule) : true;
  });
}

// #/components/schemas/LocalArtifactSource/properties/paths
template <class A>
bool check_paths(A& a, typename A::Value& v, typename A::Path& path) {
  if (auto done = check_null_container(a, v, path)) return *done;
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
bool check_source_variant(A& a, typename A::Object& object, typename A::Path& path, int variant) {
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

// The source union's tags, in declaration order (its errors list them).
inline constexpr auto kSourceTags = [] {
  std::array<std::string_view, kSourceVariants.size()> tags;
  for (size_t i = 0; i < tags.size(); ++i) tags[i] = kSourceVariants[i].tag;
  return tags;
}();

// #/components/schemas/ArtifactManifest/properties/source: oneOf with
// discriminator `type`.
template <class A>
bool check_source(A& a, typename A::Value& v, typename A::Path& path) {
  const Kind kind = a.kind(v);
  if (auto done = check_null(a, v, path, kind, false)) return *done;
  const Detail union_detail = Detail::of_union(kDiscriminator, kSourceTags);
  typename A::Object object;
  if (kind != Kind::kObject || a.open_model(v, object) != ModelOpen::kOk) {
    // v1 subscripts the value for its tag, which fails for every non-dict.
    return a.report(a.policy().union_needs_object ? ErrorKind::kModelType : ErrorKind::kUnionTagNotFound, v, path,
                    union_detail);
  }
  typename A::Value tag;
  if (!a.find_member(object, kDiscriminator, tag)) return a.report(ErrorKind::kUnionTagNotFound, v, path, union_detail);
  int variant = -1;
  if (a.kind(tag) == Kind::kString) {
    const std::string_view name = a.string(tag);
    for (int i = 0; i < static_cast<int>(kSourceVariants.size()); ++i) {
      if (kSourceVariants[i].tag == name) variant = i;
    }
  }
  if (variant < 0) return a.report_tag_invalid(object, tag, path, union_detail);
  a.rewind(object);
  return check_source_variant(a, object, path, variant);
}

// #/components/schemas/ArtifactManifest
template <class A>
bool check_manifest(A& a, typename A::Value& v, typename A::Path& path) {
  if (auto done = check_null_container(a, v, path)) return *done;
  typename A::Object object;
  if (auto done = open_model_or_report(a, v, path, object)) return *done;
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

// #/components/schemas/ApplyArtifactRequest, the body (never null here:
// FastAPI answers an empty or null body itself).
template <class A>
bool check_request(A& a, typename A::Value& v, typename A::Path& path) {
  typename A::Object object;
  if (auto done = open_model_or_report(a, v, path, object)) return *done;
  return a.visit_model(object, ModelSpec{kRequestFields}, [&](int field, typename A::Value* value) {
    PathScope scope(path, kRequestFields[field]);
    return value ? check_manifest(a, *value, path) : a.report_missing(object, path);
  });
}

}  // namespace tfschema::rules
