// PyYAML 6's SafeConstructor over a composed document: what Python value each
// node becomes (None, bool, int, float, str, date, bytes, list, dict, set,
// list of pairs), with its merge keys (`<<`, lists of mappings, nested
// merges) flattened and duplicate keys resolved as a dict does (the first
// key's position and object, the last value; 1, 1.0 and true are one key).
// Any error yaml.safe_load would raise while constructing is reported.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yaml/composer.hpp"
#include "yaml/node_graph.hpp"

namespace tfschema::yaml {

enum class ValueKind : uint8_t {
  kPending,  // a collection whose items are not built yet
  kNull,
  kBool,
  kInt,
  kFloat,
  kStr,
  kTimestamp,  // datetime.date / datetime.datetime
  kBinary,     // bytes
  kList,
  kDict,
  kSet,
  kPairList,  // !!omap / !!pairs: a list of (key, value) tuples
};

struct Pair {
  uint32_t key;  // item ids (an alias item names where the value is used)
  uint32_t value;
};

struct Value {
  ValueKind kind = ValueKind::kPending;
  bool boolean = false;       // kBool; for kFloat: the shared `.nan` object
  bool int_too_long = false;  // kInt over 4,300 digits
  double number = 0;
  uint32_t text_node = 0;  // kStr: the scalar node holding the text
  uint32_t index = 0;      // kInt: into Constructed::ints; kDict/kSet/kPairList: into Constructed::pairs
  uint32_t count = 0;      // number of pairs
};

struct Constructed {
  std::vector<Value> values;  // by node id (alias nodes stay kPending: use Graph::target)
  std::vector<Pair> pairs;
  std::vector<std::string> ints;  // decimal digits
  std::optional<Problem> problem;
};

// `graph` is changed as PyYAML changes its nodes (a `=` key becomes a str).
// `work_budget` bounds the pairs merge keys may copy, so that merging
// aliases of aliases stays linear in the output it makes.
void construct_document(Graph& graph, uint64_t work_budget, Constructed& out);

}  // namespace tfschema::yaml
