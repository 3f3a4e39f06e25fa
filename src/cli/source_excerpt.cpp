#include "cli/source_excerpt.hpp"

#include <algorithm>
#include <vector>

namespace tfschema::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Whether `unit` (a lead byte and its continuation bytes) is one well-formed
// UTF-8 code point that is safe to show: no C0/C1 control, no surrogate, no
// overlong form.
bool printable_code_point(std::string_view unit) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(unit[k]); };
  const unsigned char lead = byte(0);
  size_t length = 0;
  uint32_t cp = 0;
  if (lead < 0x80) return unit.size() == 1 && lead >= 0x20 && lead != 0x7F;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07;
  } else {
    return false;
  }
  if (unit.size() != length) return false;
  for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (byte(k) & 0x3F);
  constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[length] || cp > 0x10FFFF) return false;
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  return cp >= 0xA0;  // C1 controls (U+0080-U+009F) can drive a terminal
}

}  // namespace

SourceExcerpt source_excerpt(std::string_view body, uint64_t offset) {
  const size_t at = static_cast<size_t>(std::min<uint64_t>(offset, body.size()));
  const size_t line_begin = at == 0 ? 0 : body.rfind('\n', at - 1) + 1;  // npos + 1 == 0
  size_t line_end = body.find('\n', at);
  if (line_end == std::string_view::npos) line_end = body.size();
  const std::string_view line = body.substr(line_begin, line_end - line_begin);

  // Display units: a code point's bytes (stray continuation bytes stay with
  // the code point before them, as line_column() counts them). Counted first,
  // collected only inside the window: a long line costs no allocation.
  const auto unit_starts_at = [&](size_t i) { return i == 0 || !is_continuation(static_cast<unsigned char>(line[i])); };
  const size_t caret_byte = at - line_begin;  // may equal line.size() (end of line)
  size_t caret_unit = 0;                      // units starting before the caret, as line_column() counts
  size_t unit_count = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (!unit_starts_at(i)) continue;
    ++unit_count;
    if (i < caret_byte) caret_unit = unit_count;
  }

  size_t first = 0;
  size_t last = unit_count;
  if (unit_count > kExcerptWidth) {
    first = caret_unit > kExcerptWidth / 2 ? caret_unit - kExcerptWidth / 2 : 0;
    last = std::min(unit_count, first + kExcerptWidth);
    first = last - kExcerptWidth;
  }
  std::vector<std::string_view> units;  // units[first, last)
  units.reserve(last - first);
  for (size_t i = 0, index = 0; i < line.size() && index < last;) {
    size_t j = i + 1;
    while (j < line.size() && !unit_starts_at(j)) ++j;
    if (index >= first) units.push_back(line.substr(i, j - i));
    ++index;
    i = j;
  }

  SourceExcerpt excerpt;
  if (first > 0) {
    excerpt.line += kEllipsis;
    excerpt.caret_indent += ' ';
  }
  for (size_t u = first; u < last; ++u) {
    const std::string_view unit = units[u - first];
    const bool tab = unit == "\t";
    // The '\r' of a CRLF line end is shown as nothing but still counted, as
    // line_column() counts it.
    const bool crlf_end = unit == "\r" && u + 1 == unit_count;
    if (tab || printable_code_point(unit)) {
      excerpt.line += unit;
    } else if (!crlf_end) {
      excerpt.line += kReplacement;
    }
    if (u < caret_unit) excerpt.caret_indent += tab ? '\t' : ' ';
  }
  if (last < unit_count) excerpt.line += kEllipsis;
  return excerpt;
}

}  // namespace tfschema::cli
