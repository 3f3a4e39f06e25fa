// Small facts about WTF-8 text (UTF-8 that may hold lone surrogates).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace tfschema::text {

namespace detail {

// Lead bytes from s[i] on, one at a time, added to `count`.
inline size_t count_lead_bytes(std::string_view s, size_t i, size_t count) noexcept {
  for (; i < s.size(); ++i) count += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return count;
}

#if defined(__x86_64__)
// code_point_count for each x86 target it is compiled for: the kernel
// objects (cmake/kernels.cmake) take their target's, and the tests call
// every one this CPU runs. A lead byte is any byte but 0x80..0xBF, which
// are -128..-65 as signed bytes.
inline constexpr char kLastContinuation = static_cast<char>(0xBF);

// 64 bytes a step, the lead bytes a bit mask each, the tail in one masked
// load (it reads no byte past the string).
[[gnu::target("avx512f,avx512bw,bmi2")]] inline size_t code_point_count_avx512(std::string_view s) noexcept {
  const __m512i last_continuation = _mm512_set1_epi8(kLastContinuation);
  size_t count = 0;
  size_t i = 0;
  for (; s.size() - i >= 64; i += 64) {
    const __m512i bytes = _mm512_loadu_si512(s.data() + i);
    count += static_cast<size_t>(__builtin_popcountll(_mm512_cmpgt_epi8_mask(bytes, last_continuation)));
  }
  const __mmask64 tail = _bzhi_u64(~uint64_t{0}, static_cast<unsigned>(s.size() - i));
  const __m512i bytes = _mm512_maskz_loadu_epi8(tail, s.data() + i);
  return count + static_cast<size_t>(__builtin_popcountll(_mm512_mask_cmpgt_epi8_mask(tail, bytes, last_continuation)));
}

// A block a step, counted in byte lanes, summed every 255 steps (before a
// lane can wrap): GCC's own vectorisation of the byte loop widens every
// lane to 64 bits, several times the instructions.
[[gnu::target("avx2")]] inline size_t code_point_count_avx2(std::string_view s) noexcept {
  const __m256i last_continuation = _mm256_set1_epi8(kLastContinuation);
  size_t count = 0;
  size_t i = 0;
  while (s.size() - i >= 32) {
    const size_t steps = std::min<size_t>((s.size() - i) / 32, 255);
    __m256i leads = _mm256_setzero_si256();
    for (size_t k = 0; k < steps; ++k, i += 32) {
      const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.data() + i));
      leads = _mm256_sub_epi8(leads, _mm256_cmpgt_epi8(bytes, last_continuation));  // a lead byte's lane: 0 - (-1)
    }
    const __m256i sums = _mm256_sad_epu8(leads, _mm256_setzero_si256());  // four 64-bit lanes
    count += static_cast<size_t>(_mm256_extract_epi64(sums, 0) + _mm256_extract_epi64(sums, 1) +
                                 _mm256_extract_epi64(sums, 2) + _mm256_extract_epi64(sums, 3));
  }
  return count_lead_bytes(s, i, count);
}

// The same, 16 bytes a step (every x86-64 CPU has SSE2).
inline size_t code_point_count_sse2(std::string_view s) noexcept {
  const __m128i last_continuation = _mm_set1_epi8(kLastContinuation);
  size_t count = 0;
  size_t i = 0;
  while (s.size() - i >= 16) {
    const size_t steps = std::min<size_t>((s.size() - i) / 16, 255);
    __m128i leads = _mm_setzero_si128();
    for (size_t k = 0; k < steps; ++k, i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      leads = _mm_sub_epi8(leads, _mm_cmpgt_epi8(bytes, last_continuation));
    }
    const __m128i sums = _mm_sad_epu8(leads, _mm_setzero_si128());  // two 64-bit lanes
    count += static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
  }
  return count_lead_bytes(s, i, count);
}
#endif

}  // namespace detail

// Python's len(): code points. Every code point has exactly one lead byte
// (any byte but a continuation byte, 10xxxxxx), counted a block at a time
// as wide as the target's vectors (max_length on a long description).
inline size_t code_point_count(std::string_view s) noexcept {
#if defined(__x86_64__) && defined(__AVX512BW__) && defined(__BMI2__)
  return detail::code_point_count_avx512(s);
#elif defined(__x86_64__) && defined(__AVX2__)
  return detail::code_point_count_avx2(s);
#elif defined(__x86_64__)
  return detail::code_point_count_sse2(s);
#else
  return detail::count_lead_bytes(s, 0, 0);
#endif
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
