// How a schema's shapes are declared: one table per model (an object with
// declared fields) that holds each field's name, whether it is required and
// its rule. Everything else is derived from that table at compile time: the
// name table the walkers match member names against, the dispatch from a
// field's index to its rule, a tagged union's tags. The checks that a model
// fits the walkers run when the table is compiled.
//
//   inline constexpr Model kArtifactPath{
//       Field{"src", kRequired, StringRule{}},
//       Field{"dest", kOptional, StringRule{.nullable = true}},
//   };
//
// Rules (rules/schema.hpp) are plain values; rules/request_rules.hpp has one
// check_value() overload per rule type.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace tfschema::rules {

// The most fields one model may declare. The walkers size their per-object
// bookkeeping from it (walk/stream_walker.hpp: a mask of the fields seen;
// walk/tree_walker.hpp: one slot per field): raise it here and both follow.
inline constexpr size_t kMaxModelFields = 16;
static_assert(kMaxModelFields <= 64, "Model keeps which fields are required in a 64-bit mask.");

// The longest field name. The stream walker compares a member's raw bytes
// with each name and reads one byte past it, inside simdjson's padding.
inline constexpr size_t kMaxFieldNameBytes = 48;

// What the walkers see of a model: its field names in declaration order,
// which is also the order its errors are reported in.
struct ModelSpec {
  std::span<const std::string_view> fields;
};

enum class Presence : bool { kOptional, kRequired };
inline constexpr Presence kOptional = Presence::kOptional;
inline constexpr Presence kRequired = Presence::kRequired;

namespace model_detail {
// Sixteen entries of with_index() from Base on, as one `switch` (a jump
// table), and the next sixteen after them.
template <size_t Base, size_t N, class F>
[[gnu::always_inline]] inline bool with_index_from(int index, F& f) {
#define TFSCHEMA_INDEX_CASE(k)                                \
  case k:                                                     \
    if constexpr (Base + (k) < N) {                           \
      return f(std::integral_constant<size_t, Base + (k)>{}); \
    }                                                         \
    break;
  switch (index - static_cast<int>(Base)) {
    TFSCHEMA_INDEX_CASE(0)
    TFSCHEMA_INDEX_CASE(1)
    TFSCHEMA_INDEX_CASE(2)
    TFSCHEMA_INDEX_CASE(3)
    TFSCHEMA_INDEX_CASE(4)
    TFSCHEMA_INDEX_CASE(5)
    TFSCHEMA_INDEX_CASE(6)
    TFSCHEMA_INDEX_CASE(7)
    TFSCHEMA_INDEX_CASE(8)
    TFSCHEMA_INDEX_CASE(9)
    TFSCHEMA_INDEX_CASE(10)
    TFSCHEMA_INDEX_CASE(11)
    TFSCHEMA_INDEX_CASE(12)
    TFSCHEMA_INDEX_CASE(13)
    TFSCHEMA_INDEX_CASE(14)
    TFSCHEMA_INDEX_CASE(15)
    default:  // beyond this block
      if constexpr (Base + 16 < N) return with_index_from<Base + 16, N>(index, f);
      break;
  }
#undef TFSCHEMA_INDEX_CASE
  return false;  // not reached: 0 <= index < N
}
}  // namespace model_detail

// f(std::integral_constant<size_t, I>{}) for I == index (0 <= index < N), and
// its result: a `switch` over a table's entries, generated from the table.
// Each entry gets its own instantiation of f, so its rule stays a constant.
template <size_t N, class F>
[[gnu::always_inline]] inline bool with_index(int index, F&& f) {
  return model_detail::with_index_from<0, N>(index, f);
}

template <class Rule>
struct Field {
  std::string_view name;
  Presence presence;
  Rule rule;

  constexpr bool required() const { return presence == Presence::kRequired; }
};
// (The deduction guides below are for clang 14, which lacks C++20's
// deduction for aggregates.)
template <class Rule>
Field(std::string_view, Presence, Rule) -> Field<Rule>;

namespace model_detail {
// Called only while a table is compiled: a call of a function that is not
// constexpr makes the table's compilation fail, and the compiler names it.
inline void error_field_name_is_empty() {}
inline void error_field_name_longer_than_kMaxFieldNameBytes() {}
inline void error_field_name_holds_a_quote_backslash_or_control_character() {}
inline void error_field_name_declared_twice() {}
}  // namespace model_detail

template <class... Rules>
class Model {
 public:
  static constexpr size_t kSize = sizeof...(Rules);
  static_assert(kSize <= kMaxModelFields,
                "This model declares more fields than the walkers can hold: raise rules::kMaxModelFields "
                "(src/rules/model.hpp); both walkers size their bookkeeping from it.");

  consteval explicit Model(const Field<Rules>&... fields) : fields_(fields...), names_{fields.name...} {
    const auto alike = alike_table(std::make_index_sequence<kSize>{});
    const std::array<bool, kSize> required{fields.required()...};
    for (size_t i = 0; i < kSize; ++i) {
      if (required[i]) required_mask_ |= uint64_t{1} << i;
      size_t j = 0;
      while (j < i && !alike[i][j]) ++j;
      if (j < i) {
        arm_of_[i] = arm_of_[j];
      } else {
        arm_field_[arm_count_] = i;
        arm_of_[i] = static_cast<int>(arm_count_++);
      }
    }
    for (size_t i = 0; i < kSize; ++i) {
      const std::string_view name = names_[i];
      if (name.empty()) model_detail::error_field_name_is_empty();
      if (name.size() > kMaxFieldNameBytes) model_detail::error_field_name_longer_than_kMaxFieldNameBytes();
      for (const char c : name) {
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
          model_detail::error_field_name_holds_a_quote_backslash_or_control_character();
        }
      }
      for (size_t j = 0; j < i; ++j) {
        if (names_[j] == name) model_detail::error_field_name_declared_twice();
      }
    }
  }

  constexpr const std::array<std::string_view, kSize>& names() const { return names_; }
  template <size_t I>
  constexpr const auto& field() const {
    return std::get<I>(fields_);
  }

  constexpr bool required(int field) const { return (required_mask_ >> field) & 1; }
  constexpr uint64_t required_mask() const { return required_mask_; }  // bit i: field i

  // Fields with the same rule share one arm of the dispatch, as `case`
  // labels share one: each rule is compiled once per model. Arms are
  // numbered in declaration order.
  constexpr size_t arm_count() const { return arm_count_; }
  constexpr int arm_of(int field) const { return arm_of_[static_cast<size_t>(field)]; }
  constexpr size_t first_field_of_arm(size_t arm) const { return arm_field_[arm]; }

 private:
  // constexpr, not consteval: clang 14 rejects a consteval member function
  // called on *this from the consteval constructor. They run there only.
  template <size_t I, size_t J>
  constexpr bool alike() const {
    const auto& a = std::get<I>(fields_);
    const auto& b = std::get<J>(fields_);
    if constexpr (std::is_same_v<decltype(a), decltype(b)>) {
      return a.rule == b.rule;
    } else {
      return false;
    }
  }
  template <size_t I, size_t... J>
  constexpr std::array<bool, kSize> alike_row(std::index_sequence<J...>) const {
    return {alike<I, J>()...};
  }
  template <size_t... I>
  constexpr std::array<std::array<bool, kSize>, kSize> alike_table(std::index_sequence<I...>) const {
    return {alike_row<I>(std::make_index_sequence<kSize>{})...};
  }

  std::tuple<Field<Rules>...> fields_;
  std::array<std::string_view, kSize> names_;
  std::array<int, kSize> arm_of_{};
  std::array<size_t, kSize> arm_field_{};
  size_t arm_count_ = 0;
  uint64_t required_mask_ = 0;
};

template <class... Rules>
Model(Field<Rules>...) -> Model<Rules...>;

// A field whose value is described by kDeclaration, a Model or a
// TaggedUnion (a named constant, so that the rules of its fields stay
// compile-time constants where they are checked).
template <const auto& kDeclaration>
struct Nested {
  friend constexpr bool operator==(Nested, Nested) = default;
};

// type: array, each item checked by `item`.
template <class Item>
struct ListOf {
  Item item;
  friend constexpr bool operator==(const ListOf&, const ListOf&) = default;
};
template <class Item>
ListOf(Item) -> ListOf<Item>;

// One member of a tagged union: the model (which declares the
// discriminator as a required Literal: its tag) and the Pydantic class name
// (pydantic-v1 names the member by it in `loc`).
template <const auto& kModel>
struct UnionMember {
  static constexpr const auto& model = kModel;
  std::string_view class_name;
};

// A Literal[...] field: only this exact string.
struct Literal {
  std::string_view value;
  friend constexpr bool operator==(const Literal&, const Literal&) = default;
};

namespace model_detail {
inline void error_union_member_lacks_a_required_Literal_discriminator() {}
inline void error_union_tag_declared_twice() {}

// The tag of a union member: its discriminator field's Literal.
template <class M, size_t... I>
consteval std::string_view tag_of(const M& model, std::string_view discriminator, std::index_sequence<I...>) {
  std::string_view tag;
  const auto look = [&](const auto& field) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(field.rule)>, Literal>) {
      if (field.name == discriminator && field.required()) tag = field.rule.value;
    }
  };
  (look(model.template field<I>()), ...);
  if (tag.empty()) error_union_member_lacks_a_required_Literal_discriminator();
  return tag;
}
}  // namespace model_detail

// A discriminated union (oneOf with a discriminator): the member is chosen
// by the value of the discriminator field. Each tag is the member model's
// Literal for that field, so it is declared once, where Pydantic declares it.
template <class... Members>
class TaggedUnion {
 public:
  static constexpr size_t kSize = sizeof...(Members);

  consteval TaggedUnion(std::string_view discriminator, Members... members)
      : discriminator(discriminator),
        tags{model_detail::tag_of(Members::model, discriminator,
                                  std::make_index_sequence<std::remove_cvref_t<decltype(Members::model)>::kSize>{})...},
        class_names{members.class_name...} {
    for (size_t i = 0; i < kSize; ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (tags[i] == tags[j]) model_detail::error_union_tag_declared_twice();
      }
    }
  }

  std::string_view discriminator;
  std::array<std::string_view, kSize> tags;         // in declaration order
  std::array<std::string_view, kSize> class_names;  // same order

  template <size_t I>
  using Member = std::tuple_element_t<I, std::tuple<Members...>>;
};

template <class T>
inline constexpr bool is_tagged_union = false;
template <class... Members>
inline constexpr bool is_tagged_union<TaggedUnion<Members...>> = true;

}  // namespace tfschema::rules
