#include "text/py_json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>

namespace tfschema::text {
namespace {

std::string dumped(std::string_view wtf8, LoneSurrogatePolicy policy = LoneSurrogatePolicy::kEscape) {
  std::string out;
  append_python_json_string(wtf8, out, policy);
  return out;
}

// json.dumps(chr(i), ensure_ascii=False) for i in 0..127, as printed by
// /usr/bin/python3 (CPython 3.11.2):
//   [json.dumps(chr(i), ensure_ascii=False) for i in range(128)]
constexpr const char* kPythonAscii[128] = {
    R"j("\u0000")j", R"j("\u0001")j", R"j("\u0002")j", R"j("\u0003")j", R"j("\u0004")j", R"j("\u0005")j",
    R"j("\u0006")j", R"j("\u0007")j", R"j("\b")j",     R"j("\t")j",     R"j("\n")j",     R"j("\u000b")j",
    R"j("\f")j",     R"j("\r")j",     R"j("\u000e")j", R"j("\u000f")j", R"j("\u0010")j", R"j("\u0011")j",
    R"j("\u0012")j", R"j("\u0013")j", R"j("\u0014")j", R"j("\u0015")j", R"j("\u0016")j", R"j("\u0017")j",
    R"j("\u0018")j", R"j("\u0019")j", R"j("\u001a")j", R"j("\u001b")j", R"j("\u001c")j", R"j("\u001d")j",
    R"j("\u001e")j", R"j("\u001f")j", R"j(" ")j",      R"j("!")j",      R"j("\"")j",     R"j("#")j",
    R"j("$")j",      R"j("%")j",      R"j("&")j",      R"j("'")j",      R"j("(")j",      R"j(")")j",
    R"j("*")j",      R"j("+")j",      R"j(",")j",      R"j("-")j",      R"j(".")j",      R"j("/")j",
    R"j("0")j",      R"j("1")j",      R"j("2")j",      R"j("3")j",      R"j("4")j",      R"j("5")j",
    R"j("6")j",      R"j("7")j",      R"j("8")j",      R"j("9")j",      R"j(":")j",      R"j(";")j",
    R"j("<")j",      R"j("=")j",      R"j(">")j",      R"j("?")j",      R"j("@")j",      R"j("A")j",
    R"j("B")j",      R"j("C")j",      R"j("D")j",      R"j("E")j",      R"j("F")j",      R"j("G")j",
    R"j("H")j",      R"j("I")j",      R"j("J")j",      R"j("K")j",      R"j("L")j",      R"j("M")j",
    R"j("N")j",      R"j("O")j",      R"j("P")j",      R"j("Q")j",      R"j("R")j",      R"j("S")j",
    R"j("T")j",      R"j("U")j",      R"j("V")j",      R"j("W")j",      R"j("X")j",      R"j("Y")j",
    R"j("Z")j",      R"j("[")j",      R"j("\\")j",     R"j("]")j",      R"j("^")j",      R"j("_")j",
    R"j("`")j",      R"j("a")j",      R"j("b")j",      R"j("c")j",      R"j("d")j",      R"j("e")j",
    R"j("f")j",      R"j("g")j",      R"j("h")j",      R"j("i")j",      R"j("j")j",      R"j("k")j",
    R"j("l")j",      R"j("m")j",      R"j("n")j",      R"j("o")j",      R"j("p")j",      R"j("q")j",
    R"j("r")j",      R"j("s")j",      R"j("t")j",      R"j("u")j",      R"j("v")j",      R"j("w")j",
    R"j("x")j",      R"j("y")j",      R"j("z")j",      R"j("{")j",      R"j("|")j",      R"j("}")j",
    R"j("~")j",      "\"\x7f\"",
};

TEST(PyJsonStringTest, EveryAsciiCharacterMatchesPython) {
  for (int c = 0; c < 128; ++c) {
    const char ch = static_cast<char>(c);
    EXPECT_EQ(dumped(std::string_view(&ch, 1)), kPythonAscii[c]) << "character " << c;
  }
}

TEST(PyJsonStringTest, AllAsciiInOneStringMatchesPython) {
  std::string all;
  std::string expected = "\"";
  for (int c = 0; c < 128; ++c) {
    all += static_cast<char>(c);
    const std::string_view one = kPythonAscii[c];
    expected += one.substr(1, one.size() - 2);
  }
  expected += '"';
  EXPECT_EQ(dumped(all), expected);
}

// Non-ASCII characters pass through raw with ensure_ascii=False, including
// the line separators JavaScript cares about, noncharacters and the BOM
// (checked with /usr/bin/python3: json.dumps(s, ensure_ascii=False) == '"' + s + '"').
TEST(PyJsonStringTest, NonAsciiIsWrittenRaw) {
  const char* const samples[] = {
      "\xC2\x80",          // U+0080
      "\xC3\xA9",          // é
      "\xDF\xBF",          // U+07FF
      "\xE0\xA0\x80",      // U+0800
      "\xE2\x82\xAC",      // €
      "\xE2\x80\xA8",      // U+2028 LINE SEPARATOR
      "\xE2\x80\xA9",      // U+2029 PARAGRAPH SEPARATOR
      "\xED\x9F\xBF",      // U+D7FF, just below the surrogates
      "\xEE\x80\x80",      // U+E000, just above them
      "\xEF\xBB\xBF",      // U+FEFF
      "\xEF\xBF\xBD",      // U+FFFD
      "\xEF\xBF\xBF",      // U+FFFF
      "\xF0\x90\x80\x80",  // U+10000
      "\xF0\x9F\x98\x80",  // 😀
      "\xF4\x8F\xBF\xBF",  // U+10FFFF
  };
  for (const char* sample : samples) {
    EXPECT_EQ(dumped(sample), std::string("\"") + sample + "\"");
  }
  EXPECT_EQ(dumped("caf\xC3\xA9 \"x\"\n\xE2\x80\xA8"), "\"caf\xC3\xA9 \\\"x\\\"\\n\xE2\x80\xA8\"");
}

TEST(PyJsonStringTest, EmptyString) { EXPECT_EQ(dumped(""), "\"\""); }

TEST(PyJsonStringTest, AppendsToExistingText) {
  std::string out = "{\"a\":";
  append_python_json_string("b\tc", out, LoneSurrogatePolicy::kEscape);
  EXPECT_EQ(out, "{\"a\":\"b\\tc\"");
}

// Python: json.dumps('\ud800') == '"\\ud800"' (the escaped form), and
// json.dumps('\ud800', ensure_ascii=False).encode('utf-8', 'surrogatepass')
// == b'"\xed\xa0\x80"' (the pass-through form).
TEST(PyJsonStringTest, LoneSurrogatesFollowThePolicy) {
  EXPECT_EQ(dumped("\xED\xA0\x80"), R"j("\ud800")j");
  EXPECT_EQ(dumped("\xED\xBF\xBF"), R"j("\udfff")j");
  EXPECT_EQ(dumped("a\xED\xA0\xBD"), R"j("a\ud83d")j");
  // A pair spelled as two 3-byte sequences is two code points in Python too.
  EXPECT_EQ(dumped("\xED\xA0\xBD\xED\xB8\x80"), R"j("\ud83d\ude00")j");
  EXPECT_EQ(dumped("\xED\xAF\xBF\xED\xB0\x80x"), R"j("\udbff\udc00x")j");

  EXPECT_EQ(dumped("\xED\xA0\x80", LoneSurrogatePolicy::kPassThrough), "\"\xED\xA0\x80\"");
  EXPECT_EQ(dumped("a\xED\xA0\xBD\n", LoneSurrogatePolicy::kPassThrough), "\"a\xED\xA0\xBD\\n\"");
}

TEST(PyJsonStringTest, ContainsLoneSurrogate) {
  EXPECT_FALSE(contains_lone_surrogate(""));
  EXPECT_FALSE(contains_lone_surrogate("plain"));
  EXPECT_FALSE(contains_lone_surrogate("\xED\x9F\xBF\xF0\x9F\x98\x80"));
  EXPECT_TRUE(contains_lone_surrogate("x\xED\xA0\x80"));
  EXPECT_TRUE(contains_lone_surrogate("\xF0\x9F\x98\x80\xED\xBF\xBFy"));
  // A surrogate's bytes inside an invalid sequence are not a surrogate.
  EXPECT_FALSE(contains_lone_surrogate("\xED\xA0"));
}

// Not WTF-8: json.loads can never produce these, but the writer stays total
// and keeps its output well formed.
TEST(PyJsonStringTest, InvalidBytesBecomeReplacementCharacters) {
  const std::string kReplacement = "\xEF\xBF\xBD";
  EXPECT_EQ(dumped("\x80"), "\"" + kReplacement + "\"");
  EXPECT_EQ(dumped("\xFF"), "\"" + kReplacement + "\"");
  EXPECT_EQ(dumped("\xC0\xAF"), "\"" + kReplacement + kReplacement + "\"");  // overlong
  EXPECT_EQ(dumped("\xE0\x80\x80"), "\"" + kReplacement + kReplacement + kReplacement + "\"");
  EXPECT_EQ(dumped("\xF4\x90\x80\x80").size(), 2 + 4 * kReplacement.size());   // above U+10FFFF
  EXPECT_EQ(dumped("a\xE2\x82"), "\"a" + kReplacement + kReplacement + "\"");  // truncated
  EXPECT_EQ(dumped("\xE2\x82"
                   "b"),
            "\"" + kReplacement + kReplacement + "b\"");
}

bool is_well_formed_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t length = lead < 0x80                    ? 1
                    : lead >= 0xC2 && lead <= 0xDF ? 2
                    : lead >= 0xE0 && lead <= 0xEF ? 3
                    : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                   : 0;
    if (length == 0 || i + length > s.size()) return false;
    const auto second = static_cast<unsigned char>(length > 1 ? s[i + 1] : 0x80);
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) || (lead == 0xF0 && second < 0x90) ||
        (lead == 0xF4 && second > 0x8F)) {
      return false;
    }
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

// With kEscape the output is always one well-formed JSON string in valid
// UTF-8, whatever the bytes: no raw control characters, no stray quotes.
TEST(PyJsonStringTest, EscapedOutputIsAlwaysWellFormed) {
  std::mt19937 rng(99);
  const unsigned char interesting[] = {0x00, 0x1F, '"',  '\\', 'a',  0x7F, 0x80, 0xBF, 0xC2, 0xDF,
                                       0xE0, 0xED, 0xA0, 0xEF, 0xF0, 0xF4, 0x8F, 0x90, 0xFF, '\n'};
  for (int round = 0; round < 100000; ++round) {
    std::string input(rng() % 12, '\0');
    for (char& c : input) {
      c = static_cast<char>(rng() % 2 ? interesting[rng() % sizeof interesting] : rng() % 256);
    }
    const std::string out = dumped(input);
    ASSERT_TRUE(is_well_formed_utf8(out));
    ASSERT_GE(out.size(), 2u);
    ASSERT_EQ(out.front(), '"');
    ASSERT_EQ(out.back(), '"');
    bool escaped = false;
    for (size_t i = 1; i + 1 < out.size(); ++i) {
      const auto c = static_cast<unsigned char>(out[i]);
      ASSERT_GE(c, 0x20);
      if (!escaped) {
        ASSERT_NE(c, '"');
      }
      escaped = !escaped && c == '\\';
    }
    ASSERT_FALSE(escaped);
  }
}

TEST(PyJsonNumberTest, Integers) {
  const auto text = [](int64_t value) {
    std::string out;
    append_python_json_int(value, out);
    return out;
  };
  EXPECT_EQ(text(0), "0");
  EXPECT_EQ(text(-1), "-1");
  EXPECT_EQ(text(1000000), "1000000");
  EXPECT_EQ(text(std::numeric_limits<int64_t>::max()), "9223372036854775807");
  EXPECT_EQ(text(std::numeric_limits<int64_t>::min()), "-9223372036854775808");
}

// json.dumps(x) for x in (1.0, -0.0, 1e16, 1e-05, nan, inf, -inf) on CPython.
TEST(PyJsonNumberTest, Floats) {
  const auto text = [](double value) {
    std::string out;
    append_python_json_float(value, out);
    return out;
  };
  EXPECT_EQ(text(1.0), "1.0");
  EXPECT_EQ(text(-0.0), "-0.0");
  EXPECT_EQ(text(1e16), "1e+16");
  EXPECT_EQ(text(1e-5), "1e-05");
  EXPECT_EQ(text(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(text(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(text(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_TRUE(is_json_encodable_float(1.5));
  EXPECT_FALSE(is_json_encodable_float(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(is_json_encodable_float(-std::numeric_limits<double>::infinity()));
}

}  // namespace
}  // namespace tfschema::text
