// libyaml events -> PyYAML's node graph, one document at a time, as
// yaml.composer.Composer builds it: anchors are known from their node's
// first event on (so a collection may contain itself), a repeated anchor
// and an unknown alias are errors, and each scalar's tag is resolved from
// its text when it has none (or the non-specific `!`).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "yaml/node_graph.hpp"
#include "yaml/source_text.hpp"

namespace tfschema::yaml {

// Why a document has no JSON body, in the order the Python tooling meets
// them: reading the stream, constructing the Python value, writing it as JSON.
enum class ProblemKind : uint8_t {
  kUnreadable,  // bytes that are not YAML text (Reader)
  kSyntax,      // libyaml's scanner and parser, PyYAML's composer
  kConstruct,   // SafeConstructor
  kNotJson,     // json.dumps
  kLimit,       // a tfschema limit (the JSON it expands to, the input size)
};

struct Problem {
  ProblemKind kind = ProblemKind::kSyntax;
  std::string message;
  uint64_t offset = 0;  // byte offset in the source text
};

class Composer {
 public:
  // `text` must outlive the composer; parsing starts at `start`. Documents
  // nested deeper than `max_depth` collections are refused (PyYAML's
  // recursive composer fails there with RecursionError).
  Composer(std::string_view text, size_t start, uint32_t max_depth);
  ~Composer();
  Composer(const Composer&) = delete;
  Composer& operator=(const Composer&) = delete;

  enum class Next { kDocument, kEnd, kError };
  // Composes the next document into `graph` (kDocument), or says the stream
  // ended (kEnd) or cannot be read further (kError, with `problem`).
  Next next(Graph& graph, Problem& problem);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tfschema::yaml
