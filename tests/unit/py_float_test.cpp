#include "text/py_float.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <random>
#include <string>

// The build may point the tests at their data; otherwise it sits next to this
// file, which works whenever the compiler was given a usable path to it.
#ifndef TFSCHEMA_TEST_DATA_DIR
#define TFSCHEMA_TEST_DATA_DIR ""
#endif

namespace tfschema::text {
namespace {

std::string data_path(const std::string& name) {
  std::string dir = TFSCHEMA_TEST_DATA_DIR;
  if (dir.empty()) {
    const std::string source = __FILE__;
    const size_t slash = source.find_last_of('/');
    dir = (slash == std::string::npos ? std::string(".") : source.substr(0, slash)) + "/data";
  }
  return dir + "/" + name;
}

std::string repr(double x) {
  std::string out;
  append_python_float_repr(x, out);
  return out;
}

TEST(PyFloatReprTest, MatchesPythonOnKnownValues) {
  struct Case {
    double value;
    const char* expected;
  };
  const Case cases[] = {
      {0.0, "0.0"},
      {-0.0, "-0.0"},
      {1.0, "1.0"},
      {-1.0, "-1.0"},
      {0.1, "0.1"},
      {0.1 + 0.2, "0.30000000000000004"},
      {1.5, "1.5"},
      {100000.0, "100000.0"},
      {1e5, "100000.0"},
      {123456789.0, "123456789.0"},
      {1e15, "1000000000000000.0"},
      {9999999999999998.0, "9999999999999998.0"},
      {1e16, "1e+16"},
      {1e20, "1e+20"},
      {1.2345678901234568e17, "1.2345678901234568e+17"},
      {1e22, "1e+22"},
      {1e23, "1e+23"},
      {0.001, "0.001"},
      {0.0001, "0.0001"},
      {0.00012, "0.00012"},
      {0.00001, "1e-05"},
      {1.5e-7, "1.5e-07"},
      {-2.5e-10, "-2.5e-10"},
      {1e100, "1e+100"},
      {1e-100, "1e-100"},
      {5e-324, "5e-324"},
      {2.2250738585072014e-308, "2.2250738585072014e-308"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {9007199254740992.0, "9007199254740992.0"},
      {3.141592653589793, "3.141592653589793"},
      {std::numeric_limits<double>::infinity(), "inf"},
      {-std::numeric_limits<double>::infinity(), "-inf"},
      {std::numeric_limits<double>::quiet_NaN(), "nan"},
      {-std::numeric_limits<double>::quiet_NaN(), "nan"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(repr(c.value), c.expected) << "value " << c.value;
  }
}

TEST(PyFloatReprTest, AppendsWithoutTouchingExistingText) {
  std::string out = "[";
  append_python_float_repr(2.5, out);
  out += ',';
  append_python_float_repr(-0.0, out);
  EXPECT_EQ(out, "[2.5,-0.0");
}

// Every line of the table was printed by CPython's repr (see
// tools/python_float_repr_table.py): random bit patterns, powers of two and
// ten with their neighbours, and short decimals around the notation switch.
TEST(PyFloatReprTest, MatchesPythonOnGeneratedTable) {
  std::ifstream in(data_path("python_float_repr.txt"));
  ASSERT_TRUE(in) << "cannot open " << data_path("python_float_repr.txt");
  std::string line;
  int checked = 0;
  int mismatches = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.find(' ');
    ASSERT_NE(space, std::string::npos) << line;
    uint64_t bits = 0;
    const auto parsed = std::from_chars(line.data(), line.data() + space, bits, 16);
    ASSERT_EQ(parsed.ec, std::errc()) << line;
    const std::string expected = line.substr(space + 1);
    const std::string actual = repr(std::bit_cast<double>(bits));
    if (actual != expected && ++mismatches <= 20) {
      ADD_FAILURE() << "bits " << line.substr(0, space) << ": got " << actual << ", Python says " << expected;
    }
    ++checked;
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_GT(checked, 10000);
}

// Properties that need no oracle, over many more doubles than the table:
// the text reads back as the same double, and its shape follows Python's rule
// (scientific exactly when the leading digit's exponent is < -4 or >= 16).
TEST(PyFloatReprTest, RoundTripsAndPicksPythonNotation) {
  std::mt19937_64 rng(12345);
  for (int i = 0; i < 400000; ++i) {
    const double x = std::bit_cast<double>(rng());
    if (!std::isfinite(x)) continue;
    const std::string text = repr(x);
    double back = 0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), back);
    ASSERT_EQ(parsed.ec, std::errc()) << text;
    ASSERT_EQ(parsed.ptr, text.data() + text.size()) << text;
    ASSERT_EQ(std::bit_cast<uint64_t>(back), std::bit_cast<uint64_t>(x)) << text;

    const bool scientific = text.find('e') != std::string::npos;
    const double magnitude = std::fabs(x);
    // Values that round into the next decade (9.99...e15 printed as 1e+16)
    // sit right at the switch; the Python table covers those, so this only
    // checks magnitudes clearly on one side.
    if (magnitude == 0 || (magnitude > 1.1e-4 && magnitude < 0.9e16)) {
      ASSERT_FALSE(scientific) << text;
      ASSERT_NE(text.find('.'), std::string::npos) << text;
    } else if (magnitude < 0.9e-4 || magnitude > 1.1e16) {
      ASSERT_TRUE(scientific) << text;
    }
  }
}

}  // namespace
}  // namespace tfschema::text
