// The rules of ApplyArtifactRequest, written once for every way of reading
// a body and every profile. `A` is a walker (walk/stream_walker.hpp: simdjson
// On-Demand, the fast path; walk/tree_walker.hpp: the Python-faithful tree,
// the exact path) that provides:
//   Value, Object, Array              handles to values
//   kStringsMayHoldLoneSurrogates     false when the reader rejects them itself
//   kVerdictOnly                      true when any error just means "not proved"
//   policy()                          the profile's switches (rules/policy.hpp)
//   kind(Value) -> json::Kind         reads scalars; unreadable input -> a kind no rule accepts
//   string(Value) -> string_view      the unescaped string (WTF-8)
//   python_str(Value) -> string_view  str() of a number or bool (v1 coercion)
//   int_value / big_negative / float_value(Value)    the number read by kind()
//   open_model(Value, Object&) -> ModelOpen          an object, or what v1's dict() made of it
//   open_dict(Value) -> DictOpen                     a Dict[str, Any] field, fully read
//   as_array(Value, Array&)
//   visit_model<kNames>(Object&, f(int field, Value* value_or_null) -> bool)   kNames: the field names
//   kMaxModelFields                   the most fields visit_model can track (rules::kMaxModelFields)
//   for_each_item(Array&, f(int64_t index, Value) -> bool)
//   find_member(Object&, key, Value&) -> bool; rewind(Object&)
//   optionally kReadsLeadingTag and visit_by_leading_tag (see ReadsLeadingTag), and
//   kTakesRequiredFields (see TakesRequiredFields)
//   Path                              where errors are located (rules/path.hpp), or NoPath
//   report(kind, Value, path, Detail), report_missing(Object&, path),
//   report_tag_invalid(Object&, Value tag, path, Detail)
// Values are passed by value: a simdjson On-Demand value is a small iterator,
// and GCC keeps a copy in registers where a reference makes it spill and
// reload it around every read of the document (simdjson pull request #2819).
// A Detail (rules/detail.hpp) carries what an error's message quotes of its
// rule: limits, patterns, literals, tags.
// Each check returns false to stop: the walker decides whether an error
// stops the walk (fast yes/no) or is recorded and the walk goes on
// (diagnostics).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string_view>
#include <type_traits>

#include "json/document.hpp"
#include "rules/detail.hpp"
#include "rules/lax_int.hpp"
#include "rules/model.hpp"
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

// Equal texts, compared inline: a literal or a union tag is a few bytes
// long, and a call of memcmp (what std::string_view's == makes) costs more
// than the comparison on the fast path.
[[gnu::always_inline]] inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// An explicit null: accepted by an Optional field, its own error in v1, or
// (nullopt) left to the type check that follows, as one more wrong type.
template <class A>
std::optional<bool> check_null(A& a, typename A::Value v, const typename A::Path& path, Kind kind, bool nullable) {
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
[[gnu::always_inline]] inline std::optional<bool> check_null_container([[maybe_unused]] A& a,
                                                                       [[maybe_unused]] typename A::Value v,
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
[[gnu::always_inline]] inline bool check_string(A& a, typename A::Value v, const typename A::Path& path,
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
IntReading read_int(A& a, typename A::Value v, Kind kind) {
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
[[gnu::always_inline]] inline bool check_int(A& a, typename A::Value v, const typename A::Path& path,
                                             const IntRule& rule) {
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
[[gnu::always_inline]] inline bool check_literal(A& a, typename A::Value v, const typename A::Path& path,
                                                 std::string_view literal) {
  const Kind kind = a.kind(v);
  if (auto done = check_null(a, v, path, kind, false)) return *done;
  if (kind == Kind::kString && same_text(a.string(v), literal)) return true;
  if (a.policy().literal_needs_hashable && (kind == Kind::kArray || kind == Kind::kObject)) {
    return a.report(ErrorKind::kUnhashable, v, path, {});
  }
  return a.report(ErrorKind::kLiteral, v, path, Detail::of_literal(literal));
}

// #/components/schemas/ArtifactManifest/properties/metadata: any object.
template <class A>
[[gnu::always_inline]] inline bool check_metadata(A& a, typename A::Value v, typename A::Path& path) {
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
[[gnu::always_inline]] inline std::optional<bool> open_model_or_report(A& a, typename A::Value v,
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

// The rules of a value, one overload per rule type (rules/model.hpp,
// rules/schema.hpp); a model's fields are checked by check_fields below.
template <class A>
[[gnu::always_inline]] inline bool check_value(A& a, typename A::Value v, typename A::Path& path,
                                               const StringRule& rule) {
  return check_string(a, v, path, rule);
}
template <class A>
[[gnu::always_inline]] inline bool check_value(A& a, typename A::Value v, typename A::Path& path, const IntRule& rule) {
  return check_int(a, v, path, rule);
}
template <class A>
[[gnu::always_inline]] inline bool check_value(A& a, typename A::Value v, typename A::Path& path, const Literal& rule) {
  return check_literal(a, v, path, rule.value);
}
template <class A>
[[gnu::always_inline]] inline bool check_value(A& a, typename A::Value v, typename A::Path& path, const AnyObject&) {
  return check_metadata(a, v, path);
}

// A rule of one value with no structure below it (a scalar's, metadata's).
template <class Rule>
inline constexpr bool kIsScalarRule = std::is_same_v<Rule, StringRule> || std::is_same_v<Rule, IntRule> ||
                                      std::is_same_v<Rule, Literal> || std::is_same_v<Rule, AnyObject>;

// The walks that report errors check a scalar rule through one copy of its
// code per rule type (the rule an argument), where the yes/no inlines it
// with each field's rule folded in. The collecting walk runs between the
// yes/no and the renderer, and its code competes with theirs for the
// instruction cache: this leaves 3 KB less code to fetch per rejected body
// (callgrind, bench/data/invalid.json). The value by reference: see
// StreamWalker::open_model.
template <class A, class Rule>
[[gnu::noinline]] bool check_scalar_out_of_line(A& a, typename A::Value& v, typename A::Path& path, const Rule& rule) {
  return check_value(a, v, path, rule);
}

// One field of kModel: an error if it is missing and required, otherwise
// its rule on its value.
template <const auto& kModel, class A>
[[gnu::always_inline]] inline bool check_field(A& a, typename A::Object& object, typename A::Path& path, int index,
                                               typename A::Value* value) {
  using M = std::remove_cvref_t<decltype(kModel)>;
  static_assert(M::kSize <= A::kMaxModelFields,
                "A model has more fields than this walker can hold: raise rules::kMaxModelFields (rules/model.hpp).");
  PathScope scope(path, kModel.names()[static_cast<size_t>(index)]);
  if (value == nullptr) return kModel.required(index) ? a.report_missing(object, path) : true;
  constexpr bool kArmPerField = kModel.arm_count() == M::kSize;
  const int arm = kArmPerField ? index : kModel.arm_of(index);
  return with_index<kModel.arm_count()>(arm, [&]<size_t kArm>(std::integral_constant<size_t, kArm>) {
    // A constant of its own: GCC folds its members where the rule is
    // checked, which it does not do for a member of the model's table.
    static constexpr auto kRule = kModel.template field<kModel.first_field_of_arm(kArm)>().rule;
    if constexpr (!A::kVerdictOnly && kIsScalarRule<std::remove_cvref_t<decltype(kRule)>>) {
      return check_scalar_out_of_line(a, *value, path, kRule);
    } else {
      return check_value(a, *value, path, kRule);
    }
  });
}

// The fields a model requires, as bits in declaration order.
template <uint64_t kBits>
struct RequiredFields {};

// A walker that only proves validity and takes a model's RequiredFields
// (kTakesRequiredFields; StreamWalker): it visits no absent optional field,
// since such a visit cannot fail.
template <class A>
concept TakesRequiredFields = requires {
  requires A::kTakesRequiredFields;
};

// The fields of an open object, in the model's declaration order. `resume`:
// a walker's place after a member it read already (visit_by_leading_tag).
template <const auto& kModel, class A, class... Resume>
bool check_fields(A& a, typename A::Object& object, typename A::Path& path, Resume&... resume) {
  // The names as a constant of their own, so that a walker that compares
  // them inline compares with constants (see kRule in check_field).
  static constexpr auto kNames = kModel.names();
  const auto visit = [&](int index, typename A::Value* value) {
    return check_field<kModel>(a, object, path, index, value);
  };
  if constexpr (TakesRequiredFields<A>) {
    return a.template visit_model<kNames>(object, visit, RequiredFields<kModel.required_mask()>{}, resume...);
  } else {
    return a.template visit_model<kNames>(object, visit, resume...);
  }
}

// A model slot (#/components/schemas/<Model>).
template <const auto& kModel, class A>
[[gnu::always_inline]] inline bool check_model(A& a, typename A::Value v, typename A::Path& path) {
  if (auto done = check_null_container(a, v, path)) return *done;
  typename A::Object object;
  if (auto done = open_model_or_report(a, v, path, object)) return *done;
  return check_fields<kModel>(a, object, path);
}
// type: array, with `items`.
template <class A, class Item>
[[gnu::always_inline]] inline bool check_value(A& a, typename A::Value v, typename A::Path& path,
                                               const ListOf<Item>& rule) {
  if (auto done = check_null_container(a, v, path)) return *done;
  typename A::Array array;
  if (!a.as_array(v, array)) return a.report(ErrorKind::kListType, v, path, {});
  return a.for_each_item(array, [&](int64_t index, typename A::Value item) {
    PathScope scope(path, index);
    return check_value(a, item, path, rule.item);
  });
}

// A walker that may read a union's tag in place when it comes first in its
// object (kReadsLeadingTag; StreamWalker::visit_by_leading_tag): the tag is
// read once, and the search and the second pass are for the other orders.
template <class A>
concept ReadsLeadingTag = requires {
  requires A::kReadsLeadingTag;
};

// The member of kUnion that `tag` names: its index, or -1 when the tag is
// not a string or names no member.
template <const auto& kUnion, class A>
[[gnu::always_inline]] inline int tagged_member(A& a, typename A::Value& tag) {
  if (a.kind(tag) != Kind::kString) return -1;
  const std::string_view name = a.string(tag);
  // Each tag is a constant: its size is compared first, then its bytes as a
  // few words, inline, tag after tag (a loop over the table compares bytes).
  int member = -1;
  [&]<size_t... I>(std::index_sequence<I...>) {
    (void)(((name.size() == kUnion.tags[I].size() &&
             std::memcmp(name.data(), kUnion.tags[I].data(), kUnion.tags[I].size()) == 0) &&
            (member = static_cast<int>(I), true)) ||
           ...);
  }
  (std::make_index_sequence<kUnion.tags.size()>{});
  return member;
}

// A oneOf with a discriminator (#/.../ArtifactManifest/properties/source):
// the member its tag names checks the object, and its errors carry the tag
// (or the class name) in their location.
template <const auto& kUnion, class A>
[[gnu::always_inline]] inline bool check_union(A& a, typename A::Value v, typename A::Path& path) {
  using U = std::remove_cvref_t<decltype(kUnion)>;
  const Kind kind = a.kind(v);
  if (auto done = check_null(a, v, path, kind, false)) return *done;
  const Detail union_detail = Detail::of_union(kUnion.discriminator, kUnion.tags);
  typename A::Object object;
  if (kind != Kind::kObject || a.open_model(v, object) != ModelOpen::kOk) {
    // v1 subscripts the value for its tag, which fails for every non-dict.
    return a.report(a.policy().union_needs_object ? ErrorKind::kModelType : ErrorKind::kUnionTagNotFound, v, path,
                    union_detail);
  }
  // The member's step in its errors' locations.
  const auto member_step = [&](size_t member) {
    return a.policy().union_loc_is_class_name ? kUnion.class_names[member] : kUnion.tags[member];
  };
  if constexpr (ReadsLeadingTag<A>) {
    const std::optional<bool> done =
        a.template visit_by_leading_tag<kUnion>(object, [&]<size_t I>(std::integral_constant<size_t, I>, auto& resume) {
          PathScope scope(path, member_step(I));
          return check_fields<U::template Member<I>::model>(a, object, path, resume);
        });
    if (done) return *done;
  }
  typename A::Value tag;
  if (!a.find_member(object, kUnion.discriminator, tag)) {
    return a.report(ErrorKind::kUnionTagNotFound, v, path, union_detail);
  }
  const int member = tagged_member<kUnion>(a, tag);
  if (member < 0) return a.report_tag_invalid(object, tag, path, union_detail);
  a.rewind(object);
  PathScope scope(path, member_step(static_cast<size_t>(member)));
  // One walk per member, so that each compares member names with its own
  // constants.
  return with_index<U::kSize>(member, [&]<size_t I>(std::integral_constant<size_t, I>) {
    return check_fields<U::template Member<I>::model>(a, object, path);
  });
}

// A value declared by a named table: a model or a tagged union.
template <class A, const auto& kDeclaration>
[[gnu::always_inline]] inline bool check_value(A& a, typename A::Value v, typename A::Path& path,
                                               Nested<kDeclaration>) {
  if constexpr (is_tagged_union<std::remove_cvref_t<decltype(kDeclaration)>>) {
    return check_union<kDeclaration>(a, v, path);
  } else {
    return check_model<kDeclaration>(a, v, path);
  }
}

// How many items a rule may add below the location of its value (its
// fields, indices, union tags, v1's "__key__"): rules::Path must hold the
// deepest of them (checked with the roots, rules/response_rules.hpp).
constexpr size_t location_depth(const StringRule&) { return 0; }
constexpr size_t location_depth(const IntRule&) { return 0; }
constexpr size_t location_depth(const Literal&) { return 0; }
constexpr size_t location_depth(const AnyObject&) { return 1; }  // metadata.__key__
template <class Item>
constexpr size_t location_depth(const ListOf<Item>& rule) {
  return 1 + location_depth(rule.item);
}
template <const auto& kDeclaration>
constexpr size_t location_depth(Nested<kDeclaration>) {
  using D = std::remove_cvref_t<decltype(kDeclaration)>;
  size_t deepest = 0;
  if constexpr (is_tagged_union<D>) {
    [&]<size_t... I>(std::index_sequence<I...>) {
      ((deepest = std::max(deepest, 1 + location_depth(Nested<D::template Member<I>::model>{}))), ...);
    }
    (std::make_index_sequence<D::kSize>{});
  } else {
    [&]<size_t... I>(std::index_sequence<I...>) {
      ((deepest = std::max(deepest, 1 + location_depth(kDeclaration.template field<I>().rule))), ...);
    }
    (std::make_index_sequence<D::kSize>{});
  }
  return deepest;
}

// The root of a document: never null here (FastAPI answers an empty or
// null body itself).
template <const auto& kModel, class A>
bool check_root(A& a, typename A::Value v, typename A::Path& path) {
  typename A::Object object;
  if (auto done = open_model_or_report(a, v, path, object)) return *done;
  return check_fields<kModel>(a, object, path);
}

}  // namespace tfschema::rules
