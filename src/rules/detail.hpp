// The facts about a rule that an error's message and context quote, handed
// to the walker with the error so that the renderer never has to guess them
// (from the location, say).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "rules/patterns.hpp"

namespace tfschema::rules {

// Which member a kind reads (render/wording.cpp): kStringTooLong and
// kGreaterThanEqual `limit`, kStringPatternMismatch `pattern`, kLiteral
// `expected`, kUnionTagNotFound `expected`, kUnionTagInvalid `expected` and
// `choices`, kEnum `choices`; the other kinds none. Views refer to the
// schema's static tables.
struct Detail {
  int64_t limit = 0;                          // max_length, or ge
  std::optional<Pattern> pattern;             // the pattern the string missed
  std::string_view expected;                  // the Literal's value; a union's discriminator name
  std::span<const std::string_view> choices;  // a union's tags; an enum's values (in the schema's order)

  static constexpr Detail of_limit(int64_t limit) {
    Detail d;
    d.limit = limit;
    return d;
  }
  static constexpr Detail of_pattern(Pattern pattern) {
    Detail d;
    d.pattern = pattern;
    return d;
  }
  static constexpr Detail of_literal(std::string_view value) {
    Detail d;
    d.expected = value;
    return d;
  }
  static constexpr Detail of_union(std::string_view discriminator, std::span<const std::string_view> tags) {
    Detail d;
    d.expected = discriminator;
    d.choices = tags;
    return d;
  }
  static constexpr Detail of_enum(std::span<const std::string_view> values) {
    Detail d;
    d.choices = values;
    return d;
  }
};

}  // namespace tfschema::rules
