// From the PATH arguments to the list of inputs to read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tfschema::cli {

struct Input {
  std::string path;              // "-" for standard input
  std::string name;              // as printed: the path, or "<stdin>"
  std::optional<uint64_t> size;  // when known up front (regular files)
};

struct InputList {
  std::vector<Input> inputs;
  // One message per argument that yields nothing (a directory without a
  // matching file, or one that cannot be listed).
  std::vector<std::string> problems;
};

// Expands directories recursively (sorted; names starting with '.' skipped)
// to their files ending in .json, or with `jsonl` in .jsonl or .ndjson.
// Anything else is kept as a path to read, even if it does not exist: the
// reader reports that, in order.
InputList discover_inputs(const std::vector<std::string>& paths, bool jsonl);

}  // namespace tfschema::cli
