// Python's repr() and str() of parsed JSON values, per server Python. The rows
// are what CPython prints (json.loads(json_text), then repr() and str()) on
// 3.11 (/usr/bin/python3) and 3.13 (the oracle chroot); kBoth where they agree.
#include "json/python_values.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "json/py_parser.hpp"

namespace tfschema::json {
namespace {

enum Pythons : unsigned { k311 = 1, k313 = 2, kBoth = k311 | k313 };

struct Row {
  unsigned pythons;
  std::string_view json_text;
  std::string_view repr;
  std::string_view str;
};

const Row kRows[] = {
    {kBoth, R"("\u00a0")", R"('\xa0')", "\u00a0"},
    {k311, R"("\u0cf3")", R"('\u0cf3')", "\u0cf3"},  // unassigned in Unicode 14
    {k313, R"("\u0cf3")", "'\u0cf3'", "\u0cf3"},     // a mark since Unicode 15.0
    {kBoth, R"("a\tb\n\r\\")", R"('a\tb\n\r\\')", "a\tb\n\r\\"},
    {kBoth, R"("it's")", R"("it's")", "it's"},
    {kBoth, R"("it's \"x\"")", R"('it\'s "x"')", R"(it's "x")"},
    {kBoth, R"("\udb40\udc01")", R"('\U000e0001')", "\U000e0001"},
    {kBoth, R"("\udbff\udfff")", R"('\U0010ffff')", "\U0010ffff"},
    {kBoth, R"("\u007f\u0085\u00ad")", R"('\x7f\x85\xad')", "\u007f\u0085\u00ad"},
    {kBoth, R"("\u0000\u001f")", R"('\x00\x1f')", std::string_view("\0\x1f", 2)},
    {kBoth, R"("\ud83d\ude00 \u200b\u2060\uffff")", "'\U0001F600 \\u200b\\u2060\\uffff'",
     "\U0001F600 \u200b\u2060\uffff"},
    {kBoth, R"([1, 1.5, null, true, false, "\u3000", {"\u2028": []}])",
     R"([1, 1.5, None, True, False, '\u3000', {'\u2028': []}])",
     R"([1, 1.5, None, True, False, '\u3000', {'\u2028': []}])"},
    {kBoth, "1e16", "1e+16", "1e+16"},
    {kBoth, "123456789012345678901234567890", "123456789012345678901234567890", "123456789012345678901234567890"},
    {kBoth, "-0.0", "-0.0", "-0.0"},
    {kBoth, "{}", "{}", "{}"},
};

TEST(PythonValues, ReprAndStrAsCPythonPrintsThem) {
  for (const Row& row : kRows) {
    for (PythonVersion python : {PythonVersion::k3_11, PythonVersion::k3_13}) {
      if ((row.pythons & (python == PythonVersion::k3_11 ? k311 : k313)) == 0) continue;
      SCOPED_TRACE(std::string(row.json_text) + (python == PythonVersion::k3_11 ? " on 3.11" : " on 3.13"));
      Document doc;
      ASSERT_EQ(parse(row.json_text, ParseOptions{}, doc).outcome, ParseOutcome::kOk);
      std::string repr;
      append_python_repr(doc, doc.root(), python, repr);
      EXPECT_EQ(repr, row.repr);
      std::string str;
      append_python_str(doc, doc.root(), python, str);
      EXPECT_EQ(str, row.str);
    }
  }
}

// The edges of the tables: ASCII, the first non-ASCII characters, surrogates,
// the last code point, and characters Unicode 15 assigned.
TEST(PythonValues, IsPrintable) {
  for (PythonVersion python : {PythonVersion::k3_11, PythonVersion::k3_13}) {
    EXPECT_FALSE(python_is_printable(0x1F, python));
    EXPECT_TRUE(python_is_printable(' ', python));
    EXPECT_TRUE(python_is_printable('~', python));
    EXPECT_FALSE(python_is_printable(0x7F, python));
    EXPECT_FALSE(python_is_printable(0xA0, python));
    EXPECT_TRUE(python_is_printable(0xA1, python));
    EXPECT_FALSE(python_is_printable(0xD800, python));
    EXPECT_FALSE(python_is_printable(0xDFFF, python));
    EXPECT_FALSE(python_is_printable(0xE000, python));
    EXPECT_TRUE(python_is_printable(0x1F600, python));
    EXPECT_FALSE(python_is_printable(0x10FFFF, python));
    EXPECT_FALSE(python_is_printable(0x13439, python));  // Cn in 14, Cf in 15
  }
  EXPECT_FALSE(python_is_printable(0x2EBF0, PythonVersion::k3_11));
  EXPECT_TRUE(python_is_printable(0x2EBF0, PythonVersion::k3_13));
}

}  // namespace
}  // namespace tfschema::json
