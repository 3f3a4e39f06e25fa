// The fast path (simdjson On-Demand) may only ever say "valid" for bodies
// the server accepts, and must say it for nearly all of them, or the speed
// is an illusion.
#include <gtest/gtest.h>

#include <iostream>

#include "api/fast_path.hpp"
#include "golden/golden_cases.hpp"
#include "rules/policy.hpp"

namespace {

TEST(FastPath, ProvesOnlyValidBodiesAndMostOfThem) {
  const auto cases = tfschema::testing::load_golden_cases("v2.jsonl");
  ASSERT_GT(cases.size(), 2000u);
  const auto& policy = tfschema::rules::policy_for(tfschema::Profile::kPydanticV2);
  simdjson::ondemand::parser parser;
  size_t valid = 0;
  size_t proved = 0;
  for (const auto& c : cases) {
    const simdjson::padded_string body(c.body);
    const bool fast = tfschema::detail::stream_proves_valid(parser, body, policy);
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
