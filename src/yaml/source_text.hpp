// YAML bytes -> the text PyYAML reads, as PyYAML's Reader decides it for a
// bytes input: a UTF-16 BOM picks UTF-16 (LE or BE), anything else is UTF-8;
// the whole input is decoded strictly and checked for characters YAML does
// not allow before any token is read (so one bad byte anywhere refuses the
// whole stream, every document of it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tfschema::yaml {

struct SourceText {
  bool ok = true;
  // The text as UTF-8: the input itself for UTF-8 input (a leading UTF-8 BOM
  // included), its transcoding for UTF-16 input (without the BOM).
  std::string text;
  // Where libyaml starts reading in `text`: 3 past a UTF-8 BOM, else 0.
  size_t start = 0;
  // When !ok: what PyYAML's ReaderError says, and the byte offset in `text`
  // (UTF-8 input) or the offset of the offending character in the
  // transcoded prefix (UTF-16 input, `text` then holds what decoded).
  std::string problem;
  uint64_t problem_offset = 0;
};

SourceText decode_source(std::string_view bytes);

// PyYAML reads any `%YAML 1.x` document; libyaml only 1.1 and 1.2. Returns
// the text to hand libyaml: `text` itself, or (when some directive names
// another 1.x) a copy with those minor versions written as 1, at the same
// offsets.
std::string_view text_for_libyaml(std::string_view text, std::string& patched);

// libyaml marks count characters (a CRLF counts two); the rest of tfschema
// counts bytes. Maps a character index (counted from SourceText::start) to
// a byte offset in the text, in O(1) for ASCII text and O(64) otherwise.
class CharIndex {
 public:
  CharIndex() = default;
  CharIndex(std::string_view text, size_t start);
  uint64_t byte_offset(uint64_t char_index) const;

 private:
  std::string_view text_;
  size_t start_ = 0;
  bool ascii_ = true;
  std::vector<uint64_t> every_64th_;  // byte offset of characters 0, 64, 128, ...
};

}  // namespace tfschema::yaml
