// The fast path (simdjson On-Demand) may only ever say "valid" for bodies
// the server accepts, and must say it for nearly all of them, or the speed
// is an illusion.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "api/exact_path.hpp"
#include "api/fast_path.hpp"
#include "golden/golden_cases.hpp"
#include "rules/policy.hpp"
#include "tfschema/tfschema.hpp"

namespace {

// The strict profile's verdict on a case, from the exact path alone.
bool strict_accepts(const std::string& body) {
  tfschema::Validator validator({.profile = tfschema::Profile::kStrict});
  return validator.validate(body).ok();
}

TEST(FastPath, StrictProvesOnlyWhatTheExactPathAccepts) {
  const auto& policy = tfschema::rules::policy_for(tfschema::Profile::kStrict);
  const auto kernel = tfschema::detail::make_stream_kernel();
  std::vector<std::string_view> keys;
  size_t proved = 0;
  for (const auto& c : tfschema::testing::load_golden_cases("v2.jsonl")) {
    const simdjson::padded_string body(c.body);
    if (!tfschema::detail::stream_proves_valid(*kernel, body, policy, keys)) continue;
    ++proved;
    EXPECT_TRUE(strict_accepts(c.body)) << c.id;
  }
  // Repeated names anywhere are strict errors that simdjson does not report.
  const simdjson::padded_string duplicate_in_metadata(std::string(
      R"({"manifest": {"name": "m", "metadata": {"k": 1, "k": 2}, "ml_repo": "abc", "source": {"type": "truefoundry"}}})"));
  EXPECT_FALSE(tfschema::detail::stream_proves_valid(*kernel, duplicate_in_metadata, policy, keys));
  EXPECT_GT(proved, 500u);
}

// Member names are matched on their raw bytes: an escaped spelling of a
// declared name is still that name, and a name that only starts like one is not.
TEST(FastPath, MatchesMemberNamesWhateverTheirSpelling) {
  const auto kernel = tfschema::detail::make_stream_kernel();
  std::vector<std::string_view> keys;
  const auto proves = [&](tfschema::Profile profile, const std::string& manifest_start) {
    const simdjson::padded_string body(R"({"manifest": {)" + manifest_start +
                                       R"("metadata": {}, "ml_repo": "abc", "source": {"type": "truefoundry"}}})");
    return tfschema::detail::stream_proves_valid(*kernel, body, tfschema::rules::policy_for(profile), keys);
  };
  using tfschema::Profile;
  EXPECT_TRUE(proves(Profile::kPydanticV2, R"("name": "m", )"));
  EXPECT_TRUE(proves(Profile::kPydanticV2, R"("n\u0061me": "m", )"));
  EXPECT_TRUE(proves(Profile::kStrict, R"("n\u0061me": "m", )"));
  // "name" is then missing: not valid.
  EXPECT_FALSE(proves(Profile::kPydanticV2, R"("nam": "m", )"));
  EXPECT_FALSE(proves(Profile::kPydanticV2, R"("names": "m", )"));
  EXPECT_FALSE(proves(Profile::kPydanticV2, R"("na\"me": "m", )"));
  // The same name twice, once escaped: Python keeps the last (the exact path
  // decides), strict reports it.
  EXPECT_FALSE(proves(Profile::kPydanticV2, R"("name": "m", "n\u0061me": "m", )"));
  EXPECT_FALSE(proves(Profile::kStrict, R"("name": "m", "n\u0061me": "m", )"));
  EXPECT_FALSE(proves(Profile::kStrict, R"("x": 1, "\u0078": 2, "name": "m", )"));
}

// Strings without a backslash are read in place, the others unescaped by
// simdjson: a rule sees the unescaped text either way, whatever the string's
// length around the 16-byte steps of the scan, and text Python refuses (a
// raw control character, an unknown escape) is never proved valid.
TEST(FastPath, ReadsStringsInPlaceOnlyWithoutEscapes) {
  const auto kernel = tfschema::detail::make_stream_kernel();
  std::vector<std::string_view> keys;
  const auto proves = [&](tfschema::Profile profile, const std::string& name, const std::string& metadata) {
    const simdjson::padded_string body(R"({"manifest": {"name": ")" + name + R"(", "metadata": )" + metadata +
                                       R"(, "ml_repo": "abc", "source": {"type": "external", "uri": "s3://)" + name +
                                       R"("}}})");
    return tfschema::detail::stream_proves_valid(*kernel, body, tfschema::rules::policy_for(profile), keys);
  };
  // {"<key>": <value>}, and "<text>".
  const auto object_of = [](std::string_view key, std::string_view value) {
    std::string object = "{\"";
    object += key;
    object += "\": ";
    object += value;
    object += '}';
    return object;
  };
  const auto quoted = [](std::string_view text) {
    std::string string = "\"";
    string += text;
    string += '"';
    return string;
  };
  for (const tfschema::Profile profile : tfschema::kAllProfiles) {
    SCOPED_TRACE(tfschema::profile_name(profile));
    for (const size_t size : {1, 14, 15, 16, 17, 31, 32, 33, 64, 65}) {
      SCOPED_TRACE(size);
      const std::string plain(size, 'm');
      EXPECT_TRUE(proves(profile, plain, "{}"));
      // An escape anywhere: the pattern checks "m...m-m...m", not the backslash.
      std::string escaped = plain;
      escaped.insert(size / 2, R"(\u002d)");
      EXPECT_TRUE(proves(profile, escaped, object_of(escaped, quoted(escaped))));
      std::string space = plain;
      space.insert(size / 2, R"(\u0020)");
      EXPECT_FALSE(proves(profile, space, "{}"));
      std::string tab = plain;
      tab.insert(size / 2, "\\t");
      EXPECT_TRUE(proves(profile, plain, object_of("k", quoted(tab))));
      tab[size / 2] = '\t';  // the escape's backslash becomes a raw tab
      EXPECT_FALSE(proves(profile, plain, object_of("k", quoted(tab))));
      EXPECT_FALSE(proves(profile, plain, object_of(tab, "1")));
      std::string unknown_escape = plain;
      unknown_escape += R"(\q)";
      EXPECT_FALSE(proves(profile, plain, object_of("k", quoted(unknown_escape))));
      EXPECT_FALSE(proves(profile, plain, object_of(unknown_escape, "1")));
    }
  }
}

// The yes/no reads the union's tag in place when it is the source's first
// member, and searches for it otherwise: either way every profile proves the
// same valid bodies and nothing else.
TEST(FastPath, ReadsTheUnionTagWhereverItIs) {
  const auto kernel = tfschema::detail::make_stream_kernel();
  std::vector<std::string_view> keys;
  const auto proves = [&](tfschema::Profile profile, const std::string& source) {
    const simdjson::padded_string body(R"({"manifest": {"name": "m", "metadata": {}, "ml_repo": "abc", "source": )" +
                                       source + "}}");
    return tfschema::detail::stream_proves_valid(*kernel, body, tfschema::rules::policy_for(profile), keys);
  };
  for (const tfschema::Profile profile : tfschema::kAllProfiles) {
    SCOPED_TRACE(tfschema::profile_name(profile));
    // Valid, the tag first, in the middle or last.
    EXPECT_TRUE(proves(profile, R"({"type": "external", "uri": "s3://b/k"})"));
    EXPECT_TRUE(proves(profile, R"({"uri": "s3://b/k", "type": "external"})"));
    EXPECT_TRUE(proves(profile, R"({"type": "truefoundry"})"));
    EXPECT_TRUE(proves(profile, R"({"type":"local","paths":[{"src":"a","dest":"b"}]})"));
    EXPECT_TRUE(proves(profile, R"({"paths": [{"src": "a"}], "type": "local"})"));
    EXPECT_TRUE(proves(profile, R"({"uri": "gs://b", "type": "truefoundry"})"));
    // The tag first, and the rest is checked by the member it chose.
    EXPECT_FALSE(proves(profile, R"({"type": "external"})"));                     // uri missing
    EXPECT_FALSE(proves(profile, R"({"type": "external", "uri": "http://x"})"));  // pattern
    EXPECT_FALSE(proves(profile, R"({"type": "local", "uri": "s3://b/k"})"));     // paths missing
    EXPECT_FALSE(proves(profile, R"({"type": "external", "uri": "s3://b/k", "type": "external"})"));
    EXPECT_FALSE(proves(profile, R"({"type": "external", "uri": "s3://b/k", "uri": "s3://b/k"})"));
    EXPECT_FALSE(proves(profile, R"({"type": "external", "uri": "s3://b/k",})"));  // not JSON
    EXPECT_FALSE(proves(profile, R"({"type": "external" "uri": "s3://b/k"})"));
    // Tags that name no member, or are no string.
    EXPECT_FALSE(proves(profile, R"({"type": "externa", "uri": "s3://b/k"})"));
    EXPECT_FALSE(proves(profile, R"({"type": "external2", "uri": "s3://b/k"})"));
    EXPECT_FALSE(proves(profile, R"({"type": 1, "uri": "s3://b/k"})"));
    EXPECT_FALSE(proves(profile, R"({"type": null})"));
    EXPECT_FALSE(proves(profile, R"({"type": ["local"]})"));
    EXPECT_FALSE(proves(profile, R"({"types": "external", "uri": "s3://b/k"})"));
    EXPECT_FALSE(proves(profile, R"({})"));
    EXPECT_FALSE(proves(profile, R"("external")"));
    // An escaped spelling of the tag's name or value is the exact path's.
    EXPECT_FALSE(proves(profile, R"({"t\u0079pe": "external", "uri": "s3://b/k"})"));
  }
}

// Strict rejects a repeated member name in an object of any size (pairs
// compared, hashed or sorted, by the number of names).
TEST(FastPath, StrictFindsARepeatedNameAmongMany) {
  const auto kernel = tfschema::detail::make_stream_kernel();
  const auto& strict = tfschema::rules::policy_for(tfschema::Profile::kStrict);
  const auto& v2 = tfschema::rules::policy_for(tfschema::Profile::kPydanticV2);
  std::vector<std::string_view> keys;
  const auto body_with = [](size_t names, size_t repeat_of, size_t repeated_at) {
    std::string metadata = "{";
    for (size_t i = 0; i < names; ++i) {
      if (i != 0) metadata += ", ";
      const size_t name = i == repeated_at ? repeat_of : i;
      metadata += "\"key-number-" + std::to_string(name) + "\": " + std::to_string(i);
    }
    metadata += "}";
    return simdjson::padded_string(R"({"manifest": {"name": "m", "metadata": )" + metadata +
                                   R"(, "ml_repo": "abc", "source": {"type": "truefoundry"}}})");
  };
  for (const size_t names : {2, 3, 8, 9, 16, 17, 40, 300, 512, 513, 2000}) {
    SCOPED_TRACE(names);
    const simdjson::padded_string distinct = body_with(names, 0, names);
    EXPECT_TRUE(tfschema::detail::stream_proves_valid(*kernel, distinct, strict, keys));
    for (const auto& [repeat_of, repeated_at] : {std::pair{size_t{0}, size_t{1}}, std::pair{size_t{0}, names - 1},
                                                 std::pair{names / 2, names - 1}, std::pair{names - 2, names - 1}}) {
      if (repeat_of >= repeated_at) continue;
      const simdjson::padded_string repeated = body_with(names, repeat_of, repeated_at);
      EXPECT_FALSE(tfschema::detail::stream_proves_valid(*kernel, repeated, strict, keys)) << repeat_of;
      // Any dict is a valid metadata to Pydantic, which keeps the last value.
      EXPECT_TRUE(tfschema::detail::stream_proves_valid(*kernel, repeated, v2, keys)) << repeat_of;
    }
  }
}

// Each object's names are its own: the same names in a nested object are no
// repeat, and a repeat around a nested object is found, whether the objects'
// names are few (kept in the walker's frame) or many (on the shared stack).
TEST(FastPath, StrictKeepsEachObjectsNamesApart) {
  const auto kernel = tfschema::detail::make_stream_kernel();
  const auto& strict = tfschema::rules::policy_for(tfschema::Profile::kStrict);
  std::vector<std::string_view> keys;
  const auto object_with = [](size_t names, size_t first, const std::string& nested_at_2) {
    std::string object = "{";
    for (size_t i = 0; i < names; ++i) {
      if (i != 0) object += ", ";
      object += "\"k" + std::to_string(first + i) + "\": " + (i == 2 ? nested_at_2 : std::to_string(i));
    }
    return object + "}";
  };
  const auto body_with = [](const std::string& metadata) {
    return simdjson::padded_string(R"({"manifest": {"name": "m", "metadata": )" + metadata +
                                   R"(, "ml_repo": "abc", "source": {"type": "truefoundry"}}})");
  };
  for (const size_t outer : {3, 8, 9, 20}) {
    for (const size_t inner : {3, 8, 9, 20}) {
      SCOPED_TRACE(std::to_string(outer) + " outer names, " + std::to_string(inner) + " inner");
      const std::string nested = object_with(inner, 0, "0");
      EXPECT_TRUE(
          tfschema::detail::stream_proves_valid(*kernel, body_with(object_with(outer, 0, nested)), strict, keys));
      // The outer object's last name repeats its first, after the nested object closed.
      std::string repeated = object_with(outer, 0, nested);
      repeated.insert(repeated.size() - 1, ", \"k0\": 1");
      EXPECT_FALSE(tfschema::detail::stream_proves_valid(*kernel, body_with(repeated), strict, keys));
      // The nested object repeats its own first name.
      std::string nested_repeated = nested;
      nested_repeated.insert(nested_repeated.size() - 1, ", \"k0\": 1");
      EXPECT_FALSE(tfschema::detail::stream_proves_valid(*kernel, body_with(object_with(outer, 100, nested_repeated)),
                                                         strict, keys));
    }
  }
}

// Numbers no rule constrains (metadata) are read for validity only: every
// number simdjson reads as a double is one Python reads, and the exact path
// agrees; one beyond the double range is left to it.
TEST(FastPath, ReadsUnconstrainedNumbersForValidityOnly) {
  const auto kernel = tfschema::detail::make_stream_kernel();
  std::vector<std::string_view> keys;
  const auto body_with = [](const std::string& metadata) {
    return simdjson::padded_string(R"({"manifest": {"name": "m", "metadata": )" + metadata +
                                   R"(, "ml_repo": "abc", "source": {"type": "truefoundry"}}})");
  };
  for (const tfschema::Profile profile : tfschema::kAllProfiles) {
    SCOPED_TRACE(tfschema::profile_name(profile));
    const auto& policy = tfschema::rules::policy_for(profile);
    tfschema::Validator exact({.profile = profile});
    for (const std::string metadata :
         {R"({"i": 7, "f": 4.5, "e": -1.5e-7, "u": 18446744073709551615, "big": 123456789012345678901234567890})",
          R"({"n": -99999999999999999999, "deep": [[1e308, -0.0], {"x": 0}]})"}) {
      const simdjson::padded_string body = body_with(metadata);
      EXPECT_TRUE(tfschema::detail::stream_proves_valid(*kernel, body, policy, keys)) << metadata;
      EXPECT_TRUE(tfschema::detail::validate_on_tree(exact, body).ok()) << metadata;
    }
    for (const std::string metadata : {R"({"x": 1e400})", R"({"x": 01})", R"({"x": 1.})", R"({"x": -})"}) {
      EXPECT_FALSE(tfschema::detail::stream_proves_valid(*kernel, body_with(metadata), policy, keys)) << metadata;
    }
  }
}

TEST(FastPath, ProvesOnlyValidBodiesAndMostOfThem) {
  const auto cases = tfschema::testing::load_golden_cases("v2.jsonl");
  ASSERT_GT(cases.size(), 2000u);
  const auto& policy = tfschema::rules::policy_for(tfschema::Profile::kPydanticV2);
  const auto kernel = tfschema::detail::make_stream_kernel();
  std::vector<std::string_view> keys;
  size_t valid = 0;
  size_t proved = 0;
  for (const auto& c : cases) {
    const simdjson::padded_string body(c.body);
    const bool fast = tfschema::detail::stream_proves_valid(*kernel, body, policy, keys);
    if (fast) {
      EXPECT_EQ(c.status, 200) << c.id << ": the fast path accepted a body the server rejects";
    }
    valid += c.status == 200;
    proved += fast;
  }
  // The rest hold what simdjson does not read as Python does: NaN, integers
  // beyond 64 bits, escaped or repeated member names, BOMs, UTF-16, deep nesting.
  EXPECT_GE(proved * 100, valid * 80) << proved << " of " << valid << " valid bodies proved on the fast path";
  std::cout << "fast path proved " << proved << " of " << valid << " valid golden bodies\n";
}

// Each kernel compiled in that this CPU runs (fast_path.hpp) says the same of
// every golden body in every profile as the scalar one, and the kernel the
// validators use is one of them.
TEST(FastPath, EveryKernelGivesTheFallbacksVerdicts) {
  const auto names = tfschema::detail::compiled_stream_kernels();
  ASSERT_NE(std::find(names.begin(), names.end(), tfschema::simd_kernel()), names.end()) << tfschema::simd_kernel();
  const auto fallback = tfschema::detail::make_stream_kernel("fallback");
  if (fallback == nullptr) GTEST_SKIP() << "one kernel compiled in (TFSCHEMA_NATIVE): " << tfschema::simd_kernel();
  const auto cases = tfschema::testing::load_golden_cases("v2.jsonl");
  std::vector<std::string_view> keys;
  size_t compared = 0;
  for (const std::string_view name : names) {
    const auto kernel = tfschema::detail::make_stream_kernel(name);
    if (kernel == nullptr || name == "fallback") continue;  // this CPU cannot run it
    ++compared;
    for (const tfschema::Profile profile : tfschema::kAllProfiles) {
      const auto& policy = tfschema::rules::policy_for(profile);
      for (const auto& c : cases) {
        const simdjson::padded_string body(c.body);
        const auto expected = fallback->verdict(body, policy, keys, tfschema::Schema::kRequest);
        EXPECT_EQ(kernel->verdict(body, policy, keys, tfschema::Schema::kRequest), expected)
            << name << " " << tfschema::profile_name(profile) << " " << c.id;
      }
    }
  }
  std::cout << "compared " << compared << " kernel(s) with fallback; validators use " << tfschema::simd_kernel()
            << "\n";
}

}  // namespace
