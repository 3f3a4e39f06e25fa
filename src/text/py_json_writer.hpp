// JSON output byte-identical to what FastAPI sends: CPython's
// json.dumps(..., ensure_ascii=False, separators=(",", ":")) applied to the
// values json.loads built, then encoded as UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tfschema::text {

// What to do with a lone surrogate (U+D800..U+DFFF held on its own, as WTF-8
// bytes ED A0..BF xx). Python's json.loads keeps one from a "\ud800" escape,
// json.dumps copies it raw, and the final .encode("utf-8") then fails: the
// server answers 500. tfschema answers a 422 instead, so it needs a choice.
enum class LoneSurrogatePolicy : uint8_t {
  // U+FFFD: valid JSON and UTF-8 that every parser accepts (serde_json and
  // nlohmann refuse lone-surrogate escapes). What tfschema's 422 stand-ins use.
  kReplace,
  // "\ud800" (lowercase hex, like Python's ensure_ascii=True): the output
  // stays valid JSON and valid UTF-8.
  kEscape,
  // The three WTF-8 bytes unchanged: what Python's str held, encoded with
  // "surrogatepass". Not valid UTF-8; for diagnostics that must show them.
  kPassThrough,
};

// \uXXXX (lowercase hex, as Python writes it) for one UTF-16 code unit.
void append_u_escape(uint32_t code_unit, std::string& out);

// How CPython's encoder escapes an ASCII character below U+0020, '"', '\\'
// or DEL: \" \\ \n \r \t \b \f, the others as \u00XX.
void append_ascii_escape(unsigned char c, std::string& out);

// Appends wtf8 as a quoted JSON string the way CPython's encoder does with
// ensure_ascii=False: \" \\ \n \r \t \b \f, every other character below
// U+0020 as \u00XX (lowercase hex), everything else (U+007F, U+2028, all
// non-ASCII) as raw UTF-8. Each lone surrogate follows the policy; a
// surrogate pair spelled as two 3-byte sequences is two lone surrogates, as it
// is in Python. Bytes that are not WTF-8 at all cannot come from json.loads;
// each is written as U+FFFD so that the output is always well formed.
void append_python_json_string(std::string_view wtf8, std::string& out,
                               LoneSurrogatePolicy policy = LoneSurrogatePolicy::kEscape);

// The same without the quotes: what goes between them.
void append_python_json_chars(std::string_view wtf8, std::string& out,
                              LoneSurrogatePolicy policy = LoneSurrogatePolicy::kEscape);

// True when wtf8 holds a lone surrogate, i.e. when echoing it makes the
// Python server fail with a 500.
bool contains_lone_surrogate(std::string_view wtf8);

// Appends the decimal digits of value, as json.dumps prints a Python int.
void append_python_json_int(int64_t value, std::string& out);

// Appends value as json.dumps(allow_nan=True) prints a Python float:
// float repr for finite values ("1.0", "1e+16"), and "NaN", "Infinity",
// "-Infinity" otherwise. FastAPI renders with allow_nan=False, so a
// non-finite value in a body means a 500 there; callers decide about that
// (see is_json_encodable_float).
void append_python_json_float(double value, std::string& out);

// False for NaN and the infinities, which FastAPI's json.dumps(allow_nan=False)
// refuses.
bool is_json_encodable_float(double value);

}  // namespace tfschema::text
