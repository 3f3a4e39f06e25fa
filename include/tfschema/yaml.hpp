// YAML manifests, read the way the Python tooling reads them: PyYAML 6's
// yaml.safe_load_all (YAML 1.1: yes/no/on/off are booleans, 0x1F/017/1_000/
// 1:30 integers, .inf/.nan floats, ~ null, merge keys, anchors and aliases,
// duplicate keys last-wins), then each document written as the request body
// json.dumps({"manifest": document}) would write. Validating that body gives
// the server's answer for the document, with positions in the YAML text.
//
//   tfschema::YamlStream stream = tfschema::read_yaml(file_bytes);
//   tfschema::Validator validator;
//   for (const tfschema::YamlDocument& doc : stream.documents) {
//     if (doc.manifest_type && *doc.manifest_type != "artifact-version") continue;  // another kind
//     tfschema::YamlValidation v = tfschema::validate_yaml_document(validator, doc);
//     if (v.problem) { /* v.problem->message at v.problem->byte_offset */ continue; }
//     for (size_t i = 0; i < v.result.errors().size(); ++i)
//       report(v.result.errors()[i], tfschema::line_column(stream.text, v.error_offsets[i]));
//   }
//
// The reader is libyaml (the C parser PyYAML can also use) with PyYAML's
// composer, resolver and SafeConstructor rules; see docs/yaml.md for what
// is exact and the few places libyaml's scanner differs from PyYAML's.
// Thread safety: read_yaml() is a pure function; nothing throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tfschema/export.h"
#include "tfschema/validator.hpp"

namespace tfschema {

struct YamlOptions {
  // Longer input is refused (YamlProblemKind::kLimit) without being read.
  size_t max_yaml_bytes = size_t{64} << 20;
  // A document whose JSON body would be longer is refused as it is written,
  // so aliases naming aliases (a "billion laughs" bomb) cost at most this
  // much time and memory. Merge keys count against the same budget.
  size_t max_json_bytes = size_t{64} << 20;
  // Collections nested deeper are refused: PyYAML's recursive composer runs
  // out of stack there (Python 3.11: between 490 and 493 levels, depending on
  // the innermost token). 0 picks 490.
  uint32_t max_depth = 0;
};

// Why a document has no JSON body, in the order the Python tooling meets it.
enum class YamlProblemKind : unsigned char {
  kUnreadable,  // not UTF-8/UTF-16 text, or a character YAML forbids: the whole stream
  kSyntax,      // yaml.safe_load_all stops here (a syntax error, an unknown alias...): this and later documents
  kConstruct,   // the document cannot be turned into Python values (`!!int x`, an unhashable key, ...)
  kNotJson,     // json.dumps cannot write it (an unquoted date, !!set, !!binary, a cycle, a huge int)
  kLimit,       // a YamlOptions limit
};

struct YamlProblem {
  YamlProblemKind kind = YamlProblemKind::kSyntax;
  std::string message;       // what went wrong, PyYAML's or json.dumps' words where it has them
  uint64_t byte_offset = 0;  // in YamlStream::text
};

struct YamlDocument {
  size_t index = 0;          // 0 for the first document of the stream
  uint64_t byte_offset = 0;  // where it starts in YamlStream::text
  // Set when the document has no JSON body; json_body is then empty.
  std::optional<YamlProblem> problem;
  // {"manifest": <document>} exactly as Python's json.dumps writes it.
  std::string json_body;
  // The document is empty (a `---` with nothing after it): None in Python.
  bool empty = false;
  // The manifest's kind: the `type` member when the document is a mapping
  // whose `type` is a str ("artifact-version", "service", ...).
  std::optional<std::string> manifest_type;
  // The document is a mapping; with a `type` member (of any value); with an
  // `ml_repo` or a `source` member (members only an ArtifactManifest among
  // TrueFoundry's manifests has). Linters use them to tell a manifest of
  // this endpoint that lacks its `type` from other YAML files.
  bool is_mapping = false;
  bool has_type = false;
  bool has_manifest_keys = false;
  // (offset in json_body, offset in YamlStream::text) of every value and
  // key written, sorted by the first; see yaml_offset().
  std::vector<std::pair<uint64_t, uint64_t>> positions;

  // Where the JSON value at `json_offset` of json_body came from in the YAML
  // text: its node, or the alias standing for it.
  TFSCHEMA_API uint64_t yaml_offset(uint64_t json_offset) const noexcept;
};

struct YamlStream {
  // The YAML text positions refer to: the input itself, or its UTF-8
  // transcoding when the input is UTF-16.
  std::string text;
  // Every document yaml.safe_load_all yields, in order; when it stops early
  // (kUnreadable, kSyntax, kConstruct), the last document holds the problem.
  std::vector<YamlDocument> documents;
};

TFSCHEMA_API YamlStream read_yaml(std::string_view bytes, const YamlOptions& options = {}) noexcept;

struct YamlValidation {
  // The document's own problem (copied), when it has no body to validate.
  std::optional<YamlProblem> problem;
  // The server's answer to the document's body (kValid when `problem`).
  Result result;
  // Per result.errors()[i]: the byte offset in YamlStream::text of the node
  // the error's loc names (for a missing member, the mapping that lacks it).
  std::vector<uint64_t> error_offsets;

  bool ok() const noexcept { return !problem && result.ok(); }
};

// Validates the document's body with `validator` (its profile, its limits).
TFSCHEMA_API YamlValidation validate_yaml_document(Validator& validator, const YamlDocument& document) noexcept;

}  // namespace tfschema
