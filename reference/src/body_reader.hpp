// Reads a request body with nlohmann/json into the value Python's
// json.loads would build, or says that it cannot.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tfschema_reference/reference.hpp"

namespace tfschema::reference::detail {

// ordered_json keeps members in document order, as Python's dict does.
using Json = nlohmann::ordered_json;

// Python reads integers of any size; nlohmann turns those past 64 bits into
// doubles. The reader keeps them instead as their decimal text in a binary
// value, a type JSON text never produces, so nothing else can be mistaken
// for one.
bool is_big_integer(const Json& value);
std::string_view big_integer_digits(const Json& value);  // "-123..." or "123..."

// NOLINTNEXTLINE(bugprone-exception-escape): the implicit constructors throw nothing (nlohmann's do not)
struct Body {
  Json root;
  // Where a member name occurs more than once in one object: the path from
  // the root to that member (names and indices). As in Python, the object
  // holds the name once, at its first place, with the last value; a
  // repetition inside a value that a later one replaced is gone with it.
  std::set<std::vector<LocItem>> repeated_names;
};

enum class ReadOutcome {
  kOk,
  kNotJson,  // nlohmann rejects it (syntax, NaN, lone surrogates, invalid UTF-8, a number beyond a double, ...)
  kTooDeep,  // nested deeper than kMaxDepth
};

// Deeper bodies are not judged: the servers' own limits (970 in v1, 9994 in
// v2) depend on their stacks, and nothing the schema says is that deep.
inline constexpr size_t kMaxDepth = 512;

struct ReadResult {
  ReadOutcome outcome = ReadOutcome::kOk;
  std::string message;  // why, when not kOk
};

// Parses `bytes` (RFC 8259 JSON, an optional UTF-8 BOM skipped) into `out`.
ReadResult read_body(std::string_view bytes, Body& out);

}  // namespace tfschema::reference::detail
