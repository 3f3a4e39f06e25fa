#include "render/text_echo.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "render/writer.hpp"
#include "text/ascii_scan.hpp"
#include "text/py_json_writer.hpp"

namespace tfschema::render {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";  // Python escapes in lowercase

size_t skip_whitespace(std::string_view s, size_t i) {
  while (i < s.size() && text::is_json_whitespace(s[i])) ++i;
  return i;
}

// The first '"' or '\\' at or after `from`, or s.size(): 16 bytes at a time
// (a call to memchr costs more than most strings an error quotes).
size_t quote_or_backslash(std::string_view s, size_t from) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const auto special = [&](size_t at) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at));
    return _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash));
  };
  // 64 bytes a round while no byte is found (a long description), then 16.
  while (i + 64 <= s.size() && _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(special(i), special(i + 16)),
                                                              _mm_or_si128(special(i + 32), special(i + 48)))) == 0) {
    i += 64;
  }
  for (; i + 16 <= s.size(); i += 16) {
    const int found = _mm_movemask_epi8(special(i));
    if (found != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(found)));
  }
#endif
  while (i < s.size() && s[i] != '"' && s[i] != '\\') ++i;
  return i;
}

// The index just past the string whose opening quote is at `quote`;
// `escaped` tells whether it holds a backslash.
size_t string_end(std::string_view s, size_t quote, bool& escaped) {
  escaped = false;
  // Most strings hold no backslash: their end is the first quote.
  size_t i = quote_or_backslash(s, quote + 1);
  if (i < s.size() && s[i] == '"') return i + 1;
  i = quote + 1;
  for (;;) {
    i = text::json_plain_run_end<false>(s, i);
    if (i >= s.size()) return s.size();
    if (s[i] == '"') return i + 1;
    if (s[i] == '\\') {
      escaped = true;
      i += 2;
    } else {
      ++i;  // a control character: not JSON
    }
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of "\uXXXX" at s[i] (the backslash), or -1.
int32_t code_unit_at(std::string_view s, size_t i) {
  if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
  int32_t unit = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    const int digit = hex_value(s[k]);
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

std::string& as_string(std::string& out) { return out; }
std::string& as_string(Writer& out) { return out.str(); }

template <class Out>
void append_utf8(uint32_t cp, Out& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the escape at s[i] (a backslash) and advances i past it; a
// surrogate pair is one code point. A lone surrogate (not JSON simdjson
// accepts) decodes as U+FFFD.
uint32_t decode_escape(std::string_view s, size_t& i) {
  const char e = i + 1 < s.size() ? s[i + 1] : '\0';
  i += 2;
  switch (e) {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'u':
      break;
    default:
      return static_cast<unsigned char>(e);  // '"', '\\', '/'
  }
  const int32_t unit = code_unit_at(s, i - 2);
  if (unit < 0) return 0xFFFD;
  i += 4;
  if (unit < 0xD800 || unit > 0xDFFF) return static_cast<uint32_t>(unit);
  const int32_t low = unit <= 0xDBFF ? code_unit_at(s, i) : -1;
  if (low < 0xDC00 || low > 0xDFFF) return 0xFFFD;
  i += 6;
  return 0x10000 + ((static_cast<uint32_t>(unit) - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
}

// A code point as CPython's encoder writes it (ensure_ascii=False).
template <class Out>
void append_python_code_point(uint32_t cp, Out& out) {
  switch (cp) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      break;
  }
  if (cp < 0x20) {
    const char escape[6] = {'\\', 'u', '0', '0', kHexDigits[cp >> 4], kHexDigits[cp & 0xF]};
    out += std::string_view(escape, sizeof escape);
    return;
  }
  append_utf8(cp, out);
}

// Walks the string at `quote`, handing runs of plain bytes and decoded
// escapes to the callbacks; returns the index past it.
template <class Plain, class CodePoint>
size_t for_each_piece(std::string_view s, size_t quote, Plain&& plain, CodePoint&& code_point) {
  bool escaped = false;
  const size_t end = string_end(s, quote, escaped);
  const size_t close = end > quote + 1 && end <= s.size() && s[end - 1] == '"' ? end - 1 : end;
  size_t i = quote + 1;
  while (i < close) {
    const size_t run = text::json_plain_run_end<false>(s.substr(0, close), i);
    plain(s.substr(i, run - i));
    i = run;
    if (i >= close) break;
    if (s[i] == '\\') {
      code_point(decode_escape(s, i));
    } else {
      code_point(static_cast<unsigned char>(s[i]));  // a control character: not JSON
      ++i;
    }
  }
  return end;
}

// The string at `quote` as Python writes it. Without escapes the raw text
// is already that: it cannot hold a quote, a backslash or a control
// character, and Python writes everything else as it is.
template <class Out>
size_t append_string(std::string_view s, size_t quote, Out& out) {
  bool escaped = false;
  const size_t end = string_end(s, quote, escaped);
  if (!escaped && end > quote + 1 && s[end - 1] == '"') {
    out += s.substr(quote, end - quote);
    return end;
  }
  out += '"';
  for_each_piece(
      s, quote, [&](std::string_view run) { out += run; }, [&](uint32_t cp) { append_python_code_point(cp, out); });
  out += '"';
  return end;
}

// Whether the member name at `quote` starts with "_sa" once unescaped.
bool name_starts_with_sa(std::string_view s, size_t quote) {
  constexpr std::string_view kPrefix = "_sa";
  // Without a backslash among its first bytes, a name is its raw bytes there.
  const std::string_view head = s.substr(quote + 1, kPrefix.size());
  if (head.find('\\') == std::string_view::npos) return head == kPrefix;
  size_t matched = 0;
  bool mismatch = false;
  const auto take = [&](uint32_t cp) {
    if (matched < kPrefix.size() && !mismatch) {
      if (cp == static_cast<unsigned char>(kPrefix[matched])) {
        ++matched;
      } else {
        mismatch = true;
      }
    }
  };
  for_each_piece(
      s, quote,
      [&](std::string_view run) {
        for (char c : run) take(static_cast<unsigned char>(c));
      },
      take);
  return matched == kPrefix.size();
}

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// An int is Python's int: its digits, but "-0" is 0. A float is Python's
// float() of the text, printed by repr().
template <class Out>
size_t append_number(std::string_view s, size_t i, Out& out) {
  size_t end = i;
  bool is_float = false;
  while (end < s.size() && is_number_char(s[end])) {
    is_float |= s[end] == '.' || s[end] == 'e' || s[end] == 'E';
    ++end;
  }
  const std::string_view number = s.substr(i, end - i);
  if (!is_float) {
    out += number == "-0" ? std::string_view("0") : number;
    return end == i ? end + 1 : end;
  }
  double value = 0;
  const std::from_chars_result parsed = std::from_chars(number.data(), number.data() + number.size(), value);
  if (parsed.ec == std::errc::result_out_of_range) {
    // Not reachable from simdjson-read text: Python reads 1e400 as inf.
    value = std::strtod(std::string(number).c_str(), nullptr);
  }
  text::append_python_json_float(value, as_string(out));
  return end;
}

// The index past the value at `i` (whitespace skipped first).
size_t skip_value(std::string_view s, size_t i) {
  i = skip_whitespace(s, i);
  if (i >= s.size()) return i;
  if (s[i] == '"') {
    bool escaped = false;
    return string_end(s, i, escaped);
  }
  if (s[i] != '{' && s[i] != '[') {
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !text::is_json_whitespace(s[i])) ++i;
    return i;
  }
  size_t depth = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"') {
      bool escaped = false;
      i = string_end(s, i, escaped);
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
    ++i;
  }
  return i;
}

struct Frame {
  bool is_object;
  bool wrote_member;
};

// The stream walker never goes deeper than this (walk/stream_walker.hpp);
// deeper text breaks the precondition and is cut off.
constexpr size_t kMaxDepth = 512;

template <class Out>
void echo(std::string_view s, size_t offset, bool drop_sa_keys, Out& out) {
  std::array<Frame, kMaxDepth> stack;
  size_t depth = 0;
  size_t i = offset;
  for (;;) {
    // Writes the value at i: a scalar whole, a container's opening.
    i = skip_whitespace(s, i);
    if (i >= s.size()) return;
    switch (s[i]) {
      case '{':
      case '[':
        if (depth == kMaxDepth) return;
        out += s[i];
        stack[depth++] = Frame{s[i] == '{', false};
        ++i;
        break;
      case '"':
        i = append_string(s, i, out);
        break;
      case 't':
        out += "true";
        i += 4;
        break;
      case 'f':
        out += "false";
        i += 5;
        break;
      case 'n':
        out += "null";
        i += 4;
        break;
      default:
        i = append_number(s, i, out);
        break;
    }
    // Closes finished containers and moves to the next member or item.
    bool next = false;
    while (!next) {
      if (depth == 0) return;
      Frame& top = stack[depth - 1];
      i = skip_whitespace(s, i);
      if (i >= s.size()) return;
      if (s[i] == '}' || s[i] == ']') {
        out += s[i];
        --depth;
        ++i;
        continue;
      }
      if (s[i] == ',') i = skip_whitespace(s, i + 1);
      if (i >= s.size()) return;
      if (!top.is_object) {
        if (top.wrote_member) out += ',';
        top.wrote_member = true;
        next = true;
        continue;
      }
      if (s[i] != '"') return;  // not JSON
      bool escaped = false;
      const size_t name_end = string_end(s, i, escaped);
      size_t colon = skip_whitespace(s, name_end);
      if (colon < s.size() && s[colon] == ':') ++colon;
      if (drop_sa_keys && name_starts_with_sa(s, i)) {
        i = skip_value(s, colon);
        continue;
      }
      if (top.wrote_member) out += ',';
      top.wrote_member = true;
      append_string(s, i, out);
      out += ':';
      i = colon;
      next = true;
    }
  }
}

// The echo of a small container whose text needs only its whitespace
// dropped: no escape, no float, no -0 and, when `drop_sa_keys`, no string
// starting with "_sa" (a member to leave out, or not: echo() knows). Copied
// in one pass, with no stack of containers to keep; false, with nothing
// written, for any other text (echo() writes it) or a longer echo.
template <class Out>
bool append_compact_container(std::string_view s, size_t offset, bool drop_sa_keys, Out& out) {
  constexpr size_t kMaxEcho = 256;
  char copy[kMaxEcho];
  size_t n = 0;
  size_t depth = 0;
  const auto put = [&](std::string_view piece) {
    if (piece.size() > kMaxEcho - n) return false;
    std::memcpy(copy + n, piece.data(), piece.size());
    n += piece.size();
    return true;
  };
  for (size_t i = offset; i < s.size(); ++i) {
    const char c = s[i];
    if (text::is_json_whitespace(c)) continue;
    switch (c) {
      case '"': {
        const size_t end = quote_or_backslash(s, i + 1);
        if (end >= s.size() || s[end] != '"') return false;  // an escape
        if (drop_sa_keys && s.substr(i + 1, 3) == "_sa") return false;
        if (!put(s.substr(i, end + 1 - i))) return false;
        i = end;
        continue;
      }
      case 't':
      case 'f':
      case 'n': {
        const std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
        if (!put(word)) return false;
        i += word.size() - 1;
        continue;
      }
      case '.':
      case 'e':
      case 'E':
        return false;  // a float: Python's repr
      case '-':
        if (i + 1 < s.size() && s[i + 1] == '0') return false;  // -0 is 0 (or a float)
        break;
      case '{':
      case '[':
        ++depth;
        break;
      case '}':
      case ']':
        if (depth == 0) return false;  // not JSON
        --depth;
        break;
      default:
        break;
    }
    if (n == kMaxEcho) return false;
    copy[n++] = c;
    if (depth == 0) {
      out += std::string_view(copy, n);
      return true;
    }
  }
  return false;
}

}  // namespace

void append_text_echo(std::string_view json, size_t offset, bool drop_sa_keys, std::string& out) {
  const size_t start = skip_whitespace(json, offset);
  if (start < json.size() && (json[start] == '[' || json[start] == '{') &&
      append_compact_container(json, start, drop_sa_keys, out)) {
    return;
  }
  echo(json, offset, drop_sa_keys, out);
}

void append_text_echo(std::string_view json, size_t offset, bool drop_sa_keys, Writer& out) {
  // Most echoed inputs are strings or numbers: no walk of nested values to
  // set up.
  if (offset < json.size()) {
    const char first = json[offset];
    if (first == '"') {
      append_string(json, offset, out);
      return;
    }
    if (first == '-' || (first >= '0' && first <= '9')) {
      append_number(json, offset, out);
      return;
    }
    // A small list or object written as it is, but for its whitespace: no
    // nested walk to set up either.
    if ((first == '[' || first == '{') && append_compact_container(json, offset, drop_sa_keys, out)) return;
  }
  echo(json, offset, drop_sa_keys, out);
}

void append_unescaped_string(std::string_view json, size_t offset, std::string& out) {
  if (offset >= json.size() || json[offset] != '"') return;
  for_each_piece(
      json, offset, [&](std::string_view run) { out += run; }, [&](uint32_t cp) { append_utf8(cp, out); });
}

json::Kind text_value_kind(std::string_view json, size_t offset) {
  const size_t i = skip_whitespace(json, offset);
  if (i >= json.size()) return json::Kind::kNull;
  switch (json[i]) {
    case '{':
      return json::Kind::kObject;
    case '[':
      return json::Kind::kArray;
    case '"':
      return json::Kind::kString;
    case 't':
      return json::Kind::kTrue;
    case 'f':
      return json::Kind::kFalse;
    case 'n':
      return json::Kind::kNull;
    default:
      break;
  }
  for (size_t k = i; k < json.size() && is_number_char(json[k]); ++k) {
    if (json[k] == '.' || json[k] == 'e' || json[k] == 'E') return json::Kind::kFloat;
  }
  return json::Kind::kInt;
}

}  // namespace tfschema::render
