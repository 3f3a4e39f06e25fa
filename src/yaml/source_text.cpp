#include "yaml/source_text.hpp"

#include <cstdio>
#include <string>

#include "json/text_decoding.hpp"
#include "text/utf8.hpp"

namespace tfschema::yaml {
namespace {

// PyYAML's Reader.NON_PRINTABLE, negated: what a YAML stream may hold.
bool printable(uint32_t cp) {
  return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
         (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

std::string hex_code(uint32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "#x%04x", cp);
  return buffer;
}

// Checks well-formed UTF-8 text for characters YAML forbids.
bool check_printable(SourceText& source) {
  const std::string_view text = source.text;
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    const uint32_t cp = text::next_code_point(text, i);
    if (!printable(cp)) {
      source.ok = false;
      source.problem = "unacceptable character " + hex_code(cp) + ": special characters are not allowed";
      source.problem_offset = at;
      return false;
    }
  }
  return true;
}

}  // namespace

SourceText decode_source(std::string_view bytes) {
  SourceText source;
  const bool le = bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE';
  const bool be = bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF';
  if (le || be) {
    size_t error_offset = 0;
    // Python's utf-16 codecs refuse lone surrogates; transcode_utf16 passes
    // them through as WTF-8, so they are looked for afterwards.
    if (!json::transcode_utf16(bytes.substr(2), be, source.text, &error_offset)) {
      source.ok = false;
      source.problem = "'utf-16' codec can't decode the input: truncated data or an unpaired surrogate";
      source.problem_offset = source.text.size();
      return source;
    }
    if (text::has_lone_surrogate(source.text)) {
      source.ok = false;
      source.problem = "'utf-16' codec can't decode the input: illegal UTF-16 surrogate";
      source.problem_offset = 0;
      for (size_t i = 0; i + 1 < source.text.size(); ++i) {
        if (source.text[i] == '\xED' && (static_cast<unsigned char>(source.text[i + 1]) & 0xE0) == 0xA0) {
          source.problem_offset = i;
          break;
        }
      }
      return source;
    }
    check_printable(source);
    return source;
  }
  const json::Utf8Check utf8 = json::check_utf8(bytes, /*allow_surrogates=*/false);
  if (!utf8.ok) {
    source.ok = false;
    source.text.assign(bytes);
    source.problem = "'utf-8' codec can't decode byte " +
                     hex_code(static_cast<unsigned char>(bytes[utf8.error_offset])) + ": invalid UTF-8";
    source.problem.replace(source.problem.find("#x"), 2, "0x");
    source.problem_offset = utf8.error_offset;
    return source;
  }
  source.text.assign(bytes);
  if (source.text.size() >= 3 && source.text.compare(0, 3, "\xEF\xBB\xBF") == 0) source.start = 3;
  check_printable(source);
  return source;
}

std::string_view text_for_libyaml(std::string_view text, std::string& patched) {
  // Directives stand at the start of the stream or after a `...` line, before
  // the document's `---`; only lines there are looked at (a block scalar may
  // hold "%YAML 1.3" as text).
  bool directive_zone = true;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    const size_t line_start = at;
    at = end + 1;
    if (line.substr(0, 3) == "...") {
      directive_zone = true;
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos || line[0] == '#') continue;
    if (!directive_zone || line[0] != '%') {
      directive_zone = false;
      continue;
    }
    if (line.substr(0, 5) != "%YAML") continue;
    size_t i = 5;
    while (i < line.size() && line[i] == ' ') ++i;
    size_t major_end = i;
    while (major_end < line.size() && line[major_end] >= '0' && line[major_end] <= '9') ++major_end;
    if (major_end == i || major_end >= line.size() || line[major_end] != '.') continue;
    const std::string_view major = line.substr(i, major_end - i);
    const size_t significant = major.find_first_not_of('0');
    if (significant == std::string_view::npos || major.substr(significant) != "1") continue;
    size_t minor_end = major_end + 1;
    while (minor_end < line.size() && line[minor_end] >= '0' && line[minor_end] <= '9') ++minor_end;
    const std::string_view minor = line.substr(major_end + 1, minor_end - major_end - 1);
    if (minor.empty() || minor == "1" || minor == "2") continue;
    if (patched.empty()) patched.assign(text);
    patched[line_start + major_end + 1] = '1';
    for (size_t k = major_end + 2; k < minor_end; ++k) patched[line_start + k] = ' ';
  }
  return patched.empty() ? text : std::string_view(patched);
}

CharIndex::CharIndex(std::string_view text, size_t start) : text_(text), start_(start) {
  for (size_t i = start; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      ascii_ = false;
      break;
    }
  }
  if (ascii_) return;
  uint64_t chars = 0;
  for (size_t i = start; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars % 64 == 0) every_64th_.push_back(i);
    ++chars;
  }
}

uint64_t CharIndex::byte_offset(uint64_t char_index) const {
  if (ascii_) return std::min<uint64_t>(start_ + char_index, text_.size());
  const uint64_t block = char_index / 64;
  if (block >= every_64th_.size()) return text_.size();
  size_t i = every_64th_[block];
  for (uint64_t left = char_index % 64; left > 0 && i < text_.size(); --left) {
    ++i;
    while (i < text_.size() && (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

}  // namespace tfschema::yaml
