#include "text/utf8.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

namespace tfschema::text {
namespace {

// len() counts lead bytes, 16 at a time with a scalar tail: every length,
// every byte value, and runs long enough for the lane counters to be summed
// (255 steps of 16 bytes) with every lane full.
TEST(Utf8, CodePointCountCountsLeadBytes) {
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
  for (const size_t n : {size_t{16 * 255}, size_t{16 * 255 + 1}, size_t{16 * 255 * 2 + 15}, size_t{100000}}) {
    EXPECT_EQ(code_point_count(std::string(n, 'd')), n);
    EXPECT_EQ(code_point_count(std::string(n, '\x80')), 0u);
    std::string mixed;
    while (mixed.size() < n) mixed += "d\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    EXPECT_EQ(code_point_count(mixed), reference(mixed)) << n;
  }
}

}  // namespace
}  // namespace tfschema::text
