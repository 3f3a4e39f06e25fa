// The rules of the two response schemas, GetArtifactVersionResponse and
// HTTPValidationError, over the same walkers as the request's
// (rules/request_rules.hpp explains the walker interface). Only the strict
// profile validates them (no server does, so there is no Pydantic answer to
// reproduce), but the rules read the profile's switches like the request's.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

#include "rules/path.hpp"
#include "rules/request_rules.hpp"
#include "rules/response_schema.hpp"
#include "tfschema/error.hpp"
#include "tfschema/profile.hpp"

namespace tfschema::rules {

// An enum of strings (#/components/schemas/SubjectType).
template <class A, size_t N>
bool check_value(A& a, typename A::Value v, typename A::Path& path, const Enum<N>& rule) {
  if (a.kind(v) == Kind::kString) {
    const std::string_view s = a.string(v);
    for (std::string_view candidate : rule.values) {
      if (s == candidate) return true;
    }
  }
  return a.report(ErrorKind::kEnum, v, path, Detail::of_enum(rule.values));
}

// One item of ValidationError/properties/loc: anyOf [string, integer]. When
// it is neither, each branch's error is reported under the branch's name.
template <class A>
bool check_value(A& a, typename A::Value v, typename A::Path& path, const StrOrInt& rule) {
  const Kind kind = a.kind(v);
  if (kind == Kind::kString) {
    a.string(v);  // read, so that the stream walker validates it
    return true;
  }
  const IntReading as_int = kind == Kind::kNull ? IntReading{} : read_int(a, v, kind);
  if (as_int.ok) return true;
  {
    PathScope scope(path, rule.str_branch);
    if (!a.report(ErrorKind::kStringType, v, path, {})) return false;
  }
  PathScope scope(path, rule.int_branch);
  return a.report(kind == Kind::kNull ? ErrorKind::kIntType : as_int.error, v, path, {});
}

constexpr size_t location_depth(const StrOrInt&) { return 1; }  // the branch's name
template <size_t N>
constexpr size_t location_depth(const Enum<N>&) {
  return 0;
}

// The root of the chosen schema.
template <class A>
bool check_document(A& a, typename A::Value v, typename A::Path& path, Schema schema) {
  switch (schema) {
    case Schema::kResponse:
      return check_root<kGetArtifactVersionResponse>(a, v, path);
    case Schema::kError:
      return check_root<kHttpValidationError>(a, v, path);
    case Schema::kRequest:
      break;
  }
  return check_root<kApplyArtifactRequest>(a, v, path);
}

static_assert(std::max({location_depth(Nested<kApplyArtifactRequest>{}),
                        location_depth(Nested<kGetArtifactVersionResponse>{}),
                        location_depth(Nested<kHttpValidationError>{})}) <= Path::kCapacity,
              "A schema's deepest location does not fit rules::Path: raise Path::kCapacity (rules/path.hpp).");

}  // namespace tfschema::rules
