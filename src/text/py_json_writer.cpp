#include "text/py_json_writer.hpp"

#include <charconv>
#include <cmath>

#include "text/ascii_scan.hpp"
#include "text/py_float.hpp"

namespace tfschema::text {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";  // Python escapes in lowercase

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The kind and length of the multi-byte sequence starting at text[i] (whose
// first byte is >= 0x80). Lone surrogates are what make WTF-8 differ from
// UTF-8: ED followed by A0..BF.
struct Sequence {
  enum Kind : uint8_t { kInvalid, kScalar, kSurrogate } kind = kInvalid;
  size_t length = 1;
};

// Accepted second bytes per lead byte, following the UTF-8 well-formedness
// table (no overlongs, nothing above U+10FFFF); ED admits A0..BF too.
Sequence classify_sequence(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return {};
  }
  if (i + length > text.size()) return {};
  if (byte(i + 1) < second_min || byte(i + 1) > second_max) return {};
  for (size_t k = i + 2; k < i + length; ++k) {
    if (!is_continuation(byte(k))) return {};
  }
  const bool surrogate = lead == 0xED && byte(i + 1) >= 0xA0;
  return {surrogate ? Sequence::kSurrogate : Sequence::kScalar, length};
}

uint32_t surrogate_code_unit(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(text[k])); };
  return ((byte(i) & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
}

// Writes the non-ASCII sequence at text[i] and returns its length.
size_t append_non_ascii(std::string_view text, size_t i, std::string& out, LoneSurrogatePolicy policy) {
  const Sequence sequence = classify_sequence(text, i);
  switch (sequence.kind) {
    case Sequence::kScalar:
      out.append(text.substr(i, sequence.length));
      break;
    case Sequence::kSurrogate:
      switch (policy) {
        case LoneSurrogatePolicy::kReplace:
          out += "\xEF\xBF\xBD";  // U+FFFD
          break;
        case LoneSurrogatePolicy::kEscape:
          append_u_escape(surrogate_code_unit(text, i), out);
          break;
        case LoneSurrogatePolicy::kPassThrough:
          out.append(text.substr(i, sequence.length));
          break;
      }
      break;
    case Sequence::kInvalid:
      out += "\xEF\xBF\xBD";  // U+FFFD
      break;
  }
  return sequence.length;
}

}  // namespace

void append_u_escape(uint32_t code_unit, std::string& out) {
  const char escape[6] = {'\\',
                          'u',
                          kHexDigits[(code_unit >> 12) & 0xF],
                          kHexDigits[(code_unit >> 8) & 0xF],
                          kHexDigits[(code_unit >> 4) & 0xF],
                          kHexDigits[code_unit & 0xF]};
  out.append(escape, sizeof escape);
}

void append_ascii_escape(unsigned char c, std::string& out) {
  switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    default:
      append_u_escape(c, out);
      break;
  }
}

// Characters Python writes unescaped are taken in bulk: printable ASCII other
// than the quote and the backslash. Bytes >= 0x80 go through validation.
void append_python_json_string(std::string_view wtf8, std::string& out, LoneSurrogatePolicy policy) {
  out.reserve(out.size() + wtf8.size() + 2);
  out += '"';
  append_python_json_chars(wtf8, out, policy);
  out += '"';
}

void append_python_json_chars(std::string_view wtf8, std::string& out, LoneSurrogatePolicy policy) {
  size_t i = 0;
  while (i < wtf8.size()) {
    const size_t run_end = json_plain_run_end<true>(wtf8, i);
    out.append(wtf8.data() + i, run_end - i);
    i = run_end;
    if (i == wtf8.size()) break;
    const auto c = static_cast<unsigned char>(wtf8[i]);
    if (c < 0x80) {
      append_ascii_escape(c, out);
      ++i;
    } else {
      i += append_non_ascii(wtf8, i, out, policy);
    }
  }
}

bool contains_lone_surrogate(std::string_view wtf8) {
  size_t i = 0;
  while (i < wtf8.size()) {
    i = ascii_run_end(wtf8, i);
    if (i == wtf8.size()) break;
    const Sequence sequence = classify_sequence(wtf8, i);
    if (sequence.kind == Sequence::kSurrogate) return true;
    i += sequence.length;
  }
  return false;
}

void append_python_json_int(int64_t value, std::string& out) {
  char buffer[24];
  const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_python_json_float(double value, std::string& out) {
  // json.dumps spells the non-finite values as JavaScript does, unlike repr.
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value < 0 ? "-Infinity" : "Infinity";
  } else {
    append_python_float_repr(value, out);
  }
}

bool is_json_encodable_float(double value) { return std::isfinite(value); }

}  // namespace tfschema::text
