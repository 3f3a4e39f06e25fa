// Each hand-written pattern matcher against RE2 running the exact pattern,
// under each profile's regular-expression semantics.
#include <re2/re2.h>

#include <memory>
#include <string>

#include "fuzz/fuzz_common.hpp"
#include "rules/patterns.hpp"

namespace {

using tfschema::rules::Pattern;
using tfschema::rules::RegexSemantics;

// RE2 programs equivalent to each engine for these four patterns: RE2's `$`
// is the end of the text, like Rust's and ECMA-262's without flags (their
// other differences, in what `.` matches, cannot show in `.*` at the end of
// the uri pattern); Python's re.match also lets `$` match before one final
// newline.
const RE2& program(Pattern pattern, RegexSemantics semantics) {
  static const auto programs = [] {
    std::array<std::array<std::unique_ptr<RE2>, 3>, 4> all;
    for (int p = 0; p < 4; ++p) {
      std::string text(tfschema::rules::pattern_text(static_cast<Pattern>(p)));
      for (int s = 0; s < 3; ++s) {
        std::string adapted = text;
        if (static_cast<RegexSemantics>(s) == RegexSemantics::kPythonMatch && adapted.back() == '$') {
          adapted.insert(adapted.size() - 1, "\\n?");
        }
        RE2::Options options;
        options.set_log_errors(false);
        all[p][s] = std::make_unique<RE2>(adapted, options);
      }
    }
    return all;
  }();
  return *programs[static_cast<int>(pattern)][static_cast<int>(semantics)];
}

bool valid_utf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 4096) return 0;
  const auto pattern = static_cast<Pattern>(data[0] % 4);
  const auto semantics = static_cast<RegexSemantics>((data[0] / 4) % 3);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  // RE2 reads invalid UTF-8 its own way; the matchers only ever see the
  // WTF-8 that the parsers produce, which these strings stand for.
  if (!valid_utf8(text)) return 0;
  const bool ours = tfschema::rules::matches(pattern, semantics, text);
  const bool re2 = RE2::PartialMatch(text, program(pattern, semantics));
  if (ours != re2) {
    tfschema::fuzz::fail("pattern matcher disagrees with RE2", tfschema::rules::pattern_text(pattern), text);
  }
  return 0;
}
