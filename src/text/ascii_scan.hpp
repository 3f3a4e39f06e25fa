// Finding the end of a run of bytes that need no attention, eight bytes at a
// time (SWAR: plain 64-bit arithmetic, no SIMD intrinsics, so it builds for
// every target), or 16 with SSE2 (32 with AVX2, in the fast path's kernel
// objects) where the target has it. The JSON reader and writer spend most
// of their time here.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__AVX2__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tfschema::text {
namespace detail {

inline constexpr uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Nonzero when some byte of w is below n (n <= 128); exact as a yes/no
// (the classic "hasless" test; borrows only spoil which byte it points at).
constexpr uint64_t any_byte_below(uint64_t w, uint8_t n) { return (w - kOnes * n) & ~w & kHighBits; }
// Nonzero when some byte of w equals c.
constexpr uint64_t any_byte_equal(uint64_t w, uint8_t c) {
  const uint64_t x = w ^ (kOnes * c);
  return (x - kOnes) & ~x & kHighBits;
}

inline uint64_t load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// A byte a JSON string cannot hold as it is: '"', '\\' or a control character.
constexpr bool is_json_special(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

}  // namespace detail

// JSON's whitespace (RFC 8259: space, tab, line feed, carriage return).
constexpr bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The first index at or after `from` holding '"', '\\', a byte below 0x20 or,
// when kStopAtNonAscii, a byte >= 0x80; s.size() when there is none.
template <bool kStopAtNonAscii>
size_t json_plain_run_end(std::string_view s, size_t from) {
  using namespace detail;
  size_t i = from;
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t w = load8(s.data() + i);
    uint64_t special = any_byte_below(w, 0x20) | any_byte_equal(w, '"') | any_byte_equal(w, '\\');
    if constexpr (kStopAtNonAscii) special |= w & kHighBits;
    if (special) break;
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (is_json_special(c) || (kStopAtNonAscii && c >= 0x80)) break;
  }
  return i;
}

// The first index at or after `from` holding a byte >= 0x80, or s.size().
inline size_t ascii_run_end(std::string_view s, size_t from) {
  using namespace detail;
  size_t i = from;
  while (i + 8 <= s.size() && !(load8(s.data() + i) & kHighBits)) i += 8;
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// The closing quote of the JSON string whose text starts at `p`, when that
// text holds no backslash (no escape: the raw bytes are the string);
// nullptr otherwise. The caller knows the string is closed and followed by
// at least 31 readable bytes (a string in a document padded as simdjson
// pads, 64 bytes): a block at a time with no bound to check. Most strings
// end in the first 16 bytes; a longer one (a description) goes on 32 bytes
// a step where the target has AVX2.
[[gnu::always_inline]] inline const char* padded_plain_string_end(const char* p) {
  // Of one block's bit masks: whether a backslash comes before its first
  // quote (every bit counts when there is none).
  const auto escaped = [](auto quotes, auto backslashes) { return (backslashes & ((quotes & -quotes) - 1)) != 0; };
#if defined(__SSE2__)
  const auto block16 = [](const char* at, unsigned& quotes) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'))));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
  };
  unsigned quotes = 0;
  unsigned backslashes = block16(p, quotes);
  if (escaped(quotes, backslashes)) return nullptr;
  if (quotes != 0) return p + __builtin_ctz(quotes);
#if defined(__AVX2__)
  for (p += 16;; p += 32) {
    const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const auto quotes32 = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('"'))));
    const auto backslashes32 =
        static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('\\'))));
    if (escaped(quotes32, backslashes32)) return nullptr;
    if (quotes32 != 0) return p + __builtin_ctz(quotes32);
  }
#else
  for (p += 16;; p += 16) {
    backslashes = block16(p, quotes);
    if (escaped(quotes, backslashes)) return nullptr;
    if (quotes != 0) return p + __builtin_ctz(quotes);
  }
#endif
#else
  for (;; ++p) {
    if (*p == '"') return p;
    if (*p == '\\') return nullptr;
  }
#endif
}

}  // namespace tfschema::text
