// The four `pattern` constraints of the ApplyArtifactRequest schema, matched
// by hand: linear time, no allocation, no regex engine on the hot path.
// Inline, so that where the pattern is a constant (a rule's) only its
// matcher is compiled in, with no call.
//
// Each profile runs the same pattern under a different engine, and the
// engines disagree on what `$` means, so every match names its semantics.
// tests/unit/patterns_test.cpp proves each matcher against RE2 (kRust),
// CPython's re (kPythonMatch) and Node's RegExp (kEcma262).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/ascii_scan.hpp"

namespace tfschema::rules {

enum class Pattern : uint8_t {
  kName,          // ArtifactManifest.name:          ^[A-Za-z0-9_\-]+$
  kMlRepo,        // ArtifactManifest.ml_repo:       ^[a-zA-Z][a-zA-Z0-9\-]{1,98}[a-zA-Z0-9]$
  kVersionAlias,  // ArtifactManifest.version_alias: ^v[a-zA-Z0-9.-]*([a-zA-Z0-9]+)$
  kUri,           // *Source.uri:                    ^(s3|gs|wasbs)://.*
};

enum class RegexSemantics : uint8_t {
  // pydantic v2: the Rust regex crate's is_match (a search). `^` and `$` are
  // the start and end of the text; `.` is any scalar value but \n.
  kRust,
  // pydantic v1: Python's re.match(pattern, s), anchored at the start; `$`
  // matches at the end and also just before one final "\n".
  kPythonMatch,
  // The strict profile (JSON Schema, as ajv runs it): ECMA-262 RegExp with
  // the 'u' flag, test() = search; `$` is the end of the input (no 'm' flag).
  kEcma262,
};

// The pattern exactly as the schema declares it (what error messages and
// ctx echo), e.g. `^[A-Za-z0-9_\-]+$` with one backslash.
std::string_view pattern_text(Pattern pattern);

namespace pattern_detail {

// Character classes used by the patterns, as bits of one byte-indexed table.
// Bytes >= 0x80 belong to no class: every class in the patterns is ASCII.
enum ClassBit : uint8_t {
  kLetter = 1 << 0,      // [a-zA-Z]
  kDigit = 1 << 1,       // [0-9]
  kUnderscore = 1 << 2,  // _
  kHyphen = 1 << 3,      // -
  kDot = 1 << 4,         // .
};

constexpr std::array<uint8_t, 256> make_class_table() {
  std::array<uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<size_t>(c)] |= kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<size_t>(c)] |= kLetter;
  for (int c = '0'; c <= '9'; ++c) table[static_cast<size_t>(c)] |= kDigit;
  table['_'] |= kUnderscore;
  table['-'] |= kHyphen;
  table['.'] |= kDot;
  return table;
}

inline constexpr std::array<uint8_t, 256> kClassTable = make_class_table();

inline constexpr uint8_t kAlnum = kLetter | kDigit;

inline bool in_class(char c, uint8_t classes) { return (kClassTable[static_cast<unsigned char>(c)] & classes) != 0; }

// Eight bytes at a time (SWAR, with text/ascii_scan.hpp's words): a word's
// bytes, all ASCII, have their high bit set in the result where they are in
// one of the classes. With bytes below 0x80 no sum carries into the next byte.
using text::detail::kHighBits;
using text::detail::kOnes;
using text::detail::load8;
inline uint64_t bytes_between(uint64_t word, uint8_t low, uint8_t high) {
  return (word + kOnes * (0x80U - low)) & ~(word + kOnes * (0x7FU - high)) & kHighBits;
}
inline bool word_in_class(uint64_t word, uint8_t classes) {
  if ((word & kHighBits) != 0) return false;
  uint64_t in = 0;
  if (classes & kLetter) in |= bytes_between(word | (kOnes * 0x20), 'a', 'z');
  if (classes & kDigit) in |= bytes_between(word, '0', '9');
  if (classes & kUnderscore) in |= bytes_between(word, '_', '_');
  if (classes & kHyphen) in |= bytes_between(word, '-', '-');
  if (classes & kDot) in |= bytes_between(word, '.', '.');
  return in == kHighBits;
}

// True when every byte of text is in one of the classes: a word at a time
// when there are eight or more (the last word ends with the text, and may
// cover bytes already checked), else byte by byte without a branch each.
inline bool all_in_class(std::string_view text, uint8_t classes) {
  if (text.size() >= sizeof(uint64_t)) {
    for (size_t i = 0; i + sizeof(uint64_t) <= text.size(); i += sizeof(uint64_t)) {
      if (!word_in_class(load8(text.data() + i), classes)) return false;
    }
    return word_in_class(load8(text.data() + text.size() - sizeof(uint64_t)), classes);
  }
  bool all = true;
  for (char c : text) all &= in_class(c, classes);
  return all;
}

// ^[A-Za-z0-9_\-]+$ as a whole-string test.
inline bool is_name(std::string_view s) { return !s.empty() && all_in_class(s, kAlnum | kUnderscore | kHyphen); }

// ^[a-zA-Z][a-zA-Z0-9\-]{1,98}[a-zA-Z0-9]$ as a whole-string test: 3 to 100
// ASCII characters, so bytes and characters count the same here.
inline bool is_ml_repo(std::string_view s) {
  constexpr size_t kMinLength = 1 + 1 + 1;
  constexpr size_t kMaxLength = 1 + 98 + 1;
  if (s.size() < kMinLength || s.size() > kMaxLength) return false;
  return in_class(s.front(), kLetter) && all_in_class(s.substr(1, s.size() - 2), kAlnum | kHyphen) &&
         in_class(s.back(), kAlnum);
}

// ^v[a-zA-Z0-9.-]*([a-zA-Z0-9]+)$ as a whole-string test. The group only
// forces the last character to be alphanumeric: the star can give back all
// but the final run, so "v" plus any [a-zA-Z0-9.-]* ending in [a-zA-Z0-9].
inline bool is_version_alias(std::string_view s) {
  if (s.size() < 2 || s.front() != 'v') return false;
  return all_in_class(s.substr(1, s.size() - 2), kAlnum | kDot | kHyphen) && in_class(s.back(), kAlnum);
}

// ^(s3|gs|wasbs)://.* has no `$`, and `.*` may match the empty string, so a
// search succeeds as soon as the prefix is there, whatever follows (newlines,
// \r, U+2028 or bytes that are not even UTF-8), under every semantics.
inline bool has_uri_prefix(std::string_view s) {
  return s.starts_with("s3://") || s.starts_with("gs://") || s.starts_with("wasbs://");
}

// The three `$`-terminated patterns only admit classes without \n, so a
// match must stop right before `$`. Rust and ECMA-262 put `$` only at the
// end of the text; Python's `$` also accepts the position before a final
// "\n", which is the same as matching the text without that newline.
inline std::string_view anchored_subject(RegexSemantics semantics, std::string_view s) {
  if (semantics == RegexSemantics::kPythonMatch && s.ends_with('\n')) s.remove_suffix(1);
  return s;
}

}  // namespace pattern_detail

// Whether the engine of `semantics` finds `pattern` in `wtf8`.
//
// `wtf8` is the string as Python holds it: UTF-8, possibly with lone
// surrogates as 3-byte sequences. Every byte sequence is accepted (the
// function is total and never reads outside the view): all four patterns
// only admit ASCII where they constrain characters, so non-ASCII bytes,
// surrogates and invalid sequences simply fail to match there, and the
// unconstrained tail of kUri accepts anything after its prefix.
//
// The leading `^` anchors every pattern at the start of the text under all
// three semantics (none uses the multi-line flag), so search and match agree
// and only `$` differs.
[[gnu::always_inline]] inline bool matches(Pattern pattern, RegexSemantics semantics, std::string_view wtf8) {
  namespace d = pattern_detail;
  switch (pattern) {
    case Pattern::kName:
      return d::is_name(d::anchored_subject(semantics, wtf8));
    case Pattern::kMlRepo:
      return d::is_ml_repo(d::anchored_subject(semantics, wtf8));
    case Pattern::kVersionAlias:
      return d::is_version_alias(d::anchored_subject(semantics, wtf8));
    case Pattern::kUri:
      return d::has_uri_prefix(wtf8);
  }
  return false;
}

}  // namespace tfschema::rules
