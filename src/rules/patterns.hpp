// The four `pattern` constraints of the ApplyArtifactRequest schema, matched
// by hand: linear time, no allocation, no regex engine on the hot path.
//
// Each profile runs the same pattern under a different engine, and the
// engines disagree on what `$` means, so every match names its semantics.
// tests/unit/patterns_test.cpp proves each matcher against RE2 (kRust),
// CPython's re (kPythonMatch) and Node's RegExp (kEcma262).
#pragma once

#include <cstdint>
#include <string_view>

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

// Whether the engine of `semantics` finds `pattern` in `wtf8`.
//
// `wtf8` is the string as Python holds it: UTF-8, possibly with lone
// surrogates as 3-byte sequences. Every byte sequence is accepted (the
// function is total and never reads outside the view): all four patterns
// only admit ASCII where they constrain characters, so non-ASCII bytes,
// surrogates and invalid sequences simply fail to match there, and the
// unconstrained tail of kUri accepts anything after its prefix.
bool matches(Pattern pattern, RegexSemantics semantics, std::string_view wtf8);

}  // namespace tfschema::rules
