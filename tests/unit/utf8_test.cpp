#include "text/utf8.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

namespace tfschema::text {
namespace {

// len() counts lead bytes a block at a time with a scalar tail: every
// length, every byte value, and runs long enough for the lane counters to be
// summed (255 steps of a block) with every lane full. For this build's
// target, and for each x86 variant this CPU runs (the kernel objects use
// the AVX2 and AVX-512 ones).
void expect_counts_lead_bytes(size_t (*count)(std::string_view), const char* variant) {
  SCOPED_TRACE(variant);
  const auto code_point_count = count;
  const auto reference = [](std::string_view s) {
    size_t count = 0;
    for (const unsigned char c : s) count += (c & 0xC0) != 0x80;
    return count;
  };
  std::mt19937 random(11);
  for (size_t n = 0; n <= 300; ++n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(random());
    ASSERT_EQ(code_point_count(s), reference(s)) << n;
  }
  for (int byte = 0; byte < 256; ++byte) {
    const std::string s(37, static_cast<char>(byte));
    ASSERT_EQ(code_point_count(s), reference(s)) << byte;
  }
  constexpr size_t kSteps = 255;  // the lane counters' sums
  for (const size_t n : {16 * kSteps, 16 * kSteps + 1, 16 * kSteps * 2 + 15, 32 * kSteps, 32 * kSteps + 31,
                         64 * kSteps + 63, size_t{100000}}) {
    EXPECT_EQ(code_point_count(std::string(n, 'd')), n);
    EXPECT_EQ(code_point_count(std::string(n, '\x80')), 0u);
    std::string mixed;
    while (mixed.size() < n) mixed += "d\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    EXPECT_EQ(code_point_count(mixed), reference(mixed)) << n;
  }
}

TEST(Utf8, CodePointCountCountsLeadBytes) {
  expect_counts_lead_bytes([](std::string_view s) { return code_point_count(s); }, "this build's target");
#if defined(__x86_64__)
  expect_counts_lead_bytes([](std::string_view s) { return detail::code_point_count_sse2(s); }, "sse2");
  if (__builtin_cpu_supports("avx2")) {
    expect_counts_lead_bytes([](std::string_view s) { return detail::code_point_count_avx2(s); }, "avx2");
  }
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("bmi2")) {
    expect_counts_lead_bytes([](std::string_view s) { return detail::code_point_count_avx512(s); }, "avx512");
  }
#endif
}

}  // namespace
}  // namespace tfschema::text
