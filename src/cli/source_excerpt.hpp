// The source line under a diagnostic, with a caret below the offending value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tfschema::cli {

// Lines longer than this many code points are cut around the caret.
inline constexpr size_t kExcerptWidth = 160;

struct SourceExcerpt {
  // The line holding the offset, safe to print on a terminal: a control
  // character, an ill-formed UTF-8 sequence or a lone surrogate shows as
  // U+FFFD, a tab stays a tab; "…" marks where a long line was cut.
  std::string line;
  // What to print before the caret: a tab under each tab of `line`, a space
  // under every other code point. So the caret lands under the value
  // whatever the tab width (a double-width character still shifts it).
  std::string caret_indent;
};

// The excerpt for byte `offset` of `body` (clamped to its end). Positions
// count code points the way tfschema::line_column() does: one per byte that
// is not a UTF-8 continuation byte.
SourceExcerpt source_excerpt(std::string_view body, uint64_t offset);

}  // namespace tfschema::cli
