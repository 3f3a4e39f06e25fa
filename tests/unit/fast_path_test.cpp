// The fast path (simdjson On-Demand) may only ever say "valid" for bodies
// the server accepts, and must say it for nearly all of them, or the speed
// is an illusion.
#include <gtest/gtest.h>

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
  simdjson::ondemand::parser parser;
  std::vector<std::string_view> keys;
  size_t proved = 0;
  for (const auto& c : tfschema::testing::load_golden_cases("v2.jsonl")) {
    const simdjson::padded_string body(c.body);
    if (!tfschema::detail::stream_proves_valid(parser, body, policy, keys)) continue;
    ++proved;
    EXPECT_TRUE(strict_accepts(c.body)) << c.id;
  }
  // Repeated names anywhere are strict errors that simdjson does not report.
  const simdjson::padded_string duplicate_in_metadata(std::string(
      R"({"manifest": {"name": "m", "metadata": {"k": 1, "k": 2}, "ml_repo": "abc", "source": {"type": "truefoundry"}}})"));
  EXPECT_FALSE(tfschema::detail::stream_proves_valid(parser, duplicate_in_metadata, policy, keys));
  EXPECT_GT(proved, 500u);
}

TEST(FastPath, ProvesOnlyValidBodiesAndMostOfThem) {
  const auto cases = tfschema::testing::load_golden_cases("v2.jsonl");
  ASSERT_GT(cases.size(), 2000u);
  const auto& policy = tfschema::rules::policy_for(tfschema::Profile::kPydanticV2);
  simdjson::ondemand::parser parser;
  std::vector<std::string_view> keys;
  size_t valid = 0;
  size_t proved = 0;
  for (const auto& c : cases) {
    const simdjson::padded_string body(c.body);
    const bool fast = tfschema::detail::stream_proves_valid(parser, body, policy, keys);
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

}  // namespace
