// From the PATH arguments to the list of inputs to read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/args.hpp"

namespace tfschema::cli {

struct Input {
  std::string path;              // "-" for standard input
  std::string name;              // as printed: the path, or "<stdin>"
  std::optional<uint64_t> size;  // when known up front (regular files)
  bool yaml = false;             // YAML manifests, not a JSON body
};

struct InputList {
  std::vector<Input> inputs;
  // One message per argument that yields nothing (a directory without a
  // matching file, or one that cannot be listed).
  std::vector<std::string> problems;
};

struct DiscoverOptions {
  bool jsonl = false;
  InputMode mode = InputMode::kAuto;
  std::vector<std::string> excludes;  // globs
};

// Expands directories recursively (sorted; names starting with '.' skipped)
// to their files ending in .json, .yaml or .yml (--input narrows that to one
// kind; with `jsonl`: .jsonl and .ndjson). A file or directory whose path or
// name matches an exclude glob (fnmatch: `*` also crosses '/') is skipped,
// a file named on the command line included. Anything else is kept as a path
// to read, even if it does not exist: the reader reports that, in order.
InputList discover_inputs(const std::vector<std::string>& paths, const DiscoverOptions& options);

// Whether `path` (as printed) is excluded by one of `globs`.
bool excluded(const std::string& path, const std::vector<std::string>& globs);

}  // namespace tfschema::cli
