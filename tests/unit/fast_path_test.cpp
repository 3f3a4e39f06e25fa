// The fast path (simdjson On-Demand) may only ever say "valid" for bodies
// the server accepts, and must say it for nearly all of them, or the speed
// is an illusion.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

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
