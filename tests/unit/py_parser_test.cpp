// Tests for the Python-exact JSON parser.
//
// The kCases table is checked against the real interpreters (CPython 3.11 at
// /usr/bin/python3, CPython 3.13 in the oracle chroot):
//   tools/python_json_expectations.py --both --check-cpp tests/unit/py_parser_test.cpp
// Every row applies to the dialects in its first column: kPy311, kPy313, kRfc
// (checked against 3.13 with the RFC-only rules emulated; where an RFC-only
// code is expected the position is ours and is not checked by the script),
// kPy = both Pythons, kAll = all three. The tree column is the canonical dump
// (see the script): strings in quotes with non-printable or non-ASCII code
// points as \u{HEX}, '*' after a key that occurred more than once.
#include "json/py_parser.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json/text_decoding.hpp"

namespace tfschema::json {
namespace {

using namespace std::string_view_literals;

enum DialectMask : unsigned {
  kPy311 = 1,
  kPy313 = 2,
  kRfc = 4,
  kPy = kPy311 | kPy313,
  kAll = kPy311 | kPy313 | kRfc,
};

// What a row expects: an outcome, or for syntax errors the code.
enum class E {
  kOk,
  kUndecodable,
  kTooDeep,
  kIntegerTooLong,
  kExpectingValue,
  kExpectingPropertyName,
  kExpectingColon,
  kExpectingComma,
  kExtraData,
  kUnterminatedString,
  kInvalidControlCharacter,
  kInvalidEscape,
  kInvalidUnicodeEscape,
  kTrailingCommaInObject,
  kTrailingCommaInArray,
  kByteOrderMark,
  kInvalidUtf8,
  kLoneSurrogate,
  kNonFiniteNumber,
};

struct Case {
  unsigned dialects;
  std::string_view input;
  E expect;
  uint64_t char_position;  // syntax errors; for kUndecodable: where decoding failed
  uint64_t byte_offset;
  std::string_view tree;  // kOk only
};

// Rows must stay one per line in exactly this shape: the script reads them.
// clang-format off
// BEGIN PYTHON-CHECKED CASES
const Case kCases[] = {
    // Top level and whitespace (only space, \t, \n, \r).
    {kAll, ""sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "   "sv, E::kExpectingValue, 3, 3, R"~()~"},
    {kAll, " \t\n\r "sv, E::kExpectingValue, 5, 5, R"~()~"},
    {kAll, "\f1"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "\v1"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "\xc2\xa0" "1"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, " \t1\r\n"sv, E::kOk, 0, 0, R"~(1)~"},
    {kAll, "null"sv, E::kOk, 0, 0, R"~(null)~"},
    {kAll, " true "sv, E::kOk, 0, 0, R"~(true)~"},
    {kAll, "false"sv, E::kOk, 0, 0, R"~(false)~"},
    {kAll, "nul"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "nulls"sv, E::kExtraData, 4, 4, R"~()~"},
    {kAll, "True"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "[tru]"sv, E::kExpectingValue, 1, 1, R"~()~"},
    {kAll, "fals"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "x"sv, E::kExpectingValue, 0, 0, R"~()~"},
    // NaN and Infinity: Python floats, not RFC 8259.
    {kPy, "NaN"sv, E::kOk, 0, 0, R"~(f:nan)~"},
    {kPy, "Infinity"sv, E::kOk, 0, 0, R"~(f:inf)~"},
    {kPy, "-Infinity"sv, E::kOk, 0, 0, R"~(f:-inf)~"},
    {kPy, "[NaN,Infinity,-Infinity]"sv, E::kOk, 0, 0, R"~([f:nan,f:inf,f:-inf])~"},
    {kRfc, "NaN"sv, E::kNonFiniteNumber, 0, 0, R"~()~"},
    {kRfc, "Infinity"sv, E::kNonFiniteNumber, 0, 0, R"~()~"},
    {kRfc, " -Infinity"sv, E::kNonFiniteNumber, 1, 1, R"~()~"},
    {kRfc, "[1, NaN]"sv, E::kNonFiniteNumber, 4, 4, R"~()~"},
    {kAll, "nan"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "Na"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "-Inf"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "Infinit"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "-infinity"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kPy, "NaNx"sv, E::kExtraData, 3, 3, R"~()~"},
    {kPy, "-Infinityy"sv, E::kExtraData, 9, 9, R"~()~"},
    // Numbers: CPython's scanner and its rollbacks.
    {kAll, "0"sv, E::kOk, 0, 0, R"~(0)~"},
    {kAll, "-0"sv, E::kOk, 0, 0, R"~(0)~"},
    {kAll, "-0.0"sv, E::kOk, 0, 0, R"~(f:-0)~"},
    {kAll, "-"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "[-]"sv, E::kExpectingValue, 1, 1, R"~()~"},
    {kAll, "- 1"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "-x"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "+1"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, ".5"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "01"sv, E::kExtraData, 1, 1, R"~()~"},
    {kAll, "-01"sv, E::kExtraData, 2, 2, R"~()~"},
    {kAll, "1."sv, E::kExtraData, 1, 1, R"~()~"},
    {kAll, "1.e5"sv, E::kExtraData, 1, 1, R"~()~"},
    {kAll, "1e"sv, E::kExtraData, 1, 1, R"~()~"},
    {kAll, "1e+"sv, E::kExtraData, 1, 1, R"~()~"},
    {kAll, "1E-x"sv, E::kExtraData, 1, 1, R"~()~"},
    {kAll, "1.5e"sv, E::kExtraData, 3, 3, R"~()~"},
    {kAll, "1.5e+ "sv, E::kExtraData, 3, 3, R"~()~"},
    {kAll, "[1.]"sv, E::kExpectingComma, 2, 2, R"~()~"},
    {kAll, "[1e]"sv, E::kExpectingComma, 2, 2, R"~()~"},
    {kAll, "1 2"sv, E::kExtraData, 2, 2, R"~()~"},
    {kAll, "0x10"sv, E::kExtraData, 1, 1, R"~()~"},
    {kAll, "1_000"sv, E::kExtraData, 1, 1, R"~()~"},
    {kAll, "\xd9\xa1"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "1\xd9\xa1"sv, E::kExtraData, 1, 1, R"~()~"},
    {kAll, "1e5"sv, E::kOk, 0, 0, R"~(f:100000)~"},
    {kAll, "1E+2"sv, E::kOk, 0, 0, R"~(f:100)~"},
    {kAll, "-1.5e-3"sv, E::kOk, 0, 0, R"~(f:-0.0015)~"},
    {kAll, "0.1"sv, E::kOk, 0, 0, R"~(f:0.10000000000000001)~"},
    {kAll, "1e400"sv, E::kOk, 0, 0, R"~(f:inf)~"},
    {kAll, "-1e400"sv, E::kOk, 0, 0, R"~(f:-inf)~"},
    {kAll, "1e-400"sv, E::kOk, 0, 0, R"~(f:0)~"},
    {kAll, "-1e-400"sv, E::kOk, 0, 0, R"~(f:-0)~"},
    {kAll, "5e-324"sv, E::kOk, 0, 0, R"~(f:4.9406564584124654e-324)~"},
    {kAll, "2.4703282292062328e-324"sv, E::kOk, 0, 0, R"~(f:4.9406564584124654e-324)~"},
    {kAll, "1.7976931348623159e308"sv, E::kOk, 0, 0, R"~(f:inf)~"},
    {kAll, "9007199254740993.0"sv, E::kOk, 0, 0, R"~(f:9007199254740992)~"},
    {kAll, "1e99999999999999999999"sv, E::kOk, 0, 0, R"~(f:inf)~"},
    {kAll, "0e99999999999999999999"sv, E::kOk, 0, 0, R"~(f:0)~"},
    {kAll, "9223372036854775807"sv, E::kOk, 0, 0, R"~(9223372036854775807)~"},
    {kAll, "9223372036854775808"sv, E::kOk, 0, 0, R"~(9223372036854775808)~"},
    {kAll, "-9223372036854775808"sv, E::kOk, 0, 0, R"~(-9223372036854775808)~"},
    {kAll, "-9223372036854775809"sv, E::kOk, 0, 0, R"~(-9223372036854775809)~"},
    {kAll, "[123456789012345678901234567890, -1]"sv, E::kOk, 0, 0, R"~([123456789012345678901234567890,-1])~"},
    // Strings: escapes and surrogates.
    {kAll, "\"abc\""sv, E::kOk, 0, 0, R"~("abc")~"},
    {kAll, "\"\""sv, E::kOk, 0, 0, R"~("")~"},
    {kAll, "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""sv, E::kOk, 0, 0, R"~("\u{22}\u{5C}/\u{8}\u{C}\u{A}\u{D}\u{9}")~"},
    {kAll, "\"\\u00e9\\u20AC\\u0000\""sv, E::kOk, 0, 0, R"~("\u{E9}\u{20AC}\u{0}")~"},
    {kAll, "\"\\ud83d\\ude00\""sv, E::kOk, 0, 0, R"~("\u{1F600}")~"},
    {kAll, "\"\\uD83D\\uDE00x\""sv, E::kOk, 0, 0, R"~("\u{1F600}x")~"},
    {kAll, "\"\\ud800\\udc00\""sv, E::kOk, 0, 0, R"~("\u{10000}")~"},
    {kAll, "\"\\udbff\\udfff\""sv, E::kOk, 0, 0, R"~("\u{10FFFF}")~"},
    {kAll, "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x7f\""sv, E::kOk, 0, 0, R"~("\u{E9}\u{20AC}\u{1F600}\u{7F}")~"},
    {kPy, "\"\\ud83d\""sv, E::kOk, 0, 0, R"~("\u{D83D}")~"},
    {kPy, "\"\\ude00\""sv, E::kOk, 0, 0, R"~("\u{DE00}")~"},
    {kPy, "\"\\ud83d\\u0041\""sv, E::kOk, 0, 0, R"~("\u{D83D}A")~"},
    {kPy, "\"\\ud83d\\ud83d\\ude00\""sv, E::kOk, 0, 0, R"~("\u{D83D}\u{1F600}")~"},
    {kPy, "\"\\ude00\\ud83d\""sv, E::kOk, 0, 0, R"~("\u{DE00}\u{D83D}")~"},
    {kPy, "\"\\ud83d\\n\""sv, E::kOk, 0, 0, R"~("\u{D83D}\u{A}")~"},
    {kRfc, "\"\\ud83d\""sv, E::kLoneSurrogate, 1, 1, R"~()~"},
    {kRfc, "\"\\ude00\""sv, E::kLoneSurrogate, 1, 1, R"~()~"},
    {kRfc, "[\"ab\\ud83d\\u0041\"]"sv, E::kLoneSurrogate, 4, 4, R"~()~"},
    {kRfc, "\"\\ud83d\\ud83d\\ude00\""sv, E::kLoneSurrogate, 1, 1, R"~()~"},
    {kRfc, "\"\\u0041\\ude00\""sv, E::kLoneSurrogate, 7, 7, R"~()~"},
    {kRfc, "{\"\\udc00\":1}"sv, E::kLoneSurrogate, 2, 2, R"~()~"},
    // Unterminated strings are reported at the opening quote.
    {kAll, "\"abc"sv, E::kUnterminatedString, 0, 0, R"~()~"},
    {kAll, "[\"abc"sv, E::kUnterminatedString, 1, 1, R"~()~"},
    {kAll, " \"abc\\"sv, E::kUnterminatedString, 1, 1, R"~()~"},
    {kAll, "\"\\\""sv, E::kUnterminatedString, 0, 0, R"~()~"},
    {kAll, "{\"a"sv, E::kUnterminatedString, 1, 1, R"~()~"},
    {kAll, "[\"\xc3\xa9\", \"x"sv, E::kUnterminatedString, 6, 7, R"~()~"},
    // Raw control characters (< 0x20) are rejected where they are.
    {kAll, "\"a\x01" "b\""sv, E::kInvalidControlCharacter, 2, 2, R"~()~"},
    {kAll, "\"\x00\""sv, E::kInvalidControlCharacter, 1, 1, R"~()~"},
    {kAll, "\"a\nb\""sv, E::kInvalidControlCharacter, 2, 2, R"~()~"},
    {kAll, "\"\t\""sv, E::kInvalidControlCharacter, 1, 1, R"~()~"},
    {kAll, "\"\x1f\""sv, E::kInvalidControlCharacter, 1, 1, R"~()~"},
    {kAll, "\"ab\n"sv, E::kInvalidControlCharacter, 3, 3, R"~()~"},
    {kAll, "{\"a\tb\":1}"sv, E::kInvalidControlCharacter, 3, 3, R"~()~"},
    {kAll, "\"\xc3\xa9\x01\""sv, E::kInvalidControlCharacter, 2, 3, R"~()~"},
    // Bad escapes: "Invalid \escape" at the backslash.
    {kAll, "\"\\x\""sv, E::kInvalidEscape, 1, 1, R"~()~"},
    {kAll, "\"ab\\'\""sv, E::kInvalidEscape, 3, 3, R"~()~"},
    {kAll, "\"\\U0041\""sv, E::kInvalidEscape, 1, 1, R"~()~"},
    {kAll, "\"\\ \""sv, E::kInvalidEscape, 1, 1, R"~()~"},
    {kAll, "\"\\\xc3\xa9\""sv, E::kInvalidEscape, 1, 1, R"~()~"},
    {kAll, "\"\\a"sv, E::kInvalidEscape, 1, 1, R"~()~"},
    // Bad \uXXXX: "Invalid \uXXXX escape" at the 'u'.
    {kAll, "\"\\u12\""sv, E::kInvalidUnicodeEscape, 2, 2, R"~()~"},
    {kAll, "\"\\u123\""sv, E::kInvalidUnicodeEscape, 2, 2, R"~()~"},
    {kAll, "\"\\u1234"sv, E::kInvalidUnicodeEscape, 2, 2, R"~()~"},
    {kAll, "\"\\u"sv, E::kInvalidUnicodeEscape, 2, 2, R"~()~"},
    {kAll, "\"\\u12G4\""sv, E::kInvalidUnicodeEscape, 2, 2, R"~()~"},
    {kAll, "\"\\u-123\""sv, E::kInvalidUnicodeEscape, 2, 2, R"~()~"},
    {kAll, "\"\\u\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\""sv, E::kInvalidUnicodeEscape, 2, 2, R"~()~"},
    {kAll, "\"\\u12\xc3\xa9\""sv, E::kInvalidUnicodeEscape, 2, 2, R"~()~"},
    {kAll, "[\"\xc3\xa9\\u12\"]"sv, E::kInvalidUnicodeEscape, 4, 5, R"~()~"},
    {kAll, "\"\\ud800\\u12\""sv, E::kInvalidUnicodeEscape, 8, 8, R"~()~"},
    {kAll, "\"\\ud800\\uZZZZ\""sv, E::kInvalidUnicodeEscape, 8, 8, R"~()~"},
    {kAll, "\"\\ud800\\udc0"sv, E::kInvalidUnicodeEscape, 8, 8, R"~()~"},
    {kAll, "\"\\ud800\\udc00"sv, E::kInvalidUnicodeEscape, 8, 8, R"~()~"},
    {kAll, "\"\\ud800\\udc00\\"sv, E::kUnterminatedString, 0, 0, R"~()~"},
    {kAll, "\"\\ud800\\udc0\xc3\xa9\""sv, E::kInvalidUnicodeEscape, 8, 8, R"~()~"},
    // Objects.
    {kAll, "{}"sv, E::kOk, 0, 0, R"~({})~"},
    {kAll, " { } "sv, E::kOk, 0, 0, R"~({})~"},
    {kAll, "{ \"a\" : 1 , \"b\" : [ ] }"sv, E::kOk, 0, 0, R"~({"a":1,"b":[]})~"},
    {kAll, "{"sv, E::kExpectingPropertyName, 1, 1, R"~()~"},
    {kAll, "{ "sv, E::kExpectingPropertyName, 2, 2, R"~()~"},
    {kAll, "{,}"sv, E::kExpectingPropertyName, 1, 1, R"~()~"},
    {kAll, "{a:1}"sv, E::kExpectingPropertyName, 1, 1, R"~()~"},
    {kAll, "{'a':1}"sv, E::kExpectingPropertyName, 1, 1, R"~()~"},
    {kAll, "{1:2}"sv, E::kExpectingPropertyName, 1, 1, R"~()~"},
    {kAll, "{\"a\"}"sv, E::kExpectingColon, 4, 4, R"~()~"},
    {kAll, "{\"a\" 1}"sv, E::kExpectingColon, 5, 5, R"~()~"},
    {kAll, "{\"a\""sv, E::kExpectingColon, 4, 4, R"~()~"},
    {kAll, "{\"a\":}"sv, E::kExpectingValue, 5, 5, R"~()~"},
    {kAll, "{\"a\":"sv, E::kExpectingValue, 5, 5, R"~()~"},
    {kAll, "{\"a\": "sv, E::kExpectingValue, 6, 6, R"~()~"},
    {kAll, "{\"a\":1"sv, E::kExpectingComma, 6, 6, R"~()~"},
    {kAll, "{\"a\":1 \"b\":2}"sv, E::kExpectingComma, 7, 7, R"~()~"},
    {kAll, "{\"a\":1]"sv, E::kExpectingComma, 6, 6, R"~()~"},
    {kAll, "{\"a\":1,"sv, E::kExpectingPropertyName, 7, 7, R"~()~"},
    {kAll, "{\"a\":1,,}"sv, E::kExpectingPropertyName, 7, 7, R"~()~"},
    {kAll, "{\"a\":1}}"sv, E::kExtraData, 7, 7, R"~()~"},
    // Trailing comma in an object: 3.11 wants a key, 3.13 names the comma.
    {kPy311, "{\"a\":1,}"sv, E::kExpectingPropertyName, 7, 7, R"~()~"},
    {kPy313 | kRfc, "{\"a\":1,}"sv, E::kTrailingCommaInObject, 6, 6, R"~()~"},
    {kPy311, "{\"a\":1 , }"sv, E::kExpectingPropertyName, 9, 9, R"~()~"},
    {kPy313 | kRfc, "{\"a\":1 , }"sv, E::kTrailingCommaInObject, 7, 7, R"~()~"},
    {kPy311, "[{\"\xc3\xa9\":[],}]"sv, E::kExpectingPropertyName, 9, 10, R"~()~"},
    {kPy313 | kRfc, "[{\"\xc3\xa9\":[],}]"sv, E::kTrailingCommaInObject, 8, 9, R"~()~"},
    // Duplicate keys: the first place keeps the last value.
    {kAll, "{\"a\":1,\"b\":2,\"a\":3}"sv, E::kOk, 0, 0, R"~({"a"*:3,"b":2})~"},
    {kAll, "{\"a\":1,\"a\":{\"x\":1},\"a\":[2]}"sv, E::kOk, 0, 0, R"~({"a"*:[2]})~"},
    {kAll, "{\"a\":{\"a\":1},\"b\":{\"a\":2}}"sv, E::kOk, 0, 0, R"~({"a":{"a":1},"b":{"a":2}})~"},
    {kAll, "{\"\xc3\xa9\":1,\"\\u00e9\":2}"sv, E::kOk, 0, 0, R"~({"\u{E9}"*:2})~"},
    {kAll, "{\"\\ud83d\\ude00\":1,\"\xf0\x9f\x98\x80\":2}"sv, E::kOk, 0, 0, R"~({"\u{1F600}"*:2})~"},
    {kPy, "{\"\xed\xa0\xbd\xed\xb8\x80\":1,\"\\ud83d\\ude00\":2}"sv, E::kOk, 0, 0, R"~({"\u{D83D}\u{DE00}":1,"\u{1F600}":2})~"},
    {kPy, "{\"\\ud83d\":1,\"\xed\xa0\xbd\":2}"sv, E::kOk, 0, 0, R"~({"\u{D83D}"*:2})~"},
    {kAll, "{\"\":1,\"\":2}"sv, E::kOk, 0, 0, R"~({""*:2})~"},
    {kAll, "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k3\":\"x\",\"k9\":null,\"k0\":[]}"sv, E::kOk, 0, 0, R"~({"k0"*:[],"k1":1,"k2":2,"k3"*:"x","k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9"*:null})~"},
    {kAll, "[{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9},{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k0\":1}]"sv, E::kOk, 0, 0, R"~([{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9},{"k0"*:1,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9}])~"},
    {kAll, "{\"a\":1,\"a\":2,\"a\":}"sv, E::kExpectingValue, 17, 17, R"~()~"},
    // Arrays.
    {kAll, "[]"sv, E::kOk, 0, 0, R"~([])~"},
    {kAll, "[ ]"sv, E::kOk, 0, 0, R"~([])~"},
    {kAll, "[1,[2,[3]],{},\"x\"]"sv, E::kOk, 0, 0, R"~([1,[2,[3]],{},"x"])~"},
    {kAll, "["sv, E::kExpectingValue, 1, 1, R"~()~"},
    {kAll, "[ "sv, E::kExpectingValue, 2, 2, R"~()~"},
    {kAll, "[1"sv, E::kExpectingComma, 2, 2, R"~()~"},
    {kAll, "[1,"sv, E::kExpectingValue, 3, 3, R"~()~"},
    {kAll, "[,1]"sv, E::kExpectingValue, 1, 1, R"~()~"},
    {kAll, "[1,,2]"sv, E::kExpectingValue, 3, 3, R"~()~"},
    {kAll, "[]]"sv, E::kExtraData, 2, 2, R"~()~"},
    {kAll, "[1 2]"sv, E::kExpectingComma, 3, 3, R"~()~"},
    {kAll, "[1:2]"sv, E::kExpectingComma, 2, 2, R"~()~"},
    {kAll, "[[[]"sv, E::kExpectingComma, 4, 4, R"~()~"},
    {kAll, "[1}"sv, E::kExpectingComma, 2, 2, R"~()~"},
    {kAll, "[\"a\" \"b\"]"sv, E::kExpectingComma, 5, 5, R"~()~"},
    // Trailing comma in an array: 3.11 wants a value, 3.13 names the comma.
    {kPy311, "[1,]"sv, E::kExpectingValue, 3, 3, R"~()~"},
    {kPy313 | kRfc, "[1,]"sv, E::kTrailingCommaInArray, 2, 2, R"~()~"},
    {kPy311, "[1 , ]"sv, E::kExpectingValue, 5, 5, R"~()~"},
    {kPy313 | kRfc, "[1 , ]"sv, E::kTrailingCommaInArray, 3, 3, R"~()~"},
    {kPy311, "[[1,],2]"sv, E::kExpectingValue, 4, 4, R"~()~"},
    {kPy313 | kRfc, "[[1,],2]"sv, E::kTrailingCommaInArray, 3, 3, R"~()~"},
    {kPy311, "[\"\xf0\x9f\x98\x80\",]"sv, E::kExpectingValue, 5, 8, R"~()~"},
    {kPy313 | kRfc, "[\"\xf0\x9f\x98\x80\",]"sv, E::kTrailingCommaInArray, 4, 7, R"~()~"},
    // Extra data at the first non-whitespace character after the value.
    {kAll, "{} x"sv, E::kExtraData, 3, 3, R"~()~"},
    {kAll, "1 }"sv, E::kExtraData, 2, 2, R"~()~"},
    {kAll, "\"a\"\"b\""sv, E::kExtraData, 3, 3, R"~()~"},
    {kAll, "[] \xc3\xa9"sv, E::kExtraData, 3, 3, R"~()~"},
    {kAll, "\"\xc3\xa9\" x"sv, E::kExtraData, 4, 5, R"~()~"},
    {kAll, "[\"\xc3\xa9\xf0\x9f\x98\x80\", x]"sv, E::kExpectingValue, 7, 11, R"~()~"},
    // UTF-8 BOM: Python strips it (positions count from after it, byte
    // offsets from the start); RFC 8259 refuses it.
    {kPy, "\xef\xbb\xbf{}"sv, E::kOk, 0, 0, R"~({})~"},
    {kPy, "\xef\xbb\xbf"sv, E::kExpectingValue, 0, 3, R"~()~"},
    {kPy, "\xef\xbb\xbf\xef\xbb\xbf" "1"sv, E::kExpectingValue, 0, 3, R"~()~"},
    {kPy, "\xef\xbb\xbf \"\xc3\xa9\" x"sv, E::kExtraData, 5, 9, R"~()~"},
    {kPy311, "\xef\xbb\xbf[1,]"sv, E::kExpectingValue, 3, 6, R"~()~"},
    {kPy313, "\xef\xbb\xbf[1,]"sv, E::kTrailingCommaInArray, 2, 5, R"~()~"},
    {kRfc, "\xef\xbb\xbf{}"sv, E::kByteOrderMark, 0, 0, R"~()~"},
    {kRfc, "\xff\xfe[\x00]\x00"sv, E::kByteOrderMark, 0, 0, R"~()~"},
    {kRfc, "\xfe\xff\x00[\x00]"sv, E::kByteOrderMark, 0, 0, R"~()~"},
    // UTF-16 and UTF-32, with and without BOM (Python only). Byte offsets
    // count in the UTF-8 transcoding of the decoded text.
    {kPy311, "\xff\xfe[\x00" "1\x00,\x00]\x00"sv, E::kExpectingValue, 3, 3, R"~()~"},
    {kPy313, "\xff\xfe[\x00" "1\x00,\x00]\x00"sv, E::kTrailingCommaInArray, 2, 2, R"~()~"},
    {kPy, "[\x00]\x00"sv, E::kOk, 0, 0, R"~([])~"},
    {kRfc, "[\x00]\x00"sv, E::kExpectingValue, 1, 1, R"~()~"},
    {kPy, "\x00[\x00]"sv, E::kOk, 0, 0, R"~([])~"},
    {kRfc, "\x00[\x00]"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kPy, "\xfe\xff\x00\"\xd8\x3d\xde\x00\x00\""sv, E::kOk, 0, 0, R"~("\u{1F600}")~"},
    {kPy, "\"\x00\x00\xd8\"\x00"sv, E::kOk, 0, 0, R"~("\u{D800}")~"},
    {kPy, "\"\x00\x3d\xd8\x00\xde\"\x00"sv, E::kOk, 0, 0, R"~("\u{1F600}")~"},
    {kPy, "\"\x00\x00\xdc\x00\xd8\"\x00"sv, E::kOk, 0, 0, R"~("\u{DC00}\u{D800}")~"},
    {kPy, "\"\x00\x00\xd8"sv, E::kUnterminatedString, 0, 0, R"~()~"},
    {kPy, "{\x00\"\x00\xe9\x00\"\x00:\x00}\x00"sv, E::kExpectingValue, 5, 6, R"~()~"},
    {kPy, "[\x00\"\x00=\xd8\x00\xde\"\x00,\x00x\x00]\x00"sv, E::kExpectingValue, 5, 8, R"~()~"},
    {kPy, "1\x00" "2\x00 "sv, E::kUndecodable, 2, 4, R"~()~"},
    {kPy, "\xff\xfe" "1\x00\x00"sv, E::kUndecodable, 1, 4, R"~()~"},
    {kRfc, "1\x00" "2\x00 "sv, E::kExtraData, 1, 1, R"~()~"},
    {kPy, "1\x00"sv, E::kOk, 0, 0, R"~(1)~"},
    {kPy, "\x00" "1"sv, E::kOk, 0, 0, R"~(1)~"},
    {kAll, "\x00"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kPy, "\x00\x00"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kAll, "\x00\x00\x00"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kPy, "\xff\xfe"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kPy, "\xfe\xff"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kPy, "1\x00\x00\x00"sv, E::kOk, 0, 0, R"~(1)~"},
    {kPy, "\x00\x00\x00" "1"sv, E::kOk, 0, 0, R"~(1)~"},
    {kPy, "[\x00\x00\x00"sv, E::kExpectingValue, 1, 1, R"~()~"},
    {kPy, "\xff\xfe\x00\x00" "1\x00\x00\x00"sv, E::kOk, 0, 0, R"~(1)~"},
    {kPy, "\x00\x00\xfe\xff\x00\x00\x00" "1"sv, E::kOk, 0, 0, R"~(1)~"},
    {kPy, "\xff\xfe\x00\x00"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kPy, "\"\x00\x00\x00\x3d\xd8\x00\x00\x00\xde\x00\x00\"\x00\x00\x00"sv, E::kOk, 0, 0, R"~("\u{D83D}\u{DE00}")~"},
    {kPy, "\"\x00\x00\x00\x00\x00\x11\x00\"\x00\x00\x00"sv, E::kUndecodable, 1, 4, R"~()~"},
    {kPy, "1\x00\x00\x00" "2"sv, E::kUndecodable, 1, 4, R"~()~"},
    // Invalid UTF-8: Python cannot decode it; RFC 8259 reports it, before
    // any syntax error.
    {kPy, "\"\xff\""sv, E::kUndecodable, 1, 1, R"~()~"},
    {kRfc, "\"\xff\""sv, E::kInvalidUtf8, 1, 1, R"~()~"},
    {kPy, "\"\xc0\x80\""sv, E::kUndecodable, 1, 1, R"~()~"},
    {kRfc, "\"\xc0\x80\""sv, E::kInvalidUtf8, 1, 1, R"~()~"},
    {kPy, "\"\xe0\x80\x80\""sv, E::kUndecodable, 1, 1, R"~()~"},
    {kPy, "\"\xf4\x90\x80\x80\""sv, E::kUndecodable, 1, 1, R"~()~"},
    {kPy, "\"\xf0\x9f\x98\""sv, E::kUndecodable, 1, 1, R"~()~"},
    {kPy, "\"\xc3\xa9\x80\""sv, E::kUndecodable, 2, 3, R"~()~"},
    {kRfc, "\"\xc3\xa9\x80\""sv, E::kInvalidUtf8, 2, 3, R"~()~"},
    {kPy, "[1,]\xff"sv, E::kUndecodable, 4, 4, R"~()~"},
    {kRfc, "[1,]\xff"sv, E::kInvalidUtf8, 4, 4, R"~()~"},
    {kPy, "\xef\xbb\xbf\xff"sv, E::kUndecodable, 0, 3, R"~()~"},
    // Encoded surrogates: 'surrogatepass' takes each as its own code point.
    {kPy, "\"\xed\xa0\x80\""sv, E::kOk, 0, 0, R"~("\u{D800}")~"},
    {kPy, "\"\xed\xbf\xbf\""sv, E::kOk, 0, 0, R"~("\u{DFFF}")~"},
    {kAll, "\"\xed\x9f\xbf\""sv, E::kOk, 0, 0, R"~("\u{D7FF}")~"},
    {kPy, "\"\xed\xa0\xbd\xed\xb8\x80\""sv, E::kOk, 0, 0, R"~("\u{D83D}\u{DE00}")~"},
    {kPy, "\"\\ud83d\xed\xb8\x80\""sv, E::kOk, 0, 0, R"~("\u{D83D}\u{DE00}")~"},
    {kPy, "\"\xed\xa0\""sv, E::kUndecodable, 1, 1, R"~()~"},
    {kRfc, "\"\xed\xa0\""sv, E::kInvalidUtf8, 1, 1, R"~()~"},
    {kRfc, "\"\xed\xa0\x80\""sv, E::kLoneSurrogate, 1, 1, R"~()~"},
    {kPy, "\xed\xa0\x80"sv, E::kExpectingValue, 0, 0, R"~()~"},
    {kRfc, "[\"\xc3\xa9\", \xed\xa0\x80]"sv, E::kLoneSurrogate, 6, 7, R"~()~"},
    {kPy, "[\"\xed\xa0\x80\", x]"sv, E::kExpectingValue, 6, 8, R"~()~"},
};
// END PYTHON-CHECKED CASES
// clang-format on

struct Expanded {
  Case row;
  Dialect dialect;
};

std::vector<Expanded> expand_cases() {
  std::vector<Expanded> out;
  for (const Case& row : kCases) {
    if (row.dialects & kPy311) out.push_back({row, Dialect::kPython311});
    if (row.dialects & kPy313) out.push_back({row, Dialect::kPython313});
    if (row.dialects & kRfc) out.push_back({row, Dialect::kRfc8259});
  }
  return out;
}

// ---- canonical dump (same format as tools/python_json_expectations.py) ----

// Decodes one generalized UTF-8 sequence (input already validated).
uint32_t next_code_point(std::string_view s, size_t* i) {
  const auto b = static_cast<unsigned char>(s[*i]);
  size_t length = 1;
  uint32_t cp = b;
  if (b >= 0xF0) {
    length = 4;
    cp = b & 0x07;
  } else if (b >= 0xE0) {
    length = 3;
    cp = b & 0x0F;
  } else if (b >= 0xC0) {
    length = 2;
    cp = b & 0x1F;
  }
  for (size_t k = 1; k < length && *i + k < s.size(); ++k) {
    cp = cp << 6 | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  }
  *i += length;
  return cp;
}

void dump_string(std::string_view s, std::string& out) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const uint32_t cp = next_code_point(s, &i);
    if (cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\') {
      out += static_cast<char>(cp);
    } else {
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "\\u{%X}", static_cast<unsigned>(cp));
      out += buffer;
    }
  }
  out += '"';
}

void dump_scalar(const Document& doc, uint32_t index, std::string& out) {
  const Node& node = doc.node(index);
  char buffer[64];
  switch (node.kind) {
    case Kind::kNull:
      out += "null";
      break;
    case Kind::kTrue:
      out += "true";
      break;
    case Kind::kFalse:
      out += "false";
      break;
    case Kind::kInt:
      out += std::to_string(node.int_value);
      break;
    case Kind::kBigInt: {
      const std::string_view digits = doc.text(node.text);
      int64_t fits = 0;
      const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), fits);
      (void)ptr;
      if (ec == std::errc()) out += "<fits int64 but kBigInt>";
      out += digits;
      break;
    }
    case Kind::kFloat:
      std::snprintf(buffer, sizeof buffer, "f:%.17g", node.float_value);
      out += buffer;
      break;
    case Kind::kString:
      dump_string(doc.string_value(index), out);
      break;
    case Kind::kArray:
    case Kind::kObject:
      break;
  }
}

// Iterative, so that very deep documents can be dumped too.
std::string dump(const Document& doc) {
  std::string out;
  if (doc.root() == kNoNode) return out;
  struct Open {
    uint32_t container;
    uint32_t next;
    bool first;
  };
  std::vector<Open> stack;
  auto emit = [&](uint32_t index) {
    const Node& node = doc.node(index);
    if (node.kind == Kind::kArray || node.kind == Kind::kObject) {
      out += node.kind == Kind::kArray ? '[' : '{';
      stack.push_back({index, node.first_child, true});
    } else {
      dump_scalar(doc, index, out);
    }
  };
  emit(doc.root());
  while (!stack.empty()) {
    Open& open = stack.back();
    const Node& container = doc.node(open.container);
    if (open.next == kNoNode) {
      out += container.kind == Kind::kArray ? ']' : '}';
      stack.pop_back();
      continue;
    }
    const uint32_t child = open.next;
    if (!open.first) out += ',';
    open.first = false;
    open.next = doc.node(child).next_sibling;
    if (container.kind == Kind::kObject) {
      dump_string(doc.key(child), out);
      if (doc.node(child).duplicated_key) out += '*';
      out += ':';
    }
    emit(child);
  }
  return out;
}

// ---- the table ----

ParseOutcome outcome_of(E expect) {
  switch (expect) {
    case E::kOk:
      return ParseOutcome::kOk;
    case E::kUndecodable:
      return ParseOutcome::kUndecodable;
    case E::kTooDeep:
      return ParseOutcome::kTooDeep;
    case E::kIntegerTooLong:
      return ParseOutcome::kIntegerTooLong;
    default:
      return ParseOutcome::kSyntaxError;
  }
}

SyntaxCode code_of(E expect) {
  return static_cast<SyntaxCode>(static_cast<int>(expect) - static_cast<int>(E::kExpectingValue));
}

const char* dialect_name(Dialect dialect) {
  switch (dialect) {
    case Dialect::kPython311:
      return "Python311";
    case Dialect::kPython313:
      return "Python313";
    case Dialect::kRfc8259:
      return "Rfc8259";
  }
  return "?";
}

std::string escaped(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7F && b != '\\') {
      out += c;
    } else {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", b);
      out += buffer;
    }
  }
  return out;
}

class PyParserTable : public testing::TestWithParam<Expanded> {};

TEST_P(PyParserTable, MatchesCPython) {
  const Case& row = GetParam().row;
  ParseOptions options;
  options.dialect = GetParam().dialect;
  SCOPED_TRACE(testing::Message() << dialect_name(options.dialect) << " input: " << escaped(row.input));
  Document doc;
  const ParseResult result = parse(row.input, options, doc);
  ASSERT_EQ(result.outcome, outcome_of(row.expect));
  if (result.outcome == ParseOutcome::kOk) {
    EXPECT_EQ(dump(doc), row.tree);
    return;
  }
  if (result.outcome == ParseOutcome::kSyntaxError) {
    EXPECT_EQ(result.code, code_of(row.expect)) << syntax_message(result.code);
  }
  EXPECT_EQ(result.char_position, row.char_position);
  EXPECT_EQ(result.byte_offset, row.byte_offset);
  EXPECT_EQ(doc.root(), kNoNode);
}

INSTANTIATE_TEST_SUITE_P(Cases, PyParserTable, testing::ValuesIn(expand_cases()),
                         [](const testing::TestParamInfo<Expanded>& info) {
                           return std::string(dialect_name(info.param.dialect)) + "_" + std::to_string(info.index);
                         });

// ---- messages ----

TEST(PyParserMessage, PythonWording) {
  EXPECT_EQ(syntax_message(SyntaxCode::kExpectingValue), "Expecting value");
  EXPECT_EQ(syntax_message(SyntaxCode::kExpectingPropertyName), "Expecting property name enclosed in double quotes");
  EXPECT_EQ(syntax_message(SyntaxCode::kExpectingColon), "Expecting ':' delimiter");
  EXPECT_EQ(syntax_message(SyntaxCode::kExpectingComma), "Expecting ',' delimiter");
  EXPECT_EQ(syntax_message(SyntaxCode::kExtraData), "Extra data");
  EXPECT_EQ(syntax_message(SyntaxCode::kUnterminatedString), "Unterminated string starting at");
  EXPECT_EQ(syntax_message(SyntaxCode::kInvalidControlCharacter), "Invalid control character at");
  EXPECT_EQ(syntax_message(SyntaxCode::kInvalidEscape), "Invalid \\escape");
  EXPECT_EQ(syntax_message(SyntaxCode::kInvalidUnicodeEscape), "Invalid \\uXXXX escape");
  EXPECT_EQ(syntax_message(SyntaxCode::kTrailingCommaInObject), "Illegal trailing comma before end of object");
  EXPECT_EQ(syntax_message(SyntaxCode::kTrailingCommaInArray), "Illegal trailing comma before end of array");
}

TEST(PyParserMessage, RfcOnlyWording) {
  EXPECT_EQ(syntax_message(SyntaxCode::kByteOrderMark), "Unexpected byte order mark");
  EXPECT_EQ(syntax_message(SyntaxCode::kInvalidUtf8), "Invalid UTF-8");
  EXPECT_EQ(syntax_message(SyntaxCode::kLoneSurrogate), "Unpaired surrogate");
  EXPECT_EQ(syntax_message(SyntaxCode::kNonFiniteNumber), "NaN and Infinity are not JSON numbers");
}

// ---- the tree ----

ParseOptions with_dialect(Dialect dialect) {
  ParseOptions options;
  options.dialect = dialect;
  return options;
}

TEST(PyParserTree, KindsValuesAndOffsets) {
  Document doc;
  const std::string_view body = R"({"a": [1, -2.5, "x\n"], "b": null, "c": true, "d": false})";
  ASSERT_EQ(parse(body, {}, doc).outcome, ParseOutcome::kOk);
  const Node& root = doc.node(doc.root());
  EXPECT_EQ(root.kind, Kind::kObject);
  EXPECT_EQ(root.offset, 0u);
  EXPECT_EQ(root.child_count, 4u);
  const uint32_t a = root.first_child;
  EXPECT_EQ(doc.key(a), "a");
  EXPECT_EQ(doc.node(a).kind, Kind::kArray);
  EXPECT_EQ(doc.node(a).offset, 6u);
  EXPECT_EQ(doc.node(a).child_count, 3u);
  const uint32_t one = doc.node(a).first_child;
  EXPECT_EQ(doc.node(one).kind, Kind::kInt);
  EXPECT_EQ(doc.node(one).int_value, 1);
  EXPECT_EQ(doc.node(one).offset, 7u);
  const uint32_t minus = doc.node(one).next_sibling;
  EXPECT_EQ(doc.node(minus).kind, Kind::kFloat);
  EXPECT_EQ(doc.node(minus).float_value, -2.5);
  EXPECT_EQ(doc.node(minus).offset, 10u);
  const uint32_t x = doc.node(minus).next_sibling;
  EXPECT_EQ(doc.node(x).kind, Kind::kString);
  EXPECT_EQ(doc.string_value(x), "x\n");
  EXPECT_EQ(doc.node(x).offset, 16u);
  EXPECT_EQ(doc.node(x).next_sibling, kNoNode);
  const uint32_t b = doc.node(a).next_sibling;
  EXPECT_EQ(doc.key(b), "b");
  EXPECT_EQ(doc.node(b).kind, Kind::kNull);
  EXPECT_EQ(doc.node(b).offset, body.find("null"));
  const uint32_t c = doc.node(b).next_sibling;
  EXPECT_EQ(doc.node(c).kind, Kind::kTrue);
  const uint32_t d = doc.node(c).next_sibling;
  EXPECT_EQ(doc.node(d).kind, Kind::kFalse);
  EXPECT_EQ(doc.node(d).offset, body.size() - 6);
  EXPECT_EQ(doc.node(d).next_sibling, kNoNode);
  for (uint32_t m = root.first_child; m != kNoNode; m = doc.node(m).next_sibling) {
    EXPECT_FALSE(doc.node(m).duplicated_key);
  }
}

TEST(PyParserTree, IntegersFitOrBig) {
  struct Want {
    std::string_view body;
    Kind kind;
    int64_t value;
    std::string_view digits;
  };
  const Want wants[] = {
      {"0", Kind::kInt, 0, ""},
      {"-0", Kind::kInt, 0, ""},
      {"9223372036854775807", Kind::kInt, INT64_MAX, ""},
      {"-9223372036854775808", Kind::kInt, INT64_MIN, ""},
      {"9223372036854775808", Kind::kBigInt, 0, "9223372036854775808"},
      {"-9223372036854775809", Kind::kBigInt, 0, "-9223372036854775809"},
      {"100000000000000000000000", Kind::kBigInt, 0, "100000000000000000000000"},
  };
  for (const Want& want : wants) {
    SCOPED_TRACE(want.body);
    Document doc;
    ASSERT_EQ(parse(want.body, {}, doc).outcome, ParseOutcome::kOk);
    const Node& node = doc.node(doc.root());
    EXPECT_EQ(node.kind, want.kind);
    if (want.kind == Kind::kInt) {
      EXPECT_EQ(node.int_value, want.value);
    } else {
      EXPECT_EQ(doc.text(node.text), want.digits);
    }
  }
}

TEST(PyParserTree, FloatsAreCorrectlyRounded) {
  Document doc;
  ASSERT_EQ(parse("[-0.0, 1e400, 1e-400, 5e-324, 0.1, 2.2250738585072011e-308]", {}, doc).outcome, ParseOutcome::kOk);
  uint32_t n = doc.node(doc.root()).first_child;
  EXPECT_TRUE(std::signbit(doc.node(n).float_value));
  EXPECT_EQ(doc.node(n).float_value, 0.0);
  n = doc.node(n).next_sibling;
  EXPECT_TRUE(std::isinf(doc.node(n).float_value));
  n = doc.node(n).next_sibling;
  EXPECT_EQ(doc.node(n).float_value, 0.0);
  EXPECT_FALSE(std::signbit(doc.node(n).float_value));
  n = doc.node(n).next_sibling;
  EXPECT_EQ(doc.node(n).float_value, 4.9406564584124654e-324);
  n = doc.node(n).next_sibling;
  EXPECT_EQ(doc.node(n).float_value, 0.1);
  n = doc.node(n).next_sibling;
  EXPECT_EQ(doc.node(n).float_value, 2.2250738585072009e-308);
}

TEST(PyParserTree, StringsAreStoredAsWtf8) {
  Document doc;
  ASSERT_EQ(parse("[\"\\ud83d\\ude00\", \"\\ud83d\", \"\xed\xa0\xbd\xed\xb8\x80\", \"a\\u0000b\"]", {}, doc).outcome,
            ParseOutcome::kOk);
  uint32_t n = doc.node(doc.root()).first_child;
  EXPECT_EQ(doc.string_value(n), "\xf0\x9f\x98\x80");
  n = doc.node(n).next_sibling;
  EXPECT_EQ(doc.string_value(n), "\xed\xa0\xbd");
  n = doc.node(n).next_sibling;
  // Two code points in Python: each surrogate keeps its own 3 bytes.
  EXPECT_EQ(doc.string_value(n), "\xed\xa0\xbd\xed\xb8\x80");
  n = doc.node(n).next_sibling;
  EXPECT_EQ(doc.string_value(n), "a\0b"sv);
}

TEST(PyParserTree, DuplicateKeysTakeLastValueAtFirstPlace) {
  Document doc;
  const std::string_view body = R"({"a":1,"b":2,"a":{"x":[true]}})";
  ASSERT_EQ(parse(body, {}, doc).outcome, ParseOutcome::kOk);
  const Node& root = doc.node(doc.root());
  EXPECT_EQ(root.child_count, 2u);
  const uint32_t a = root.first_child;
  EXPECT_EQ(doc.key(a), "a");
  EXPECT_TRUE(doc.node(a).duplicated_key);
  EXPECT_EQ(doc.node(a).kind, Kind::kObject);
  EXPECT_EQ(doc.node(a).offset, body.find('{', 1));  // the last value's place
  EXPECT_EQ(doc.node(a).child_count, 1u);
  const uint32_t x = doc.node(a).first_child;
  EXPECT_EQ(doc.key(x), "x");
  EXPECT_EQ(doc.node(x).kind, Kind::kArray);
  const uint32_t b = doc.node(a).next_sibling;
  EXPECT_EQ(doc.key(b), "b");
  EXPECT_FALSE(doc.node(b).duplicated_key);
  EXPECT_EQ(doc.node(b).next_sibling, kNoNode);
}

TEST(PyParserTree, RfcKeepsDuplicatesMergedAndFlagged) {
  Document doc;
  ASSERT_EQ(parse(R"({"a":1,"a":2})", with_dialect(Dialect::kRfc8259), doc).outcome, ParseOutcome::kOk);
  EXPECT_EQ(dump(doc), R"({"a"*:2})");
}

TEST(PyParserTree, Utf8BomAndUtf16Offsets) {
  Document doc;
  ASSERT_EQ(parse("\xef\xbb\xbf{\"a\": 1}", {}, doc).outcome, ParseOutcome::kOk);
  EXPECT_EQ(doc.node(doc.root()).offset, 3u);
  EXPECT_EQ(doc.node(doc.node(doc.root()).first_child).offset, 9u);
  // UTF-16LE [\"é\",2]: offsets count in the UTF-8 transcoding.
  ASSERT_EQ(parse("[\x00\"\x00\xe9\x00\"\x00,\x00"
                  "2\x00]\x00"sv,
                  {}, doc)
                .outcome,
            ParseOutcome::kOk);
  const uint32_t s = doc.node(doc.root()).first_child;
  EXPECT_EQ(doc.node(s).offset, 1u);
  EXPECT_EQ(doc.string_value(s), "\xc3\xa9");
  EXPECT_EQ(doc.node(doc.node(s).next_sibling).offset, 6u);
}

// ---- limits ----

std::string nested(size_t depth, std::string_view open, std::string_view inner, std::string_view close) {
  std::string body;
  body.reserve(depth * (open.size() + close.size()) + inner.size());
  for (size_t i = 0; i < depth; ++i) body += open;
  body += inner;
  for (size_t i = 0; i < depth; ++i) body += close;
  return body;
}

TEST(PyParserDepth, MaxDepthContainersParseOneMoreFails) {
  for (Dialect dialect : {Dialect::kPython311, Dialect::kPython313, Dialect::kRfc8259}) {
    ParseOptions options = with_dialect(dialect);
    options.max_depth = 5;
    Document doc;
    EXPECT_EQ(parse(nested(5, "[", "1", "]"), options, doc).outcome, ParseOutcome::kOk);
    EXPECT_EQ(parse(nested(5, "{\"k\":", "1", "}"), options, doc).outcome, ParseOutcome::kOk);
    ParseResult result = parse(nested(6, "[", "1", "]"), options, doc);
    EXPECT_EQ(result.outcome, ParseOutcome::kTooDeep);
    EXPECT_EQ(result.char_position, 5u);  // the sixth '['
    EXPECT_EQ(result.byte_offset, 5u);
    result = parse(nested(6, "{\"k\":", "1", "}"), options, doc);
    EXPECT_EQ(result.outcome, ParseOutcome::kTooDeep);
    EXPECT_EQ(result.byte_offset, 25u);
    // Mixed, and siblings do not add up.
    EXPECT_EQ(parse("[[[[[1]]],[[[2]]]],{\"a\":[[[3]]]}]", options, doc).outcome, ParseOutcome::kOk);
    // The limit is hit when the container opens, before later syntax errors.
    EXPECT_EQ(parse("[[[[[[x", options, doc).outcome, ParseOutcome::kTooDeep);
    EXPECT_EQ(parse("[[[[[x", options, doc).outcome, ParseOutcome::kSyntaxError);
    // Earlier syntax errors win.
    EXPECT_EQ(parse("[1 [[[[[[", options, doc).outcome, ParseOutcome::kSyntaxError);
  }
}

TEST(PyParserDepth, ZeroAllowsScalarsOnly) {
  ParseOptions options;
  options.max_depth = 0;
  Document doc;
  EXPECT_EQ(parse("1", options, doc).outcome, ParseOutcome::kOk);
  EXPECT_EQ(parse("[]", options, doc).outcome, ParseOutcome::kTooDeep);
  EXPECT_EQ(parse("{}", options, doc).outcome, ParseOutcome::kTooDeep);
}

TEST(PyParserDepth, MillionOpenBracketsUseNoCppStack) {
  Document doc;
  const std::string opens(1'000'000, '[');
  ParseResult result = parse(opens, {}, doc);
  EXPECT_EQ(result.outcome, ParseOutcome::kTooDeep);
  EXPECT_EQ(result.byte_offset, 10000u);  // the default max_depth
  ParseOptions unlimited;
  unlimited.max_depth = UINT32_MAX;
  result = parse(opens, unlimited, doc);
  EXPECT_EQ(result.outcome, ParseOutcome::kSyntaxError);
  EXPECT_EQ(result.code, SyntaxCode::kExpectingValue);
  EXPECT_EQ(result.char_position, 1'000'000u);
  ASSERT_EQ(parse(nested(1'000'000, "[", "", "]"), unlimited, doc).outcome, ParseOutcome::kOk);
  EXPECT_EQ(doc.node_count(), 1'000'000u);
}

// Python refuses int() of more than 4300 digits (the sign does not count);
// floats have no limit. Checked with both interpreters:
//   tools/python_json_expectations.py --both "b'1'*4300" "b'1'*4301"
//       "b'-'+b'1'*4300" "b'-'+b'1'*4301" "b'1'*4301+b'.5'"
TEST(PyParserIntDigits, Python4300DigitLimit) {
  const std::string ok_digits = "1" + std::string(4299, '0');
  const std::string long_digits = "1" + std::string(4300, '0');
  for (Dialect dialect : {Dialect::kPython311, Dialect::kPython313}) {
    const ParseOptions options = with_dialect(dialect);
    Document doc;
    ASSERT_EQ(parse(ok_digits, options, doc).outcome, ParseOutcome::kOk);
    EXPECT_EQ(doc.node(doc.root()).kind, Kind::kBigInt);
    EXPECT_EQ(doc.text(doc.node(doc.root()).text), ok_digits);
    EXPECT_EQ(parse("-" + ok_digits, options, doc).outcome, ParseOutcome::kOk);
    EXPECT_EQ(doc.text(doc.node(doc.root()).text), "-" + ok_digits);
    ParseResult result = parse("[0, -" + long_digits + "]", options, doc);
    EXPECT_EQ(result.outcome, ParseOutcome::kIntegerTooLong);
    EXPECT_EQ(result.byte_offset, 4u);
    EXPECT_EQ(result.char_position, 4u);
    EXPECT_EQ(parse(long_digits, options, doc).outcome, ParseOutcome::kIntegerTooLong);
    EXPECT_EQ(parse(long_digits + ".5", options, doc).outcome, ParseOutcome::kOk);
    EXPECT_EQ(parse(long_digits + "e1", options, doc).outcome, ParseOutcome::kOk);
    // The value is read (and refused) before what follows it is looked at.
    EXPECT_EQ(parse(long_digits + "x", options, doc).outcome, ParseOutcome::kIntegerTooLong);
    // Syntax errors before the number still win.
    EXPECT_EQ(parse("[1 " + long_digits + "]", options, doc).outcome, ParseOutcome::kSyntaxError);
  }
  Document doc;
  ASSERT_EQ(parse(long_digits, with_dialect(Dialect::kRfc8259), doc).outcome, ParseOutcome::kOk);
  EXPECT_EQ(doc.text(doc.node(doc.root()).text), long_digits);
}

// ---- scale ----

TEST(PyParserScale, HundredThousandKeysWithDuplicatesIsLinear) {
  std::string body = "{";
  constexpr int kKeys = 100'000;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < kKeys; ++i) {
      if (body.size() > 1) body += ',';
      body += "\"key" + std::to_string(i) + "\":" + std::to_string(round * kKeys + i);
    }
  }
  body += '}';
  Document doc;
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(parse(body, {}, doc).outcome, ParseOutcome::kOk);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  // Quadratic duplicate search would take minutes here.
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  const Node& root = doc.node(doc.root());
  EXPECT_EQ(root.child_count, static_cast<uint32_t>(kKeys));
  int i = 0;
  for (uint32_t m = root.first_child; m != kNoNode; m = doc.node(m).next_sibling, ++i) {
    ASSERT_EQ(doc.key(m), "key" + std::to_string(i));
    ASSERT_TRUE(doc.node(m).duplicated_key);
    ASSERT_EQ(doc.node(m).int_value, kKeys + i);
  }
  EXPECT_EQ(i, kKeys);
}

TEST(PyParserScale, ManyLargeObjectsShareTheKeyIndex) {
  // Same keys in sibling and nested objects must not be taken for duplicates.
  std::string body = "[";
  for (int object = 0; object < 200; ++object) {
    if (object) body += ',';
    body += '{';
    for (int k = 0; k < 20; ++k) {
      if (k) body += ',';
      body += "\"k" + std::to_string(k) + "\":" +
              (k == 10 ? "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k1\":0}"
                       : std::to_string(k));
    }
    body += '}';
  }
  body += ']';
  Document doc;
  ASSERT_EQ(parse(body, {}, doc).outcome, ParseOutcome::kOk);
  for (uint32_t o = doc.node(doc.root()).first_child; o != kNoNode; o = doc.node(o).next_sibling) {
    ASSERT_EQ(doc.node(o).child_count, 20u);
    for (uint32_t m = doc.node(o).first_child; m != kNoNode; m = doc.node(m).next_sibling) {
      ASSERT_FALSE(doc.node(m).duplicated_key);
      if (doc.key(m) == "k10") {
        EXPECT_EQ(doc.node(m).child_count, 9u);
        EXPECT_TRUE(doc.node(doc.node(m).first_child).duplicated_key);
      }
    }
  }
}

TEST(PyParserScale, WarmParserAndDocumentReuseTheirBuffers) {
  Parser parser;
  Document doc;
  std::string body = "{";
  for (int i = 0; i < 1000; ++i) body += (i ? ",\"k" : "\"k") + std::to_string(i % 700) + "\":[\"v\",1.5,{}]";
  body += '}';
  ASSERT_EQ(parser.parse(body, {}, doc).outcome, ParseOutcome::kOk);
  const std::string first = dump(doc);
  const Node* nodes = doc.mutable_nodes().data();
  const char* arena = doc.mutable_arena().data();
  for (int round = 0; round < 3; ++round) {
    ASSERT_EQ(parser.parse(body, {}, doc).outcome, ParseOutcome::kOk);
    EXPECT_EQ(doc.mutable_nodes().data(), nodes);
    EXPECT_EQ(doc.mutable_arena().data(), arena);
    EXPECT_EQ(dump(doc), first);
    // A failure in between leaves the parser usable.
    EXPECT_EQ(parser.parse("[1,", {}, doc).outcome, ParseOutcome::kSyntaxError);
    EXPECT_EQ(parser.parse("\xff\xfe[\x00]\x00"sv, {}, doc).outcome, ParseOutcome::kOk);
  }
}

TEST(PyParserScale, MovedParsersStillParse) {
  Parser first;
  Document doc;
  ASSERT_EQ(first.parse(R"({"a":[1]})", {}, doc).outcome, ParseOutcome::kOk);
  Parser second(std::move(first));
  ASSERT_EQ(second.parse(R"({"b":2})", {}, doc).outcome, ParseOutcome::kOk);
  EXPECT_EQ(dump(doc), R"({"b":2})");
  first = Parser();
  ASSERT_EQ(first.parse("[1,2]", {}, doc).outcome, ParseOutcome::kOk);
  Parser moved_from;
  Parser target(std::move(moved_from));
  // A moved-from Parser must still work.
  const ParseResult result =
      moved_from.parse("[3]", {}, doc);  // NOLINT(bugprone-use-after-move,clang-analyzer-cplusplus.Move)
  ASSERT_EQ(result.outcome, ParseOutcome::kOk);
  EXPECT_EQ(dump(doc), "[3]");
}

// ---- decode_python_text ----

TEST(PyParserDecode, LikeBytesDecode) {
  std::string text;
  ASSERT_TRUE(decode_python_text("\xef\xbb\xbf[1]", text));
  EXPECT_EQ(text, "[1]");
  ASSERT_TRUE(decode_python_text("\"\x00\xe9\x00=\xd8\x00\xde\x00\xd8\"\x00"sv, text));
  EXPECT_EQ(text, "\"\xc3\xa9\xf0\x9f\x98\x80\xed\xa0\x80\"");
  ASSERT_TRUE(decode_python_text("\xed\xa0\x80 x", text));
  EXPECT_EQ(text, "\xed\xa0\x80 x");
  ASSERT_TRUE(decode_python_text("", text));
  EXPECT_EQ(text, "");
  EXPECT_FALSE(decode_python_text("\"\xff\"", text));
  EXPECT_FALSE(
      decode_python_text("1\x00"
                         "2\x00 "sv,
                         text));
}

TEST(PyParserDecode, DetectEncodingLikeJson) {
  EXPECT_EQ(detect_python_encoding(""), PythonEncoding::kUtf8);
  EXPECT_EQ(detect_python_encoding("\xef\xbb\xbf"), PythonEncoding::kUtf8Sig);
  EXPECT_EQ(detect_python_encoding("\xff\xfe\x00\x00"sv), PythonEncoding::kUtf32);
  EXPECT_EQ(detect_python_encoding("\xff\xfe\x00\x01"sv), PythonEncoding::kUtf16);
  EXPECT_EQ(detect_python_encoding("\x00\x00\xfe\xff"sv), PythonEncoding::kUtf32);
  EXPECT_EQ(detect_python_encoding("\x00\x00\x00\x01"sv), PythonEncoding::kUtf32Be);
  EXPECT_EQ(detect_python_encoding("\x00\x01\x00\x00"sv), PythonEncoding::kUtf16Be);
  EXPECT_EQ(detect_python_encoding("\x01\x00\x00\x00"sv), PythonEncoding::kUtf32Le);
  EXPECT_EQ(detect_python_encoding("\x01\x00\x00\x01"sv), PythonEncoding::kUtf16Le);
  EXPECT_EQ(detect_python_encoding("\x01\x00\x01\x00"sv), PythonEncoding::kUtf16Le);
  EXPECT_EQ(detect_python_encoding("\x00\x01"sv), PythonEncoding::kUtf16Be);
  EXPECT_EQ(detect_python_encoding("\x01\x00"sv), PythonEncoding::kUtf16Le);
  EXPECT_EQ(detect_python_encoding("\x00\x01\x00"sv), PythonEncoding::kUtf8);
  EXPECT_EQ(detect_python_encoding("\x00"sv), PythonEncoding::kUtf8);
  EXPECT_EQ(detect_python_encoding("{}"), PythonEncoding::kUtf8);
}

// ---- robustness ----

// Arbitrary bytes never crash, read out of bounds (run under ASan/UBSan) or
// give an inconsistent result.
TEST(PyParserRobustness, RandomBytesAndMutations) {
  std::mt19937_64 random(12345);
  const std::string_view seeds[] = {
      R"({"a":[1,2.5e3,"x\u00e9\ud83d\ude00"],"b":{"c":null,"c":true}})",
      "[\"\\ud800\\udc00\", -0, 1e400, NaN, -Infinity]",
      "\xef\xbb\xbf{\"\xc3\xa9\":\"\xed\xa0\x80\"}",
      "\xff\xfe{\x00\"\x00\x61\x00\"\x00:\x00[\x00]\x00}\x00"sv,
  };
  const char alphabet[] =
      "{}[]\",:\\u0123456789abcdefABCDEFeE+-.ntrsulNaIfiy \t\n\r\x00\x1f\x80\xbf\xc3\xed\xa0\xf0\xff";
  Parser parser;
  Document doc;
  for (int iteration = 0; iteration < 30000; ++iteration) {
    std::string body;
    if (iteration % 3 == 0) {
      const size_t length = random() % 24;
      for (size_t i = 0; i < length; ++i) body += static_cast<char>(random());
    } else {
      body = seeds[random() % std::size(seeds)];
      for (int edits = 1 + random() % 3; edits > 0 && !body.empty(); --edits) {
        const size_t at = random() % body.size();
        const char c = alphabet[random() % (sizeof(alphabet) - 1)];
        switch (random() % 3) {
          case 0:
            body[at] = c;
            break;
          case 1:
            body.insert(body.begin() + static_cast<std::ptrdiff_t>(at), c);
            break;
          default:
            body.erase(at, 1 + random() % 3);
            break;
        }
      }
    }
    for (Dialect dialect : {Dialect::kPython311, Dialect::kPython313, Dialect::kRfc8259}) {
      ParseOptions options = with_dialect(dialect);
      options.max_depth = 8;
      const ParseResult result = parser.parse(body, options, doc);
      if (result.outcome == ParseOutcome::kOk) {
        ASSERT_NE(doc.root(), kNoNode);
        (void)dump(doc);
      } else {
        ASSERT_EQ(doc.root(), kNoNode);
        ASSERT_LE(result.char_position, result.byte_offset);
      }
      if (dialect == Dialect::kRfc8259 && result.outcome != ParseOutcome::kOk) {
        ASSERT_LE(result.byte_offset, body.size());
      }
    }
  }
}

}  // namespace
}  // namespace tfschema::json
