// json.dumps({"manifest": document}) with its defaults (ensure_ascii, ", " and
// ": " separators, NaN/Infinity allowed, circular references and depth
// checked), over a constructed YAML document, plus where each JSON value came
// from in the YAML text. Fails where json.dumps raises: a date, bytes or a
// set; a key that is none of str, int, float, bool, None; an int of more than
// 4,300 digits; a container inside itself; nesting past the C encoder's
// recursion limit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yaml/constructor.hpp"
#include "yaml/node_graph.hpp"

namespace tfschema::yaml {

// Containers json.dumps nests before RecursionError, counting the
// {"manifest": ...} wrapper, on Debian 12's Python 3.11.2 called the way
// tools/goldens/make_yaml_cases.py calls it (992 passes, 993 raises: the C
// encoder shares the interpreter's recursion limit, so a caller deeper in its
// own stack gets a level or two less). The depth/alias_chain goldens hold it.
inline constexpr uint32_t kJsonDumpsMaxDepth = 992;

struct OffsetPair {
  uint64_t json = 0;  // where a value (or key) starts in the JSON body
  uint64_t yaml = 0;  // where its node (or alias) starts in the YAML text
};

struct Dumped {
  std::string json;
  std::vector<OffsetPair> offsets;  // sorted by json offset
  std::optional<Problem> problem;
};

void dump_body(const Graph& graph, const Constructed& values, uint64_t max_bytes, Dumped& out);

// Appends `utf8` as json.dumps writes a str with ensure_ascii=True.
void append_json_ascii_string(std::string_view utf8, std::string& out);

}  // namespace tfschema::yaml
