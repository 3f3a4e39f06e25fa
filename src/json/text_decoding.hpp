// Bytes -> text the way CPython's json.loads(bytes) decodes them.
//
// json.loads picks a codec with json.detect_encoding (BOMs, then the
// positions of NUL bytes) and decodes with errors='surrogatepass'. The
// decoded str may hold lone surrogates, so we represent it as "generalized
// UTF-8": every Python code point is written with the UTF-8 bit pattern for
// its value, surrogates included (3 bytes each) and never paired up. That
// keeps one encoded sequence per Python code point, so lengths, equality and
// positions agree with Python's str. (This is the WTF-8 that the rest of the
// library talks about; unlike strict WTF-8 it can hold a high surrogate
// directly followed by a low one, which Python's str can too.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tfschema::json {

enum class PythonEncoding : uint8_t {
  kUtf8,     // 'utf-8'
  kUtf8Sig,  // 'utf-8-sig': a UTF-8 BOM to strip
  kUtf16,    // 'utf-16': BOM picks the byte order and is stripped
  kUtf16Be,
  kUtf16Le,
  kUtf32,  // 'utf-32': BOM picks the byte order and is stripped
  kUtf32Be,
  kUtf32Le,
};

// json.detect_encoding(bytes).
PythonEncoding detect_python_encoding(std::string_view bytes);

// Result of validating UTF-8 bytes.
struct Utf8Check {
  bool ok = true;
  // When !ok: byte offset of the first byte that does not decode, and whether
  // it starts an encoded surrogate (ED A0..BF 80..BF).
  size_t error_offset = 0;
  bool error_is_surrogate = false;
};

// Checks that `bytes` is UTF-8. With allow_surrogates, encoded surrogates
// (ED A0 80 .. ED BF BF) are accepted as code points, as Python's
// bytes.decode('utf-8', 'surrogatepass') does.
Utf8Check check_utf8(std::string_view bytes, bool allow_surrogates);

// Decodes UTF-16/32 `bytes` (BOM already removed, byte order known) with
// 'surrogatepass' semantics and appends the text as generalized UTF-8.
// Returns false, leaving *error_offset at the offending input byte, when
// Python would raise UnicodeDecodeError.
bool transcode_utf16(std::string_view bytes, bool big_endian, std::string& out, size_t* error_offset);
bool transcode_utf32(std::string_view bytes, bool big_endian, std::string& out, size_t* error_offset);

// Appends code point `cp` (0 .. 0x10FFFF, surrogates allowed) as generalized UTF-8.
void append_code_point(uint32_t cp, std::string& out);

// Number of code points in generalized UTF-8 text: the count of bytes that
// are not continuation bytes.
uint64_t count_code_points(std::string_view text);

}  // namespace tfschema::json
