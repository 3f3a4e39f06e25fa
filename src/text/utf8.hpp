// Small facts about WTF-8 text (UTF-8 that may hold lone surrogates).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tfschema::text {

// Python's len(): code points. Every code point has exactly one lead byte
// (any byte but a continuation byte, 10xxxxxx).
inline size_t code_point_count(std::string_view s) noexcept {
  size_t count = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // 16 bytes a step, counted in byte lanes, summed every 255 steps (before a
  // lane can wrap): GCC's own vectorisation of the loop below widens every
  // lane to 64 bits, several times the instructions (max_length on a long
  // description).
  const __m128i last_continuation = _mm_set1_epi8(static_cast<char>(0xBF));  // signed: 0x80..0xBF is -128..-65
  while (s.size() - i >= 16) {
    const size_t steps = std::min<size_t>((s.size() - i) / 16, 255);
    __m128i leads = _mm_setzero_si128();
    for (size_t k = 0; k < steps; ++k, i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      leads = _mm_sub_epi8(leads, _mm_cmpgt_epi8(bytes, last_continuation));  // a lead byte's lane: 0 - (-1)
    }
    const __m128i sums = _mm_sad_epu8(leads, _mm_setzero_si128());
    count += static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; i < s.size(); ++i) count += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return count;
}

// A surrogate code point encoded on its own (ED A0..BF xx): a Python str
// can hold one, a Rust &str cannot, so Pydantic v2 rejects it.
// Searches for the lead byte ED with memchr, which is vectorised.
inline bool has_lone_surrogate(std::string_view s) noexcept {
  if (s.empty()) return false;  // memchr wants a non-null pointer
  const char* p = s.data();
  const char* const end = s.data() + s.size();
  while ((p = static_cast<const char*>(std::memchr(p, 0xED, static_cast<size_t>(end - p)))) != nullptr) {
    if (end - p >= 2 && (static_cast<unsigned char>(p[1]) & 0xE0) == 0xA0) return true;
    ++p;
  }
  return false;
}

// Decodes the code point starting at s[i] (WTF-8, assumed well-formed) and
// advances i past it.
inline uint32_t next_code_point(std::string_view s, size_t& i) noexcept {
  const auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[k])); };
  uint32_t c = byte(i);
  if (c < 0x80 || i + 1 >= s.size()) {
    i += 1;
    return c;
  }
  if (c < 0xE0) {
    uint32_t cp = ((c & 0x1F) << 6) | (byte(i + 1) & 0x3F);
    i += 2;
    return cp;
  }
  if (c < 0xF0 || i + 3 >= s.size()) {
    if (i + 2 >= s.size()) {
      i = s.size();
      return 0xFFFD;
    }
    uint32_t cp = ((c & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
    i += 3;
    return cp;
  }
  uint32_t cp = ((c & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) | ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F);
  i += 4;
  return cp;
}

}  // namespace tfschema::text
