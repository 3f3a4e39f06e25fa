#include "rules/patterns.hpp"

#include <array>
#include <cstddef>

namespace tfschema::rules {
namespace {

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

constexpr std::array<uint8_t, 256> kClassTable = make_class_table();

constexpr uint8_t kAlnum = kLetter | kDigit;

bool in_class(char c, uint8_t classes) { return (kClassTable[static_cast<unsigned char>(c)] & classes) != 0; }

// True when every byte of text is in one of the classes.
bool all_in_class(std::string_view text, uint8_t classes) {
  for (char c : text) {
    if (!in_class(c, classes)) return false;
  }
  return true;
}

// ^[A-Za-z0-9_\-]+$ as a whole-string test.
bool is_name(std::string_view s) { return !s.empty() && all_in_class(s, kAlnum | kUnderscore | kHyphen); }

// ^[a-zA-Z][a-zA-Z0-9\-]{1,98}[a-zA-Z0-9]$ as a whole-string test: 3 to 100
// ASCII characters, so bytes and characters count the same here.
bool is_ml_repo(std::string_view s) {
  constexpr size_t kMinLength = 1 + 1 + 1;
  constexpr size_t kMaxLength = 1 + 98 + 1;
  if (s.size() < kMinLength || s.size() > kMaxLength) return false;
  return in_class(s.front(), kLetter) && all_in_class(s.substr(1, s.size() - 2), kAlnum | kHyphen) &&
         in_class(s.back(), kAlnum);
}

// ^v[a-zA-Z0-9.-]*([a-zA-Z0-9]+)$ as a whole-string test. The group only
// forces the last character to be alphanumeric: the star can give back all
// but the final run, so "v" plus any [a-zA-Z0-9.-]* ending in [a-zA-Z0-9].
bool is_version_alias(std::string_view s) {
  if (s.size() < 2 || s.front() != 'v') return false;
  return all_in_class(s.substr(1, s.size() - 2), kAlnum | kDot | kHyphen) && in_class(s.back(), kAlnum);
}

// ^(s3|gs|wasbs)://.* has no `$`, and `.*` may match the empty string, so a
// search succeeds as soon as the prefix is there, whatever follows (newlines,
// \r, U+2028 or bytes that are not even UTF-8), under every semantics.
bool has_uri_prefix(std::string_view s) {
  return s.starts_with("s3://") || s.starts_with("gs://") || s.starts_with("wasbs://");
}

// The three `$`-terminated patterns only admit classes without \n, so a
// match must stop right before `$`. Rust and ECMA-262 put `$` only at the
// end of the text; Python's `$` also accepts the position before a final
// "\n", which is the same as matching the text without that newline.
std::string_view anchored_subject(RegexSemantics semantics, std::string_view s) {
  if (semantics == RegexSemantics::kPythonMatch && s.ends_with('\n')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view pattern_text(Pattern pattern) {
  switch (pattern) {
    case Pattern::kName:
      return R"(^[A-Za-z0-9_\-]+$)";
    case Pattern::kMlRepo:
      return R"(^[a-zA-Z][a-zA-Z0-9\-]{1,98}[a-zA-Z0-9]$)";
    case Pattern::kVersionAlias:
      return R"(^v[a-zA-Z0-9.-]*([a-zA-Z0-9]+)$)";
    case Pattern::kUri:
      return R"(^(s3|gs|wasbs)://.*)";
  }
  return {};
}

// The leading `^` anchors every pattern at the start of the text under all
// three semantics (none uses the multi-line flag), so search and match agree
// and only `$` differs.
bool matches(Pattern pattern, RegexSemantics semantics, std::string_view wtf8) {
  switch (pattern) {
    case Pattern::kName:
      return is_name(anchored_subject(semantics, wtf8));
    case Pattern::kMlRepo:
      return is_ml_repo(anchored_subject(semantics, wtf8));
    case Pattern::kVersionAlias:
      return is_version_alias(anchored_subject(semantics, wtf8));
    case Pattern::kUri:
      return has_uri_prefix(wtf8);
  }
  return false;
}

}  // namespace tfschema::rules
