#include "json/text_decoding.hpp"

#include <cstring>

namespace tfschema::json {
namespace {

uint8_t byte_at(std::string_view bytes, size_t i) { return static_cast<uint8_t>(bytes[i]); }

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.size() >= prefix.size() && bytes.substr(0, prefix.size()) == prefix;
}

bool is_continuation(uint8_t b) { return (b & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence starting at bytes[i] (a non-ASCII lead
// byte), or 0 when it does not decode. Sets *surrogate when the sequence is
// an encoded surrogate (only accepted with allow_surrogates).
size_t utf8_sequence_length(std::string_view bytes, size_t i, bool allow_surrogates, bool* surrogate) {
  const size_t left = bytes.size() - i;
  const uint8_t b0 = byte_at(bytes, i);
  *surrogate = false;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    return left >= 2 && is_continuation(byte_at(bytes, i + 1)) ? 2 : 0;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (left < 3) return 0;
    const uint8_t b1 = byte_at(bytes, i + 1);
    // E0 needs A0.. to exclude overlong forms.
    const uint8_t lo = b0 == 0xE0 ? 0xA0 : 0x80;
    if (b1 < lo || b1 > 0xBF || !is_continuation(byte_at(bytes, i + 2))) return 0;
    // ED A0..BF is a surrogate (D800..DFFF): only 'surrogatepass' takes it.
    if (b0 == 0xED && b1 >= 0xA0) {
      *surrogate = true;
      return allow_surrogates ? 3 : 0;
    }
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (left < 4) return 0;
    const uint8_t b1 = byte_at(bytes, i + 1);
    uint8_t lo = 0x80;
    uint8_t hi = 0xBF;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
    if (b1 < lo || b1 > hi || !is_continuation(byte_at(bytes, i + 2)) || !is_continuation(byte_at(bytes, i + 3))) {
      return 0;
    }
    return 4;
  }
  return 0;  // continuation byte, C0, C1 or F5..FF as a lead byte
}

// Eight ASCII bytes at once: the common case for JSON bodies.
bool eight_ascii_bytes(std::string_view bytes, size_t i) {
  uint64_t word;
  std::memcpy(&word, bytes.data() + i, sizeof(word));
  return (word & 0x8080808080808080ULL) == 0;
}

uint32_t read_unit16(std::string_view bytes, size_t i, bool big_endian) {
  const uint32_t a = byte_at(bytes, i);
  const uint32_t b = byte_at(bytes, i + 1);
  return big_endian ? (a << 8 | b) : (b << 8 | a);
}

uint32_t read_unit32(std::string_view bytes, size_t i, bool big_endian) {
  uint32_t value = 0;
  for (size_t k = 0; k < 4; ++k) {
    const uint32_t b = byte_at(bytes, i + (big_endian ? k : 3 - k));
    value = value << 8 | b;
  }
  return value;
}

bool is_high_surrogate(uint32_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool is_low_surrogate(uint32_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

}  // namespace

PythonEncoding detect_python_encoding(std::string_view bytes) {
  using namespace std::string_view_literals;
  // The UTF-32 LE BOM starts with the UTF-16 LE one, so UTF-32 goes first.
  if (starts_with(bytes, "\x00\x00\xFE\xFF"sv) || starts_with(bytes, "\xFF\xFE\x00\x00"sv)) {
    return PythonEncoding::kUtf32;
  }
  if (starts_with(bytes, "\xFE\xFF"sv) || starts_with(bytes, "\xFF\xFE"sv)) return PythonEncoding::kUtf16;
  if (starts_with(bytes, "\xEF\xBB\xBF"sv)) return PythonEncoding::kUtf8Sig;
  // Without a BOM, JSON text starts with ASCII, so NUL bytes among the first
  // few reveal UTF-16/32 and their byte order.
  if (bytes.size() >= 4) {
    if (byte_at(bytes, 0) == 0) {
      return byte_at(bytes, 1) != 0 ? PythonEncoding::kUtf16Be : PythonEncoding::kUtf32Be;
    }
    if (byte_at(bytes, 1) == 0) {
      return byte_at(bytes, 2) != 0 || byte_at(bytes, 3) != 0 ? PythonEncoding::kUtf16Le : PythonEncoding::kUtf32Le;
    }
  } else if (bytes.size() == 2) {
    if (byte_at(bytes, 0) == 0) return PythonEncoding::kUtf16Be;
    if (byte_at(bytes, 1) == 0) return PythonEncoding::kUtf16Le;
  }
  return PythonEncoding::kUtf8;
}

Utf8Check check_utf8(std::string_view bytes, bool allow_surrogates) {
  Utf8Check result;
  size_t i = 0;
  const size_t n = bytes.size();
  while (i < n) {
    if (n - i >= 8 && eight_ascii_bytes(bytes, i)) {
      i += 8;
      continue;
    }
    if (byte_at(bytes, i) < 0x80) {
      ++i;
      continue;
    }
    bool surrogate = false;
    const size_t length = utf8_sequence_length(bytes, i, allow_surrogates, &surrogate);
    if (length == 0) {
      result.ok = false;
      result.error_offset = i;
      result.error_is_surrogate = surrogate;
      return result;
    }
    i += length;
  }
  return result;
}

void append_code_point(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool transcode_utf16(std::string_view bytes, bool big_endian, std::string& out, size_t* error_offset) {
  const size_t n = bytes.size();
  out.reserve(out.size() + n + n / 2);
  size_t i = 0;
  while (n - i >= 2) {
    const uint32_t unit = read_unit16(bytes, i, big_endian);
    i += 2;
    if (is_high_surrogate(unit) && n - i >= 2) {
      const uint32_t next = read_unit16(bytes, i, big_endian);
      if (is_low_surrogate(next)) {
        i += 2;
        append_code_point(0x10000 + ((unit - 0xD800) << 10) + (next - 0xDC00), out);
        continue;
      }
    }
    // 'surrogatepass' lets a surrogate that is not part of a pair through
    // as its own code point.
    append_code_point(unit, out);
  }
  if (i != n) {  // an odd trailing byte: "truncated data"
    *error_offset = i;
    return false;
  }
  return true;
}

bool transcode_utf32(std::string_view bytes, bool big_endian, std::string& out, size_t* error_offset) {
  const size_t n = bytes.size();
  out.reserve(out.size() + n);
  size_t i = 0;
  while (n - i >= 4) {
    const uint32_t value = read_unit32(bytes, i, big_endian);
    if (value > 0x10FFFF) {
      *error_offset = i;
      return false;
    }
    // Surrogates pass one by one; Python's UTF-32 decoder never pairs them.
    append_code_point(value, out);
    i += 4;
  }
  if (i != n) {
    *error_offset = i;
    return false;
  }
  return true;
}

uint64_t count_code_points(std::string_view text) {
  uint64_t count = 0;
  for (char c : text) {
    count += is_continuation(static_cast<uint8_t>(c)) ? 0 : 1;
  }
  return count;
}

}  // namespace tfschema::json
